"""RET-D124: a device on an open pickup order is on its way to 70 and is not returned to own
store (Registrera ankomst would find it gone), and a returned device is not put on a pickup
order; the refusal names the other. On PostgreSQL both lock the device first, so one wins."""

import uuid

import pytest

from activities import services
from activities.exceptions import PickupRefused
from activities.models import PickupOrder
from activities.tests.factories import delivered_device, pickup_order
from recipients import services as recipient_services
from recipients.exceptions import RecipientError, ReturnRefused
from recipients.models import Device, Return
from sesam.tests.concurrency import race


def _return(by, location, device, key=None):
    return recipient_services.return_devices(
        by=by,
        recipient=device.recipient,
        service_location=location,
        device_ids=[device.pk],
        key=key or uuid.uuid4(),
    )


def test_ret_d124_a_device_on_an_open_pickup_order_is_not_returned(colleague, staff, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    with pytest.raises(ReturnRefused, match=f"öppna hämtordern {pickup.number}"):
        _return(colleague, lund, device)
    assert not Return.objects.exists()
    services.close_pickup_order(by=staff, pickup_order=pickup)  # Registrera ankomst still works
    device.refresh_from_db()
    assert device.status == Device.Status.RETURNED


def test_ret_d124_after_makulera_the_device_can_be_returned(colleague, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    services.cancel_pickup_order(by=colleague, pickup_order=pickup)
    assert isinstance(_return(colleague, lund, device), Return)


def test_ret_d124_a_returned_device_is_not_put_on_a_pickup_order(colleague, lund):
    device = delivered_device(location=lund)
    returned = _return(colleague, lund, device)
    with pytest.raises(PickupRefused, match=f"återlämnat med retur {returned.number}"):
        pickup_order(colleague, lund, device)
    assert not PickupOrder.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ret_d124_return_and_pickup_order_at_once_one_wins(colleague, prescriber, staff, lund):
    device = delivered_device(location=lund)
    results = race(
        lambda: _return(colleague, lund, device),
        lambda: pickup_order(prescriber, lund, device),
    )
    won = [r for r in results if isinstance(r, Return | PickupOrder)]
    assert len(won) == 1, results
    assert sum(isinstance(r, RecipientError | PickupRefused) for r in results) == 1, results
    if isinstance(won[0], PickupOrder):
        services.close_pickup_order(by=staff, pickup_order=won[0])
    device.refresh_from_db()
    assert device.status == Device.Status.RETURNED


def test_ret_d124_the_retur_page_names_the_pickup_order(client_as, colleague, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    data = {"key": str(uuid.uuid4()), "tjanstestalle": lund.pk, "retur": [device.pk]}
    response = client_as(colleague).post(f"/mottagare/{device.recipient_id}/retur/", data)
    assert response.status_code == 409
    assert f"finns på den öppna hämtordern {pickup.number}" in response.content.decode()
    assert not Return.objects.exists()
