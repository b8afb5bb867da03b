"""Taking delivered devices back (RET-2, RET-4, PU-6): the shared primitive of returns to own
store and pickup orders."""

import datetime

import pytest
from django.db import transaction

from inventory.models import Individual, StockBalance, StockMovement
from recipients.exceptions import DeviceUnavailable
from recipients.models import Device
from recipients.services import lock_delivered_devices, take_back_devices
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory
from sesam.tests.concurrency import race

DAY = datetime.date(2026, 12, 2)


def _take_back(device, warehouse, by, *, scrap=False):
    with transaction.atomic():
        locked = lock_delivered_devices(recipient=device.recipient, device_ids=[device.pk])
        return take_back_devices(
            devices=locked, warehouse=warehouse, day=DAY, reference="R1", by=by, scrap=scrap
        )


def _balance(warehouse, article):
    return StockBalance.objects.get(warehouse=warehouse, article=article).quantity


def test_ret_2_an_individual_lies_in_the_warehouse_again(lund, prescriber):
    individual = IndividualFactory()
    device = DeviceFactory(article=individual.article, individual=individual)
    _take_back(device, lund.warehouse, prescriber)
    device.refresh_from_db()
    individual.refresh_from_db()
    assert (device.status, device.returned_on) == (Device.Status.RETURNED, DAY)
    assert (individual.status, individual.warehouse) == (Individual.Status.IN_STOCK, lund.warehouse)
    assert _balance(lund.warehouse, individual.article) == 1
    assert individual.events.filter(kind="returned", to_value="4101").exists()


def test_stk_4_a_return_is_a_stock_movement(lund, prescriber):
    device = DeviceFactory(quantity=3)
    _take_back(device, lund.warehouse, prescriber)
    movement = StockMovement.objects.get(warehouse=lund.warehouse, article=device.article)
    assert (movement.quantity, movement.reason, movement.by) == (3, "return", prescriber)
    assert _balance(lund.warehouse, device.article) == 3


def test_ret_4_a_scrapped_device_raises_no_stock(lund, prescriber):
    device = DeviceFactory()
    _take_back(device, None, prescriber, scrap=True)
    device.refresh_from_db()
    assert device.status == Device.Status.SCRAPPED
    assert not StockMovement.objects.filter(article=device.article).exists()


def test_another_recipients_device_is_refused(lund, prescriber):
    device = DeviceFactory()
    with pytest.raises(DeviceUnavailable), transaction.atomic():
        lock_delivered_devices(recipient=RecipientFactory(), device_ids=[device.pk])


@pytest.mark.django_db(transaction=True)
def test_ret_2_a_device_returned_twice_at_once_is_returned_once(lund, prescriber):
    individual = IndividualFactory()
    device = DeviceFactory(article=individual.article, individual=individual)
    results = race(*[lambda: _take_back(device, lund.warehouse, prescriber)] * 2)
    assert sum(isinstance(r, DeviceUnavailable) for r in results) == 1
    assert _balance(lund.warehouse, individual.article) == 1
