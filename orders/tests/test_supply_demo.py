"""demo-data.md, issue 5's part: Lund's supply loop in the demo region, idempotent, made
through the services (the key individuals stay where browser tests expect them)."""

import io

import pytest
from django.core.management import call_command

from inventory.demo import KEY_INDIVIDUALS
from inventory.models import Individual, StockBalance
from orders import selectors
from orders.models import Order, OrderLine, PurchaseOrder, Receipt
from sesam.models import ServiceLocation


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())
    return ServiceLocation.objects.get(code="4101")


def test_demo_supply_loop_for_lund(demo_region):
    lund = demo_region
    refills = Order.objects.filter(service_location=lund, kind=Order.Kind.REFILL)
    unreceived = selectors.unreceived_orders([lund.pk])
    waiting = unreceived.filter(kind=Order.Kind.REFILL).get()
    assert waiting.purchase_orders.count() >= 2
    assert waiting.lines.filter(unit_price=0).exists()  # RCV-3 on the receive page
    assert unreceived.filter(kind=Order.Kind.PRESCRIPTION, purchase_orders__isnull=False).exists()
    assert Receipt.objects.filter(line__order__in=refills).exists()
    assert refills.filter(status=Order.Status.CANCELLED).exists()
    from_central = refills.filter(status=Order.Status.DELIVERED, lines__warehouse__number="70")
    assert from_central.exists()
    assert Individual.objects.get(number="4101301").warehouse == lund.warehouse


def test_demo_supply_is_idempotent_and_keeps_the_key_individuals(demo_region):
    counts = [Order.objects.count(), PurchaseOrder.objects.count(), Receipt.objects.count()]
    balances = list(StockBalance.objects.order_by("pk").values_list("quantity", "allocated"))
    call_command("seed_demo", stdout=io.StringIO())
    assert [Order.objects.count(), PurchaseOrder.objects.count(), Receipt.objects.count()] == counts
    assert (
        list(StockBalance.objects.order_by("pk").values_list("quantity", "allocated")) == balances
    )
    places = {
        "in_lund": "4101",
        "in_lund_2": "4101",
        "in_malmo": "4102",
        "in_helsingborg": "4103",
        "in_central": "70",
    }
    for key, warehouse in places.items():
        individual = Individual.objects.get(number=KEY_INDIVIDUALS[key])
        assert (individual.status, individual.warehouse.number) == ("in_stock", warehouse), key
    assert not OrderLine.objects.filter(order__status="draft").exists()


def test_bey_7_demo_suppliers_have_order_addresses_and_one_purchase_order_was_sent(
    demo_region,
):
    from inventory.models import Supplier

    assert not Supplier.objects.filter(order_email="").exists()
    sent = PurchaseOrder.objects.filter(sending="sent")
    assert sent.exists() and all(po.send_to.startswith("inkop@") for po in sent)
    assert PurchaseOrder.objects.filter(sending="unsent").exists()  # one left to send
