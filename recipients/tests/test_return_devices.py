"""return_devices (RET-1…RET-4, ACC-7, STK-4): the service."""

import pytest

from inventory.models import Individual, StockBalance, StockMovement
from inventory.tests.checks import assert_balances_are_sums_of_movements
from recipients.exceptions import DeviceUnavailable, ReturnRefused
from recipients.models import Device, ReturnLine
from recipients.services import return_devices
from recipients.tests.factories import DeviceFactory
from sesam.models import AccessLog
from sesam.tests.factories import ProductAreaFactory


def _return(prescriber, device, location, **kwargs):
    return return_devices(
        by=prescriber,
        recipient=device.recipient,
        service_location=location,
        device_ids=[device.pk],
        **kwargs,
    )


def _balance(warehouse, article):
    return StockBalance.objects.get(warehouse=warehouse, article=article).quantity


def test_ret_1_the_locations_own_store_is_used(prescriber, hearing_aid, malmo):
    ret = _return(prescriber, hearing_aid, malmo)
    assert (ret.warehouse.number, ret.service_location) == ("4102", malmo)
    assert len(ret.number) == 8


def test_ret_2_the_device_leaves_the_active_list_with_the_date(prescriber, hearing_aid, lund):
    ret = _return(prescriber, hearing_aid, lund)
    hearing_aid.refresh_from_db()
    assert (hearing_aid.status, hearing_aid.returned_on) == (
        Device.Status.RETURNED,
        ret.returned_on,
    )
    line = ReturnLine.objects.get(device=hearing_aid)
    assert (line.ret, line.kind, line.quantity) == (ret, "return", 1)


def test_ret_2_an_individual_lies_in_the_store_again(prescriber, hearing_aid, lund):
    _return(prescriber, hearing_aid, lund)
    individual = Individual.objects.get(pk=hearing_aid.individual_id)
    assert (individual.status, individual.warehouse) == ("in_stock", lund.warehouse)
    assert _balance(lund.warehouse, hearing_aid.article) == 1
    assert_balances_are_sums_of_movements()


def test_stk_4_the_balance_rises_by_a_movement(prescriber, domes, lund):
    ret = _return(prescriber, domes, lund)
    movement = StockMovement.objects.get(warehouse=lund.warehouse, article=domes.article)
    assert (movement.quantity, movement.reason, movement.reference) == (3, "return", ret.number)
    assert movement.by == prescriber
    assert _balance(lund.warehouse, domes.article) == 3
    assert_balances_are_sums_of_movements()


def test_ret_3_acc_7_a_private_clinic_is_refused(private_prescriber, hearing_aid, ystad):
    with pytest.raises(ReturnRefused, match="privat mottagning"):
        _return(private_prescriber, hearing_aid, ystad)
    hearing_aid.refresh_from_db()
    assert hearing_aid.status == Device.Status.DELIVERED


def test_ret_1_a_location_the_user_is_not_linked_to_is_refused(
    prescriber, hearing_aid, helsingborg
):
    with pytest.raises(ReturnRefused, match="inte kopplad"):
        _return(prescriber, hearing_aid, helsingborg)
    assert not StockMovement.objects.exists()


def test_ret_2_another_recipients_device_is_refused(prescriber, hearing_aid, lund, protected):
    with pytest.raises(DeviceUnavailable):
        return_devices(
            by=prescriber, recipient=protected, service_location=lund, device_ids=[hearing_aid.pk]
        )
    assert not StockMovement.objects.exists()


def test_ret_2_a_device_outside_the_users_product_areas_is_refused(prescriber, tolvan, lund):
    syn = ProductAreaFactory(code="syn", name="Syn")
    device = DeviceFactory(recipient=tolvan, article__product_area=syn)
    with pytest.raises(ReturnRefused, match="produktområden"):
        _return(prescriber, device, lund)


def test_ret_2_a_returned_device_cannot_be_returned_again(prescriber, hearing_aid, lund):
    _return(prescriber, hearing_aid, lund)
    with pytest.raises(DeviceUnavailable):
        _return(prescriber, hearing_aid, lund)
    assert _balance(lund.warehouse, hearing_aid.article) == 1


def test_ret_1_the_same_key_twice_is_one_return(prescriber, hearing_aid, lund):
    first = _return(prescriber, hearing_aid, lund, key="6f1c9f9e-6c43-4c1e-9d1e-2f3a4b5c6d7e")
    second = _return(prescriber, hearing_aid, lund, key="6f1c9f9e-6c43-4c1e-9d1e-2f3a4b5c6d7e")
    assert first == second
    assert StockMovement.objects.count() == 1


def test_acc_8_a_return_is_logged_with_its_devices(prescriber, hearing_aid, domes, lund):
    ret = return_devices(
        by=prescriber,
        recipient=hearing_aid.recipient,
        service_location=lund,
        device_ids=[hearing_aid.pk, domes.pk],
        scrap_ids=[],
    )
    row = AccessLog.objects.get(action="return_devices")
    assert row.context == {
        "number": ret.number,
        "returned": sorted([hearing_aid.pk, domes.pk]),
        "scrapped": [],
    }
    assert (row.recipient_id, row.user, row.service_location) == (
        hearing_aid.recipient_id,
        prescriber,
        lund,
    )


def test_ret_1_nothing_ticked_is_refused(prescriber, tolvan, lund):
    with pytest.raises(ReturnRefused, match="minst ett"):
        return_devices(by=prescriber, recipient=tolvan, service_location=lund, device_ids=[])
