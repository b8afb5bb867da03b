"""Sending (ORD-7, ORD-10, ORD-12, ORD-13), central allocation and delivery (ORD-2, ORD-11)."""

import re

import pytest

from inventory.exceptions import InsufficientStock
from inventory.models import Individual, StockBalance, StockMovement
from inventory.tests.factories import ArticleFactory
from orders import selectors, services
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.tests.factories import stocked_article
from recipients.models import Device
from sesam.lib import numbers
from sesam.models import Message
from sesam.tests.concurrency import race

CENTRAL, OWN = OrderLine.Source.CENTRAL, OrderLine.Source.OWN_STORE


def _draft(user, recipient, location, prescriber=None):
    return services.start_order(
        by=user, recipient=recipient, prescriber=prescriber or user, service_location=location
    )


def _balance(warehouse, article):
    return StockBalance.objects.get(warehouse=warehouse, article=article)


def test_ord_10_order_number_format(prescriber, tolvan, lund, central_warehouse):
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 2), quantity=1, source=CENTRAL
    )
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    assert re.fullmatch(r"\d{8}", order.number)
    assert order.number[:4] == numbers.week_key(order.sent_at.date())


def test_ord_10_week_past_9999_fails_loudly(db):
    from sesam.models import NumberSeries

    NumberSeries.objects.create(week="2648", last=9999)
    with pytest.raises(numbers.NumberSeriesExhausted):
        numbers.next_number(day=__import__("datetime").date(2026, 11, 28))


@pytest.mark.django_db(transaction=True)
def test_ord_10_numbers_never_repeat_under_concurrency():
    def allocate_many():
        return [numbers.next_number() for _ in range(25)]

    results = race(*[allocate_many] * 4)
    allocated = [n for batch in results for n in batch]
    assert len(allocated) == 100
    assert len(set(allocated)) == 100


def test_ord_7_sending_twice_creates_one_order(prescriber, tolvan, lund, central_warehouse):
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 2), quantity=1, source=CENTRAL
    )
    first = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    second = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    assert first.pk == second.pk
    assert Order.objects.exclude(status="draft").count() == 1
    assert Device.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ord_7_concurrent_double_submit_does_the_work_once(
    prescriber, tolvan, lund, central_warehouse
):
    draft = _draft(prescriber, tolvan, lund)
    article = stocked_article(central_warehouse, 5)
    services.add_line(by=prescriber, article=article, quantity=2, source=CENTRAL)

    def send():
        return services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)

    first, second = race(send, send)
    assert isinstance(first, Order) and first.pk == second.pk
    assert _balance(central_warehouse, article).allocated == 2
    assert Device.objects.filter(status="ordered").count() == 1


def test_ord_2_central_line_allocates_on_70_and_shows_on_beställt(
    prescriber, tolvan, lund, central_warehouse
):
    draft = _draft(prescriber, tolvan, lund)
    article = stocked_article(central_warehouse, 5)
    services.add_line(by=prescriber, article=article, quantity=2, source=CENTRAL)
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    balance = _balance(central_warehouse, article)
    assert (balance.quantity, balance.available) == (5, 3)
    line = order.lines.get()
    assert (line.status, line.allocated, line.article_number, line.unit_price) == (
        "registered",
        2,
        article.number,
        article.price,
    )
    device = Device.objects.get(recipient=tolvan)
    assert (device.status, device.order_number, device.planned_delivery_date) == (
        "ordered",
        order.number,
        line.planned_delivery_date,
    )


def test_ord_2_shortage_on_70_is_told_before_and_the_line_waits(
    prescriber, tolvan, lund, central_warehouse
):
    draft = _draft(prescriber, tolvan, lund)
    article = stocked_article(central_warehouse, 1)
    line = services.add_line(by=prescriber, article=article, quantity=3, source=CENTRAL)
    assert selectors.shortages(draft) == {line.pk: 1}
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    line = order.lines.get()
    assert (line.status, line.allocated) == ("waiting", 0)
    assert _balance(central_warehouse, article).allocated == 0


def test_ord_11_central_delivery_consumes_allocation_and_delivers_devices(
    prescriber, secretary, tolvan, lund, central_warehouse, staff
):
    hearing_aid = stocked_article(central_warehouse, 0, is_individual=True)
    for number in ["IND-1", "IND-2", "IND-3"]:
        Individual.objects.create(
            number=number, article=hearing_aid, status="in_stock", warehouse=central_warehouse
        )
    from inventory.services import add_stock

    add_stock(warehouse=central_warehouse, article=hearing_aid, quantity=3, by=staff)
    draft = _draft(secretary, tolvan, lund, prescriber=prescriber)
    services.add_line(by=secretary, article=hearing_aid, quantity=2, source=CENTRAL)
    order = services.submit_order(by=secretary, idempotency_key=draft.idempotency_key)
    delivered = services.deliver_from_central(by=staff, order=order)
    order.refresh_from_db()
    assert len(delivered) == 1
    assert order.status == "delivered"
    balance = _balance(central_warehouse, hearing_aid)
    assert (balance.quantity, balance.allocated) == (1, 0)
    devices = Device.objects.filter(recipient=tolvan).order_by("individual__number")
    assert [(d.status, d.individual.number) for d in devices] == [
        ("delivered", "IND-1"),
        ("delivered", "IND-2"),
    ]
    assert set(Individual.objects.filter(status="delivered").values_list("number", flat=True)) == {
        "IND-1",
        "IND-2",
    }
    assert set(Message.objects.values_list("user__username", flat=True)) == {
        "sekreterare",
        "audionom",
    }


