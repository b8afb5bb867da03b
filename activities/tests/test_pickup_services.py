"""Pickup order services (PU-1…PU-7, REC-3, STK-4, HOME-5): create, close, cancel."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction

from activities import services
from activities.exceptions import PickupRefused
from activities.models import PickupLine, PickupOrder
from activities.selectors import pickup as selectors
from activities.tests.factories import delivered_device, pickup_order
from inventory.models import Individual, StockBalance, StockMovement
from recipients.exceptions import RecipientInactive
from recipients.models import Device
from recipients.tests.factories import RecipientFactory
from sesam.models import Message

DAY = datetime.date(2026, 12, 2)


def test_pu_1_creates_a_registered_pickup_order_with_number_and_history(colleague, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device, comment="Passar inte")
    assert pickup.status == PickupOrder.Status.REGISTERED
    assert len(pickup.number) == 8 and pickup.number.isdigit()
    assert list(pickup.lines.values_list("device", flat=True)) == [device.pk]
    event = pickup.events.get()
    assert (event.from_status, event.to_status, event.by) == ("", "registered", colleague)


def test_pu_4_the_pickup_address_is_the_units_and_contact_the_users(colleague, lund):
    pickup = pickup_order(colleague, lund)
    assert pickup.pickup_address == "\n".join(lund.address_lines)
    assert pickup.contact.startswith("Karl Kollega")


def test_pu_6_devices_stay_on_the_recipients_list_until_the_arrival(colleague, lund):
    device = delivered_device(location=lund)
    pickup_order(colleague, lund, device)
    device.refresh_from_db()
    assert device.status == Device.Status.DELIVERED


def test_rec_3_an_inactive_recipient_is_refused(colleague, lund):
    device = delivered_device(recipient=RecipientFactory(is_active=False), location=lund)
    with pytest.raises(RecipientInactive, match="Mottagaren är inte aktiv – kontakta Hjälpmedel"):
        pickup_order(colleague, lund, device)
    assert not PickupOrder.objects.exists()


def test_pu_3_a_device_on_an_open_pickup_order_is_refused_and_not_offered(colleague, lund):
    device = delivered_device(location=lund)
    first = pickup_order(colleague, lund, device)
    assert device not in selectors.pickable_devices(user=colleague, recipient=device.recipient)
    with pytest.raises(PickupRefused, match=f"redan på den öppna hämtordern {first.number}"):
        pickup_order(colleague, lund, device)


def test_pu_3_another_recipients_device_is_refused(colleague, lund):
    mine, theirs = delivered_device(location=lund), delivered_device(location=lund)
    with pytest.raises(PickupRefused):
        services.create_sent_pickup_order(
            by=colleague,
            recipient=mine.recipient,
            service_location=lund,
            reason="by_post",
            device_ids=[mine.pk, theirs.pk],
            contact="Karl",
            return_reason="other",
            comment="x",
            idempotency_key=uuid.uuid4(),
        )
    assert not PickupOrder.objects.exists()


def test_pu_2_an_unknown_reason_is_refused(colleague, lund):
    with pytest.raises(PickupRefused, match="Skickas till centrallager med post"):
        pickup_order(colleague, lund, reason="pickup_by_van")


def test_pu_5_a_comment_over_2000_characters_is_refused(colleague, lund):
    with pytest.raises(PickupRefused, match="för lång"):
        pickup_order(colleague, lund, comment="x" * 2001)


def test_pu_1_the_same_key_twice_creates_one_pickup_order(colleague, lund):
    device = delivered_device(location=lund)
    key = uuid.uuid4()
    first = pickup_order(colleague, lund, device, key=key)
    second = pickup_order(colleague, lund, device, key=key)
    assert first.pk == second.pk and PickupOrder.objects.count() == 1


def test_pu_3_the_database_refuses_a_device_on_two_open_pickup_orders(colleague, lund):
    device = delivered_device(location=lund)
    pickup_order(colleague, lund, device)
    other = pickup_order(colleague, lund)
    with pytest.raises(IntegrityError), transaction.atomic():
        PickupLine.objects.create(pickup_order=other, device=device)


def test_pu_6_closing_takes_the_devices_back_into_70(colleague, staff, lund, central_warehouse):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    services.close_pickup_order(by=staff, pickup_order=pickup, day=DAY)
    pickup.refresh_from_db()
    device.refresh_from_db()
    individual = Individual.objects.get(pk=device.individual_id)
    assert (pickup.status, pickup.closed_on) == (PickupOrder.Status.CLOSED, DAY)
    assert (device.status, device.returned_on) == (Device.Status.RETURNED, DAY)
    assert (individual.status, individual.warehouse) == ("in_stock", central_warehouse)
    assert list(pickup.events.values_list("to_status", flat=True)) == ["registered", "closed"]


def test_stk_4_the_arrival_is_a_stock_movement_in_70(colleague, staff, lund, central_warehouse):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    services.close_pickup_order(by=staff, pickup_order=pickup, day=DAY)
    movement = StockMovement.objects.get(warehouse=central_warehouse, article=device.article)
    assert (movement.quantity, movement.reason, movement.reference) == (1, "return", pickup.number)
    balance = StockBalance.objects.get(warehouse=central_warehouse, article=device.article)
    assert balance.quantity == 1


def test_home_5_the_orderer_gets_a_message_when_closed(colleague, staff, lund, central_warehouse):
    pickup = pickup_order(colleague, lund)
    services.close_pickup_order(by=staff, pickup_order=pickup)
    message = Message.objects.get(user=colleague)
    assert pickup.number in message.subject and "stängd" in message.subject
    assert message.link == f"/hamtorder/{pickup.number}/"


def test_pu_7_a_closed_pickup_order_cannot_be_closed_or_cancelled(
    colleague, staff, lund, central_warehouse
):
    pickup = pickup_order(colleague, lund)
    services.close_pickup_order(by=staff, pickup_order=pickup)
    stale = PickupOrder.objects.get(pk=pickup.pk)
    stale.status = PickupOrder.Status.REGISTERED
    with pytest.raises(PickupRefused, match="redan stängd"):
        services.close_pickup_order(by=staff, pickup_order=stale)
    with pytest.raises(PickupRefused, match="redan stängd"):
        services.cancel_pickup_order(by=colleague, pickup_order=stale)
    assert StockMovement.objects.filter(warehouse=central_warehouse).count() == 1


def test_pu_7_cancelling_frees_the_devices_for_a_new_pickup_order(colleague, lund):
    device = delivered_device(location=lund)
    pickup = pickup_order(colleague, lund, device)
    services.cancel_pickup_order(by=colleague, pickup_order=pickup)
    pickup.refresh_from_db()
    assert pickup.status == PickupOrder.Status.CANCELLED
    assert device in selectors.pickable_devices(user=colleague, recipient=device.recipient)
    assert pickup_order(colleague, lund, device).status == PickupOrder.Status.REGISTERED


def test_acc_7_a_private_clinic_may_create_a_pickup_order(private_prescriber, ystad):
    pickup = pickup_order(private_prescriber, ystad)
    assert pickup.service_location == ystad


def test_pu_1_another_location_is_refused(colleague, lund, helsingborg):
    with pytest.raises(PickupRefused, match="dina tjänsteställen"):
        pickup_order(colleague, helsingborg, delivered_device(location=lund))


def test_pu_7_a_cancelled_pickup_order_is_not_closed(colleague, staff, lund, central_warehouse):
    pickup = services.cancel_pickup_order(by=colleague, pickup_order=pickup_order(colleague, lund))
    with pytest.raises(PickupRefused, match="redan makulerad"):
        services.close_pickup_order(by=staff, pickup_order=pickup)
    assert PickupOrder.objects.get(pk=pickup.pk).status == PickupOrder.Status.CANCELLED
