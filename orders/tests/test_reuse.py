"""BEY-3 Återanvänd individ (reuse first): Hjälpmedel marks returned individuals in 70 "Klar
för återanvändning"; a central prescription line of an individual-marked article is offered
them (its own article or its replacement group), oldest first, with age and warranty left;
taking one reserves it for the line until the line is removed or the order cancelled;
declining asks for a reason, kept on the line; dispatch delivers exactly the reserved one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inventory import services as stock
from inventory.models import Individual, IndividualEvent
from inventory.tests.factories import IndividualFactory
from orders import services
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.reuse import reuse_offers, reuse_share
from orders.tests.factories import stocked_article
from recipients.models import Device

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
AID = {"is_individual": True, "warranty_months": 48, "replacement_group": "ARIA-RIC"}


def _returned(article, central_warehouse, staff, number, *, years_old=2, mark=True):
    """An individual of `article` lying in 70 (its balance raised), delivered into the region
    `years_old` years ago, marked for reuse."""
    delivered = timezone.localdate() - datetime.timedelta(days=int(365.25 * years_old) + 10)
    (individual,) = stock.create_individuals(
        article=article,
        warehouse=central_warehouse,
        individuals=[stock.NewIndividual(number=number, purchase_date=delivered)],
        by=staff,
    )
    if mark:
        stock.mark_refurbished(individual_ids=[individual.pk], by=staff)
    individual.refresh_from_db()
    return individual


@pytest.fixture
def aria(central_warehouse):
    return stocked_article(central_warehouse, 0, name="Aria 5 RIC", **AID)


@pytest.fixture
def cart(prescriber, tolvan, lund):
    return services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )


def _dialog(client, article, data=None):
    url = reverse("orders:line_dialog", args=[article.pk])
    if data is None:
        return client.get(url, headers=HTMX)
    return client.post(url, data, headers=HTMX)


def test_bey_3_only_individuals_in_stock_at_70_are_marked(central_warehouse, lund, staff, aria):
    in_70 = _returned(aria, central_warehouse, staff, "7000901", mark=False)
    in_lund = IndividualFactory(article=aria, warehouse=lund.warehouse)
    delivered = IndividualFactory(article=aria, warehouse=None, status="delivered")
    ids = [in_70.pk, in_lund.pk, delivered.pk]
    assert stock.mark_refurbished(individual_ids=ids, by=staff) == [in_70.pk]
    assert stock.mark_refurbished(individual_ids=ids, by=staff) == []  # once
    in_70.refresh_from_db()
    assert in_70.refurbished_by == staff and in_70.refurbished_at is not None
    event = in_70.events.get(kind=IndividualEvent.Kind.REFURBISHED)
    assert event.by == staff and event.kind_label == "Klar för återanvändning"


def test_bey_3_hjalpmedel_marks_in_admin(client_as, central_warehouse, lund, staff, aria):
    admin_client = client_as(staff)
    in_70 = _returned(aria, central_warehouse, staff, "7000901", mark=False)
    in_lund = IndividualFactory(article=aria, warehouse=lund.warehouse)
    response = admin_client.post(
        reverse("admin:inventory_individual_changelist"),
        {"action": "mark_refurbished", "_selected_action": [in_70.pk, in_lund.pk]},
        follow=True,
    )
    page = response.text
    assert "1 individer är klara för återanvändning" in page
    assert "Inte markerade" in page and in_lund.number in page
    assert Individual.objects.filter(refurbished_at__isnull=False).get() == in_70


def test_bey_3_offers_oldest_first_of_the_article_and_its_group(
    central_warehouse, lund, staff, aria
):
    sibling = stocked_article(central_warehouse, 0, name="Aria 5 RIC svart", **AID)
    other = stocked_article(central_warehouse, 0, is_individual=True, replacement_group="X")
    young = _returned(aria, central_warehouse, staff, "7000901", years_old=1)
    old = _returned(sibling, central_warehouse, staff, "7000902", years_old=3)
    middle = _returned(aria, central_warehouse, staff, "7000903", years_old=2)
    _returned(aria, central_warehouse, staff, "7000904", mark=False)  # not refurbished
    _returned(other, central_warehouse, staff, "7000905")  # another group
    blocked = _returned(aria, central_warehouse, staff, "7000906", years_old=4)
    stock.block_individuals(individual_ids=[blocked.pk], reference="R1", by=staff)
    offers = reuse_offers(aria)
    assert [o.individual for o in offers] == [old, middle, young]
    assert offers[0].article == sibling and offers[0].age.startswith("3 år")
    assert offers[0].warranty.label.startswith("Garanti till")


def test_bey_3_the_line_dialog_offers_reuse_with_article_age_and_warranty(
    client_as, prescriber, cart, central_warehouse, staff, aria
):
    _returned(aria, central_warehouse, staff, "7000901", years_old=5)
    page = _dialog(client_as(prescriber), aria).text
    assert "Återanvänd individ" in page and "7000901" in page
    assert "5 år" in page and "Garantin har gått ut" in page
    assert "Skäl att inte återanvända" in page


def test_bey_3_no_offer_for_an_own_store_cart_or_a_plain_article(
    client_as, prescriber, cart, central_warehouse, lund, staff, aria
):
    _returned(aria, central_warehouse, staff, "7000901")
    plain = stocked_article(central_warehouse, 3)
    assert "Återanvänd individ" not in _dialog(client_as(prescriber), plain).text
    services.add_line(
        by=prescriber, article=stocked_article(lund.warehouse, 2), quantity=1, source="own_store"
    )
    assert "Återanvänd individ" not in _dialog(client_as(prescriber), aria).text


def test_bey_3_taking_one_puts_it_on_the_line_and_reserves_it(
    client_as, prescriber, colleague, tolvan, lund, cart, central_warehouse, staff, aria
):
    sibling = stocked_article(central_warehouse, 0, name="Aria 5 RIC svart", **AID)
    individual = _returned(sibling, central_warehouse, staff, "7000901")
    response = _dialog(client_as(prescriber), aria, {"reuse": individual.pk})
    assert response.status_code == 200
    line = OrderLine.objects.get(order=cart)
    assert (line.reused, line.individual, line.article) == (True, individual, sibling)
    assert (line.source, line.warehouse, line.quantity) == ("central", central_warehouse, 1)
    assert reuse_offers(aria) == []  # never offered to another order
    services.start_order(
        by=colleague, recipient=tolvan, prescriber=colleague, service_location=lund
    )
    with pytest.raises(OrderRefused, match="redan vald i en annan beställning"):
        services.add_reused_line(by=colleague, individual_id=individual.pk)


def test_bey_3_a_hand_made_post_of_an_individual_not_offered_is_refused(
    client_as, prescriber, cart, central_warehouse, lund, staff, aria
):
    not_marked = _returned(aria, central_warehouse, staff, "7000901", mark=False)
    response = _dialog(client_as(prescriber), aria, {"reuse": not_marked.pk})
    assert response.status_code == 409
    assert "inte längre klar för återanvändning" in response.text
    assert _dialog(client_as(prescriber), aria, {"reuse": "x"}).status_code == 409
    assert not OrderLine.objects.exists()


def test_bey_3_declining_asks_for_a_reason_which_is_kept_on_the_line(
    client_as, prescriber, cart, central_warehouse, staff, aria
):
    _returned(aria, central_warehouse, staff, "7000901")
    client = client_as(prescriber)
    new = {"source": "central", "quantity": 1, "action": "add"}
    response = _dialog(client, aria, new)
    assert response.status_code == 422
    assert "skriv varför en ny ska beställas" in response.text
    response = _dialog(client, aria, {**new, "reuse_declined": "Patienten vill ha svart"})
    assert response.status_code == 200
    line = OrderLine.objects.get(order=cart)
    assert (line.reused, line.individual, line.reuse_declined) == (
        False,
        None,
        "Patienten vill ha svart",
    )


def test_bey_3_removing_the_line_or_cancelling_the_order_releases_it(
    prescriber, cart, central_warehouse, staff, aria
):
    individual = _returned(aria, central_warehouse, staff, "7000901")
    line = services.add_reused_line(by=prescriber, individual_id=individual.pk)
    services.remove_line(by=prescriber, line_id=line.pk)
    assert [o.individual for o in reuse_offers(aria)] == [individual]
    services.add_reused_line(by=prescriber, individual_id=individual.pk)
    services.set_delivery(
        by=prescriber, method="to_unit", address="Enheten", contact="", consolidated=False
    )
    order = services.submit_order(by=prescriber, idempotency_key=cart.idempotency_key)
    assert reuse_offers(aria) == []
    services.cancel_order(by=prescriber, order=order)
    assert [o.individual for o in reuse_offers(aria)] == [individual]


def test_bey_3_dispatch_delivers_exactly_the_reserved_individual(
    prescriber, tolvan, cart, central_warehouse, staff, aria
):
    plain = _returned(aria, central_warehouse, staff, "7000900", years_old=6, mark=False)
    reused = _returned(aria, central_warehouse, staff, "7000901", years_old=2)
    services.add_line(
        by=prescriber, article=aria, quantity=1, source="central", reuse_declined="Två behövs"
    )
    services.add_reused_line(by=prescriber, individual_id=reused.pk)
    services.set_delivery(
        by=prescriber, method="to_unit", address="Enheten", contact="", consolidated=False
    )
    order = services.submit_order(by=prescriber, idempotency_key=cart.idempotency_key)
    assert len(services.deliver_from_central(by=staff, order=order)) == 2
    reused_line = OrderLine.objects.get(order=order, reused=True)
    devices = {
        d.order_line_id == reused_line.pk: d.individual
        for d in Device.objects.filter(recipient=tolvan)
    }
    assert devices == {True: reused, False: plain}
    reused.refresh_from_db()
    assert reused.status == "delivered" and reused.refurbished_at is None
    assert Order.objects.get(pk=order.pk).status == Order.Status.DELIVERED


def test_bey_3_line_dialog_query_count_one_more_for_the_offer(
    client_as, prescriber, cart, central_warehouse, staff, aria, django_assert_num_queries
):
    client = client_as(prescriber)
    _returned(aria, central_warehouse, staff, "7000901")
    plain = stocked_article(central_warehouse, 5, replacement_group=AID["replacement_group"])
    # session, user, draft, article, the 70 balance, Likvärdiga artiklar (as ORD-2's count)
    with django_assert_num_queries(6):
        _dialog(client, plain)
    with django_assert_num_queries(7):  # + the offer
        assert "7000901" in _dialog(client, aria).text


def test_bey_3_share_per_month_and_unit_in_admin(
    client_as, prescriber, cart, central_warehouse, staff, aria, django_assert_max_num_queries
):
    individual = _returned(aria, central_warehouse, staff, "7000901")
    services.add_reused_line(by=prescriber, individual_id=individual.pk)
    services.add_line(by=prescriber, article=aria, quantity=1, source="central", reuse_declined="X")
    services.set_delivery(
        by=prescriber, method="to_unit", address="Enheten", contact="", consolidated=False
    )
    services.submit_order(by=prescriber, idempotency_key=cart.idempotency_key)
    (row,) = reuse_share()
    admin_client = client_as(staff)
    assert (row.unit, row.lines, row.offered, row.reused, row.declined, row.share) == (
        "4101 Hörselmottagningen Lund",
        2,
        2,
        1,
        1,
        "50 %",
    )
    admin_client.get(reverse("admin:orders_orderline_reuse_share"))  # the session, warmed
    with django_assert_max_num_queries(4):  # session, user, the aggregate (+ savepoints)
        page = admin_client.get(reverse("admin:orders_orderline_reuse_share")).text
    assert "Andel återanvända individer" in page and "50 %" in page
    declined = admin_client.get(
        reverse("admin:orders_orderline_changelist"), {"reuse_declined": "1"}
    )
    assert declined.context["cl"].result_count == 1