def test_ord_12_own_store_withdraws_at_once_and_is_delivered(prescriber, tolvan, lund):
    domes = stocked_article(lund.warehouse, 10, name="Dome öppen 8 mm")
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(by=prescriber, article=domes, quantity=4, source=OWN)
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    assert (order.kind, order.status) == ("own_store", "delivered")
    assert _balance(lund.warehouse, domes).quantity == 6
    assert StockMovement.objects.get(reason="withdrawal").reference == order.number
    assert Device.objects.get(recipient=tolvan).status == "delivered"


def test_ord_12_overdraw_is_refused_with_what_is_left(prescriber, tolvan, lund):
    domes = stocked_article(lund.warehouse, 2)
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(by=prescriber, article=domes, quantity=3, source=OWN)
    with pytest.raises(InsufficientStock, match="bara 2 st kvar"):
        services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert _balance(lund.warehouse, domes).quantity == 2
    assert not Device.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ord_12_concurrent_own_store_sends_never_overdraw(prescriber, colleague, tolvan, lund):
    domes = stocked_article(lund.warehouse, 3)
    drafts = []
    for user in (prescriber, colleague):
        drafts.append(_draft(user, tolvan, lund))
        services.add_line(by=user, article=domes, quantity=2, source=OWN)
    results = race(
        lambda: services.submit_order(by=prescriber, idempotency_key=drafts[0].idempotency_key),
        lambda: services.submit_order(by=colleague, idempotency_key=drafts[1].idempotency_key),
    )
    assert sorted(type(r).__name__ for r in results) == ["InsufficientStock", "Order"]
    assert _balance(lund.warehouse, domes).quantity == 1


def _individual_in(warehouse, number="H-100"):
    article = stocked_article(warehouse, 0, is_individual=True)
    from inventory.services import add_stock

    add_stock(warehouse=warehouse, article=article, quantity=1, by=None)
    return Individual.objects.create(
        number=number, article=article, status="in_stock", warehouse=warehouse
    )


def test_ord_13_individual_is_delivered_to_the_recipient(prescriber, tolvan, lund):
    individual = _individual_in(lund.warehouse)
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(
        by=prescriber, article=individual.article, quantity=1, source=OWN, individual=individual
    )
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    individual.refresh_from_db()
    assert (order.kind, order.status) == ("individual", "delivered")
    assert (individual.status, individual.warehouse) == ("delivered", None)
    assert Device.objects.get(individual=individual).recipient == tolvan
    assert _balance(lund.warehouse, individual.article).quantity == 0


def test_ord_13_individual_must_lie_in_the_chosen_locations_store(prescriber, tolvan, lund, malmo):
    individual = _individual_in(malmo.warehouse)
    _draft(prescriber, tolvan, lund)
    with pytest.raises(OrderRefused, match="finns inte på lager 4101"):
        services.add_line(
            by=prescriber, article=individual.article, quantity=1, source=OWN, individual=individual
        )


@pytest.mark.django_db(transaction=True)
def test_ord_13_an_individual_is_never_delivered_twice(prescriber, colleague, tolvan, lund):
    individual = _individual_in(lund.warehouse)
    other = __import__("recipients.tests.factories", fromlist=["x"]).RecipientFactory(
        personnummer="194001042383"
    )
    drafts = []
    for user, recipient in ((prescriber, tolvan), (colleague, other)):
        drafts.append(_draft(user, recipient, lund))
        services.add_line(
            by=user, article=individual.article, quantity=1, source=OWN, individual=individual
        )
    results = race(
        lambda: services.submit_order(by=prescriber, idempotency_key=drafts[0].idempotency_key),
        lambda: services.submit_order(by=colleague, idempotency_key=drafts[1].idempotency_key),
    )
    assert sum(isinstance(r, Order) for r in results) == 1, results
    assert Device.objects.filter(individual=individual).count() == 1
    assert _balance(lund.warehouse, individual.article).quantity == 0


def test_ord_13_database_refuses_a_second_live_device_for_an_individual(prescriber, tolvan, lund):
    from django.db import IntegrityError

    from recipients.tests.factories import DeviceFactory

    individual = _individual_in(lund.warehouse)
    DeviceFactory(
        recipient=tolvan, article=individual.article, individual=individual, service_location=lund
    )
    with pytest.raises(IntegrityError):
        DeviceFactory(
            recipient=tolvan,
            article=individual.article,
            individual=individual,
            service_location=lund,
        )


def test_ord_12_refill_from_70_lands_in_own_store(prescriber, lund, central_warehouse, staff):
    filters = stocked_article(central_warehouse, 10)
    refill = Order.objects.create(kind="refill", orderer=prescriber, service_location=lund)
    services.add_line(by=prescriber, article=filters, quantity=4, source=CENTRAL)
    order = services.submit_order(by=prescriber, idempotency_key=refill.idempotency_key)
    services.deliver_from_central(by=staff, order=order)
    assert _balance(lund.warehouse, filters).quantity == 4
    assert _balance(central_warehouse, filters).quantity == 6


def test_ord_7_article_750_line_waits_for_a_purchase_order(
    prescriber, tolvan, lund, purchasing_warehouse
):
    draft = _draft(prescriber, tolvan, lund)
    services.add_line(by=prescriber, article=ArticleFactory(), quantity=1, source=CENTRAL)
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    line = order.lines.get()
    assert (line.warehouse.number, line.status, line.allocated) == ("750", "registered", 0)
