"""Orders stay consistent when two people work on one order at once (ORD-D10, ORD-D11):
threads with their own connections and real transactions on PostgreSQL."""

import pytest

from inventory.models import StockBalance
from inventory.tests.factories import ArticleFactory, SupplierFactory
from orders import services
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription, refill, refill_lines
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def _receive(user, line):
    return lambda: services.receive_lines(by=user, receipts=[services.LineReceipt(line.pk)])


def _names(results):
    return sorted(type(result).__name__ for result in results)


def test_rcv_7_two_purchase_orders_of_one_order_received_at_once_deliver_it(
    prescriber, colleague, lund
):
    order = refill(
        prescriber, lund, ArticleFactory(), ArticleFactory(supplier=SupplierFactory(name="B AB"))
    )
    assert len(services.create_purchase_orders(by=prescriber, order=order)) == 2
    first, second = order.lines.order_by("pk")
    results = race(_receive(prescriber, first), _receive(colleague, second))
    assert _names(results) == ["list", "list"]
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED


def test_rcv_7_a_receipt_beside_central_delivery_settles_the_order_once(
    prescriber, tolvan, lund, central_warehouse, staff
):
    at_70 = stocked_article(central_warehouse, 2)
    order = prescription(prescriber, tolvan, lund, at_70, ArticleFactory())
    on_750 = order.lines.get(warehouse__kind="purchasing")
    results = race(
        lambda: services.deliver_from_central(by=staff, order=order),
        _receive(prescriber, on_750),
    )
    assert _names(results) == ["list", "list"]  # no deadlock, no refusal
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert set(order.lines.values_list("status", flat=True)) == {OrderLine.Status.DELIVERED}
    assert order.events.filter(line=None, to_status=Order.Status.DELIVERED).count() == 1


def test_ord_14_a_refill_received_and_delivered_from_70_at_once_fills_the_store_once(
    prescriber, lund, central_warehouse, staff
):
    article = stocked_article(central_warehouse, 2)  # the same article from 70 and from 750
    order = refill_lines(prescriber, lund, [(article, 2), (ArticleFactory(), 1)])
    on_750 = order.lines.get(warehouse__kind="purchasing")
    results = race(
        lambda: services.deliver_from_central(by=staff, order=order),
        _receive(prescriber, on_750),
    )
    assert _names(results) == ["list", "list"]
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=article).quantity == 2


def test_rcv_6_a_cancel_beside_a_receipt_on_one_order_settles_it(prescriber, colleague, lund):
    order = refill(prescriber, lund, ArticleFactory(), ArticleFactory())
    first, second = order.lines.order_by("pk")
    results = race(
        lambda: services.cancel_lines(by=prescriber, line_ids=[first.pk]),
        _receive(colleague, second),
    )
    assert _names(results) == ["list", "list"]
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED  # every live line delivered


def test_src_4_cancel_beside_start_picking_exactly_one_wins(
    prescriber, tolvan, lund, central_warehouse, staff
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 2))
    results = race(
        lambda: services.cancel_order(by=prescriber, order=order),
        lambda: services.start_picking(by=staff, order=order),
    )
    (refusal,) = [r for r in results if isinstance(r, Exception)]
    assert isinstance(refusal, OrderRefused)
    order.refresh_from_db()
    if isinstance(results[0], Order):  # the cancel won
        assert "plockas" in str(refusal)
        assert order.status == Order.Status.CANCELLED
        assert set(order.lines.values_list("status", flat=True)) == {"cancelled"}
    else:
        assert "makuleras" in str(refusal)
        assert order.status == Order.Status.PICKING
        assert set(order.lines.values_list("status", flat=True)) == {"picking"}


def test_ord_1_a_double_start_gives_one_draft(prescriber, tolvan, lund):
    def start():
        return services.start_order(
            by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
        )

    results = race(start, start)
    assert _names(results) == ["Order", "Order"]
    assert results[0].pk == results[1].pk
    assert Order.objects.filter(orderer=prescriber, status=Order.Status.DRAFT).count() == 1


def test_ord_14_a_double_refill_start_gives_one_draft(prescriber, lund):
    def start():
        return services.start_refill(by=prescriber, service_location=lund)

    results = race(start, start)
    assert _names(results) == ["Order", "Order"]
    assert results[0].pk == results[1].pk
    assert Order.objects.get(orderer=prescriber, status=Order.Status.DRAFT).kind == "refill"
