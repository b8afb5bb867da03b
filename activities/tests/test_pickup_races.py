"""Pickup orders under concurrency (PU-3, PU-6, PU-7), real transactions on PostgreSQL."""

import uuid

import pytest

from activities import services
from activities.exceptions import PickupRefused
from activities.models import PickupLine, PickupOrder
from activities.tests.factories import delivered_device, pickup_draft, pickup_order
from inventory.models import StockMovement
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_pu_3_two_pickup_orders_for_the_same_device_at_once_one_wins(colleague, prescriber, lund):
    device = delivered_device(location=lund)
    results = race(
        lambda: pickup_order(colleague, lund, device),
        lambda: pickup_order(prescriber, lund, device),
    )
    assert sum(isinstance(r, PickupOrder) for r in results) == 1
    assert sum(isinstance(r, PickupRefused) for r in results) == 1
    assert PickupLine.objects.filter(device=device, is_open=True).count() == 1


def test_pu_1_skapa_hamtorder_sent_twice_at_once_creates_one(colleague, lund):
    device = delivered_device(location=lund)
    key = uuid.uuid4()
    results = race(*[lambda: pickup_order(colleague, lund, device, key=key)] * 2)
    assert all(isinstance(r, PickupOrder) for r in results), results
    assert results[0].pk == results[1].pk and PickupOrder.objects.count() == 1


def _send(by, draft):
    return services.create_pickup_order(
        by=by, key=draft.idempotency_key, contact=by.contact_line, return_reason="wrong_order"
    )


def test_pu_3_two_drafts_of_the_same_device_sent_at_once_one_wins(colleague, prescriber, lund):
    device = delivered_device(location=lund)
    drafts = [pickup_draft(user, lund, device) for user in (colleague, prescriber)]
    results = race(*[lambda user=d.orderer, d=d: _send(user, d) for d in drafts])
    assert sum(isinstance(r, PickupOrder) for r in results) == 1, results
    refused = [r for r in results if isinstance(r, PickupRefused)]
    assert len(refused) == 1 and "redan på den öppna hämtordern" in str(refused[0])
    assert PickupLine.objects.filter(device=device, is_open=True).count() == 1
    assert PickupOrder.objects.filter(status=PickupOrder.Status.DRAFT).count() == 1


def test_pu_1_the_same_draft_sent_twice_at_once_becomes_one_pickup_order(colleague, lund):
    draft = pickup_draft(colleague, lund)
    results = race(*[lambda: _send(colleague, draft)] * 2)
    assert all(isinstance(r, PickupOrder) for r in results), results
    assert results[0].pk == results[1].pk == draft.pk and PickupOrder.objects.count() == 1
    assert draft.events.count() == 1


def test_pu_1_skapa_hamtorder_in_two_tabs_at_once_makes_one_draft(colleague, lund):
    recipient = delivered_device(location=lund).recipient

    def start():
        return services.start_pickup_draft(by=colleague, recipient=recipient, service_location=lund)

    results = race(start, start)
    assert all(isinstance(r, PickupOrder) for r in results), results
    assert results[0].pk == results[1].pk and PickupOrder.objects.count() == 1


def test_pu_6_two_admins_registering_the_arrival_at_once_close_it_once(
    colleague, staff, lund, central_warehouse
):
    pickup = pickup_order(colleague, lund)
    results = race(*[lambda: services.close_pickup_order(by=staff, pickup_order=pickup)] * 2)
    assert sum(isinstance(r, PickupRefused) for r in results) == 1
    assert StockMovement.objects.filter(warehouse=central_warehouse).count() == 1


def test_pu_7_closing_and_cancelling_at_once_one_wins(colleague, staff, lund, central_warehouse):
    pickup = pickup_order(colleague, lund)
    results = race(
        lambda: services.close_pickup_order(by=staff, pickup_order=pickup),
        lambda: services.cancel_pickup_order(by=colleague, pickup_order=pickup),
    )
    assert sum(isinstance(r, PickupRefused) for r in results) == 1
    pickup.refresh_from_db()
    moved = StockMovement.objects.filter(warehouse=central_warehouse).exists()
    assert moved == (pickup.status == PickupOrder.Status.CLOSED)
