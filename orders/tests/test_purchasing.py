"""Refill (ORD-14), purchase orders (ORD-8), receipts (RCV) and cancelling (SRC-4, RCV-6)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inventory.models import Individual, StockBalance
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory, SupplierFactory
from orders import services
from orders.exceptions import OrderRefused
from orders.models import Order, PurchaseOrder, Receipt
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription, refill
from recipients.models import Device
from sesam.models import Message
from sesam.tests.concurrency import race

CENTRAL = "central"


@pytest.fixture
def two_suppliers(purchasing_warehouse):
    return [
        ArticleFactory(supplier=SupplierFactory(name="Audiola AB")),
        ArticleFactory(supplier=SupplierFactory(name="Hörteknik AB")),
    ]


def test_ord_14_refill_goes_to_the_units_address(prescriber, lund, two_suppliers):
    order = refill(prescriber, lund, *two_suppliers)
    assert (order.kind, order.status, order.delivery_method) == ("refill", "registered", "to_unit")
    assert order.delivery_address.startswith("Hörselmottagningen Lund")


def test_ord_14_acc_7_private_clinic_cannot_refill(private_prescriber, ystad):
    with pytest.raises(OrderRefused, match="Privata mottagningar"):
        services.start_refill(by=private_prescriber, service_location=ystad)


def test_ord_14_art_7_articles_that_may_not_be_purchased_are_refused(
    prescriber, lund, purchasing_warehouse
):
    services.start_refill(by=prescriber, service_location=lund)
    with pytest.raises(OrderRefused, match="kan inte köpas in"):
        services.add_line(
            by=prescriber, article=ArticleFactory(status="phasing_out"), quantity=1, source=CENTRAL
        )


def test_ord_14_quantity_can_be_changed(prescriber, lund, purchasing_warehouse):
    services.start_refill(by=prescriber, service_location=lund)
    line = services.add_line(
        by=prescriber, article=ArticleFactory(), quantity=1, source="own_store"
    )
    assert line.source == CENTRAL
    services.update_line(by=prescriber, line_id=line.pk, quantity=5)
    line.refresh_from_db()
    assert line.quantity == 5


def test_ord_8_one_purchase_order_per_supplier_created_once(prescriber, lund, two_suppliers):
    order = refill(prescriber, lund, *two_suppliers)
    first = services.create_purchase_orders(by=prescriber, order=order)
    second = services.create_purchase_orders(by=prescriber, order=order)
    assert [po.supplier.name for po in first] == ["Audiola AB", "Hörteknik AB"]
    assert [po.pk for po in first] == [po.pk for po in second]
    assert PurchaseOrder.objects.count() == 2
    assert all(line.purchase_order_id for line in order.lines.all())
    assert len({po.number for po in first} | {order.number}) == 3


@pytest.mark.django_db(transaction=True)
def test_ord_8_concurrent_creation_creates_them_once(
    prescriber, colleague, lund, purchasing_warehouse
):
    order = refill(
        prescriber,
        lund,
        ArticleFactory(),
        ArticleFactory(supplier=SupplierFactory(name="Annan AB")),
    )
    race(
        lambda: services.create_purchase_orders(by=prescriber, order=order),
        lambda: services.create_purchase_orders(by=colleague, order=order),
    )
    assert PurchaseOrder.objects.filter(order=order).count() == 2


def test_ord_8_a_service_purchase_gets_a_purchase_order(
    prescriber, tolvan, lund, purchasing_warehouse
):
    repair = ArticleFactory(type="service", name="Reparation utanför garanti")
    order = prescription(prescriber, tolvan, lund, repair)
    (po,) = services.create_purchase_orders(by=prescriber, order=order)
    assert po.lines.get().comment == "Reparation"


def _lines(order):
    return list(order.lines.order_by("position"))


def test_rcv_7_refill_receipt_raises_the_units_stock(colleague, prescriber, lund, two_suppliers):
    order = refill(prescriber, lund, *two_suppliers, quantity=3)
    services.create_purchase_orders(by=prescriber, order=order)
    line = _lines(order)[0]
    services.receive_lines(by=colleague, receipts=[services.LineReceipt(line.pk)])
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=line.article).quantity == 3
    receipt = Receipt.objects.get()
    assert (receipt.by, receipt.unit_price) == (colleague, line.unit_price)
    order.refresh_from_db()
    assert order.status == "partly_delivered"


def test_rcv_3_price_zero_needs_the_unit_price(prescriber, lund, purchasing_warehouse):
    order = refill(prescriber, lund, ArticleFactory(price=0))
    (line,) = _lines(order)
    with pytest.raises(OrderRefused, match="á-pris"):
        services.receive_lines(by=prescriber, receipts=[services.LineReceipt(line.pk)])
    services.receive_lines(
        by=prescriber, receipts=[services.LineReceipt(line.pk, unit_price=Decimal("125.50"))]
    )
    assert Receipt.objects.get().unit_price == Decimal("125.50")


def test_rcv_4_individuals_required_per_unit_and_unique(prescriber, lund, purchasing_warehouse):
    hearing_aid = ArticleFactory(is_individual=True)
    Individual.objects.create(number="TAKEN-1", article=hearing_aid, status="delivered")
    order = refill(prescriber, lund, hearing_aid, quantity=2)
    (line,) = _lines(order)
    with pytest.raises(OrderRefused, match="var och en av de 2"):
        services.receive_lines(
            by=prescriber,
            receipts=[services.LineReceipt(line.pk, individuals=(NewIndividual("A-1", "S1"),))],
        )
    from sesam.exceptions import SesamError

    with pytest.raises(SesamError):
        services.receive_lines(
            by=prescriber,
            receipts=[
                services.LineReceipt(
                    line.pk,
                    individuals=(NewIndividual("A-1", "S1"), NewIndividual("taken-1", "S2")),
                )
            ],
        )
    services.receive_lines(
        by=prescriber,
        receipts=[
            services.LineReceipt(
                line.pk, individuals=(NewIndividual("A-1", "S1"), NewIndividual("A-2", "S2"))
            )
        ],
    )
    assert set(
        Individual.objects.filter(warehouse=lund.warehouse).values_list("number", flat=True)
    ) == {"A-1", "A-2"}
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=hearing_aid).quantity == 2


def test_rcv_7_prescription_receipt_delivers_devices_and_messages(
    prescriber, tolvan, lund, purchasing_warehouse
):
    hearing_aid = ArticleFactory(is_individual=True)
    order = prescription(prescriber, tolvan, lund, hearing_aid, quantity=2)
    (line,) = _lines(order)
    services.receive_lines(
        by=prescriber,
        receipts=[
            services.LineReceipt(
                line.pk, individuals=(NewIndividual("P-1", "S1"), NewIndividual("P-2", "S2"))
            )
        ],
    )
    devices = Device.objects.filter(recipient=tolvan).order_by("individual__number")
    assert [(d.status, d.individual.number, d.individual.status) for d in devices] == [
        ("delivered", "P-1", "delivered"),
        ("delivered", "P-2", "delivered"),
    ]
    assert (
        StockBalance.objects.get(warehouse=purchasing_warehouse, article=hearing_aid).quantity == 0
    )
    message = Message.objects.get(user=prescriber, subject__contains=order.number)
    assert message.link == reverse("orders:detail", args=[order.number])
    order.refresh_from_db()
    assert order.status == "delivered"


def test_rcv_7_a_line_is_received_once(prescriber, lund, purchasing_warehouse):
    order = refill(prescriber, lund, ArticleFactory())
    (line,) = _lines(order)
    services.receive_lines(by=prescriber, receipts=[services.LineReceipt(line.pk)])
    with pytest.raises(OrderRefused, match="redan levererad"):
        services.receive_lines(by=prescriber, receipts=[services.LineReceipt(line.pk)])
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=line.article).quantity == 2


@pytest.mark.django_db(transaction=True)
def test_rcv_7_two_users_receiving_at_once_receive_once(
    prescriber, colleague, lund, purchasing_warehouse
):
    order = refill(prescriber, lund, ArticleFactory())
    (line,) = _lines(order)
    results = race(
        lambda: services.receive_lines(by=prescriber, receipts=[services.LineReceipt(line.pk)]),
        lambda: services.receive_lines(by=colleague, receipts=[services.LineReceipt(line.pk)]),
    )
    assert sorted(type(r).__name__ for r in results) == ["OrderRefused", "list"]
    assert Receipt.objects.count() == 1
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=line.article).quantity == 2


def test_acc_5_another_locations_user_cannot_receive(
    prescriber, other_location_user, lund, purchasing_warehouse
):
    order = refill(prescriber, lund, ArticleFactory())
    (line,) = _lines(order)
    with pytest.raises(OrderRefused, match="inte kopplad"):
        services.receive_lines(by=other_location_user, receipts=[services.LineReceipt(line.pk)])


def test_rcv_6_cancel_lines_that_cannot_be_delivered(prescriber, tolvan, lund, two_suppliers):
    order = prescription(prescriber, tolvan, lund, *two_suppliers)
    first, second = _lines(order)
    services.cancel_lines(by=prescriber, line_ids=[first.pk])
    first.refresh_from_db()
    assert first.status == "cancelled"
    assert Device.objects.filter(order_line_id=first.pk).get().status == "cancelled"
    services.receive_lines(by=prescriber, receipts=[services.LineReceipt(second.pk)])
    order.refresh_from_db()
    assert order.status == "delivered"


def test_src_4_cancel_releases_the_allocation(prescriber, tolvan, lund, central_warehouse):
    article = stocked_article(central_warehouse, 4)
    order = prescription(prescriber, tolvan, lund, article, quantity=3)
    assert services.cancel_refusal(order) == ""
    services.cancel_order(by=prescriber, order=order)
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert StockBalance.objects.get(warehouse=central_warehouse, article=article).available == 4
    assert Device.objects.get().status == "cancelled"
    assert order.events.last().to_status == "cancelled"


def test_src_4_no_cancel_after_a_purchase_order(prescriber, lund, purchasing_warehouse):
    order = refill(prescriber, lund, ArticleFactory())
    services.create_purchase_orders(by=prescriber, order=order)
    with pytest.raises(OrderRefused, match="inköpsorder"):
        services.cancel_order(by=prescriber, order=order)


def test_src_4_no_cancel_once_picking_started(prescriber, tolvan, lund, central_warehouse, staff):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 2))
    services.start_picking(by=staff, order=order)
    with pytest.raises(OrderRefused, match="status plockas"):
        services.cancel_order(by=prescriber, order=order)


def test_src_4_never_for_own_store(prescriber, tolvan, lund):
    draft = services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    services.add_line(
        by=prescriber, article=stocked_article(lund.warehouse, 2), quantity=1, source="own_store"
    )
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    with pytest.raises(OrderRefused, match="eget förråd"):
        services.cancel_order(by=prescriber, order=order)


def test_src_4_colleague_at_the_location_may_cancel_others_may_not(
    prescriber, colleague, other_location_user, tolvan, lund, central_warehouse
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 2))
    with pytest.raises(OrderRefused):
        services.cancel_order(by=other_location_user, order=order)
    assert services.cancel_order(by=colleague, order=order).status == Order.Status.CANCELLED


def test_rcv_8_the_receipt_records_who_when_and_the_price(
    colleague, prescriber, lund, purchasing_warehouse
):
    from django.utils import timezone

    order = refill(prescriber, lund, ArticleFactory(price=0))
    (line,) = _lines(order)
    before = timezone.now()
    services.receive_lines(
        by=colleague, receipts=[services.LineReceipt(line.pk, unit_price=Decimal("89.90"))]
    )
    receipt = Receipt.objects.get(line=line)
    assert (receipt.by, receipt.unit_price) == (colleague, Decimal("89.90"))
    assert receipt.at >= before
