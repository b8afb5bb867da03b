"""Sök → Beställning through the client (SRC-1, SRC-2): Snabbsökning, filters, sorting,
pagination, the HTMX partial, and a query count that does not grow with the data."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inventory.tests.factories import ArticleFactory
from orders import selectors, services
from orders.models import Order
from orders.tests.factories import stocked_article
from orders.tests.supply import refill

URL = reverse("orders:search")
HTMX = {"HX-Request": "true"}


def _numbers(response) -> list[str]:
    return re.findall(r'href="/bestallning/(\d{8})/"', response.text)


def _refill_days_ago(user, location, days, article=None):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days), tick=False):
        return refill(user, location, article or ArticleFactory())


def test_src_1_quick_search_opens_the_order(client_as, colleague, prescriber, lund):
    order = refill(prescriber, lund, ArticleFactory())
    response = client_as(colleague).get(URL, {"nummer": f" {order.number} "})
    assert response.status_code == 302
    assert response.url == reverse("orders:detail", args=[order.number])


def test_src_1_a_purchase_order_number_opens_its_order(client_as, prescriber, lund):
    order = refill(prescriber, lund, ArticleFactory())
    (po,) = services.create_purchase_orders(by=prescriber, order=order)
    response = client_as(prescriber).get(URL, {"nummer": po.number})
    assert response.url == reverse("orders:detail", args=[order.number])


def test_src_1_unknown_or_other_locations_number_is_told(
    client_as, prescriber, other_location_user, lund
):
    order = refill(prescriber, lund, ArticleFactory())
    response = client_as(other_location_user).get(URL, {"nummer": order.number})
    assert response.status_code == 404
    assert f"Beställning {order.number} finns inte på dina tjänsteställen" in response.text


@pytest.mark.parametrize("value", ["", "1234", "abcdefgh", "2648 00171"])
def test_src_1_a_malformed_number_gets_a_message(client_as, prescriber, lund, value):
    response = client_as(prescriber).get(URL, {"nummer": value})
    assert response.status_code == 422
    assert "Ange" in response.text


def test_src_2_default_is_the_active_location_30_days_newest_first(client_as, prescriber, lund):
    old = _refill_days_ago(prescriber, lund, 40)
    older, newer = _refill_days_ago(prescriber, lund, 3), _refill_days_ago(prescriber, lund, 1)
    response = client_as(prescriber).get(URL)
    assert _numbers(response) == [newer.number, older.number]
    assert old.number not in response.text


@pytest.mark.parametrize(
    ("period", "count"),
    [("idag", 1), ("7-dagar", 2), ("30-dagar", 3), ("3-manader", 4), ("12-manader", 5)],
)
def test_src_2_registered_period(client_as, prescriber, lund, period, count):
    for days in (0, 5, 20, 80, 300, 400):
        _refill_days_ago(prescriber, lund, days)
    response = client_as(prescriber).get(URL, {"registrerad": period})
    assert len(_numbers(response)) == count


def test_src_2_service_location_filter(client_as, prescriber, colleague, lund, malmo):
    in_lund = refill(colleague, lund, ArticleFactory())
    in_malmo = refill(prescriber, malmo, ArticleFactory())
    client = client_as(prescriber)
    assert _numbers(client.get(URL, {"tjanstestalle": malmo.pk})) == [in_malmo.number]
    assert _numbers(client.get(URL, {"tjanstestalle": lund.pk})) == [in_lund.number]
    assert set(_numbers(client.get(URL, {"tjanstestalle": "alla"}))) == {
        in_lund.number,
        in_malmo.number,
    }


@pytest.mark.parametrize("field", ["tjanstestalle", "registrerad"])
def test_acc_4_src_2_another_location_or_garbage_is_refused(
    client_as, prescriber, helsingborg, field
):
    value = helsingborg.pk if field == "tjanstestalle" else "evigt"
    response = client_as(prescriber).get(URL, {field: value})
    assert response.status_code == 422
    assert "Välj ett av alternativen." in response.text


def test_src_2_unreceived_direct_deliveries(client_as, prescriber, lund, central_warehouse):
    from_central = refill(prescriber, lund, stocked_article(central_warehouse, 10))
    direct = refill(prescriber, lund, ArticleFactory())
    received = refill(prescriber, lund, ArticleFactory())
    services.receive_lines(by=prescriber, receipts=[services.LineReceipt(received.lines.get().pk)])
    client = client_as(prescriber)
    response = client.get(URL, {"okvitterade": "on"})
    assert _numbers(response) == [direct.number]
    assert f"/kvittera/?typ=bestallning&amp;nummer={direct.number}" in response.text
    assert from_central.number in client.get(URL).text


def test_src_2_sort_by_a_column_and_reverse_with_aria_sort(
    client_as, prescriber, colleague, secretary, lund
):
    by = {user.full_name: refill(user, lund, ArticleFactory()) for user in (colleague, secretary)}
    client = client_as(prescriber)
    ascending = client.get(URL, {"sortera": "bestallare"})
    assert _numbers(ascending) == [by["Karl Kollega"].number, by["Sara Sekreterare"].number]
    assert re.search(r'<th scope="col" aria-sort="ascending"><a [^>]*>Beställare<', ascending.text)
    assert "sortera=-bestallare" in ascending.text  # clicking again reverses
    descending = client.get(URL, {"sortera": "-bestallare"})
    assert _numbers(descending) == [by["Sara Sekreterare"].number, by["Karl Kollega"].number]
    assert 'aria-sort="descending"><a' in descending.text
    assert descending.text.count("aria-sort=") == 1


def test_src_2_an_unknown_sort_falls_back_to_newest_first(client_as, prescriber, lund):
    first, second = (
        refill(prescriber, lund, ArticleFactory()),
        refill(prescriber, lund, ArticleFactory()),
    )
    response = client_as(prescriber).get(URL, {"sortera": "lösenord"})
    assert response.status_code == 200
    assert _numbers(response) == [second.number, first.number]


def test_src_2_pages_of_50(client_as, prescriber, lund):
    _bulk_orders(prescriber, lund, 51)
    client = client_as(prescriber)
    assert len(_numbers(client.get(URL))) == 50
    second = client.get(URL, {"sida": "2"})
    assert len(_numbers(second)) == 1 and "Sida 2 av 2" in second.text
    assert client.get(URL, {"sida": "x"}).status_code == 200


def test_src_2_an_empty_result_says_so(client_as, prescriber, lund):
    page = client_as(prescriber).get(URL).text
    assert "Inga beställningar hittades för de valda sökkriterierna." in page


def test_src_2_htmx_returns_the_results_partial(client_as, prescriber, lund):
    order = refill(prescriber, lund, ArticleFactory())
    response = client_as(prescriber).get(URL, {"registrerad": "idag"}, headers=HTMX)
    assert response.text.lstrip().startswith('<div id="results"')
    assert order.number in response.text and "<html" not in response.text


def _bulk_orders(user, location, count):
    now = timezone.now()
    Order.objects.bulk_create(
        Order(
            number=f"2501{i:04d}",
            kind=Order.Kind.REFILL,
            status=Order.Status.REGISTERED,
            orderer=user,
            service_location=location,
            delivery_address="Lund",
            sent_at=now - datetime.timedelta(minutes=i),
        )
        for i in range(count)
    )


def _queries(client, params):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, params).status_code == 200
    return len(context)


@pytest.mark.parametrize("params", [{}, {"okvitterade": "on", "sortera": "-status"}])
def test_src_2_query_count_is_the_same_for_60_and_1000_orders(client_as, prescriber, lund, params):
    client = client_as(prescriber)
    _bulk_orders(prescriber, lund, 60)  # more than a page: the count is a query of its own
    few = _queries(client, params)
    Order.objects.all().delete()
    _bulk_orders(prescriber, lund, 1000)
    assert _queries(client, params) == few


def test_src_2_the_search_uses_the_location_index(prescriber, lund, malmo, helsingborg):
    for location in (lund, malmo, helsingborg):
        _bulk_orders(prescriber, location, 0)
    now = timezone.now()
    Order.objects.bulk_create(
        Order(
            number=f"24{i:06d}",
            kind=Order.Kind.REFILL,
            status=Order.Status.REGISTERED,
            orderer=prescriber,
            service_location=(lund, malmo, helsingborg)[i % 3] if i % 50 else lund,
            delivery_address="x",
            sent_at=now - datetime.timedelta(hours=i),
        )
        for i in range(20000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orders_order")
        cursor.execute("ANALYZE orders_orderline")
    orders = selectors.search_orders([malmo.pk], period="7-dagar")
    plan = orders[:50].explain()
    assert "orders_order_location_sent" in plan, plan


def test_src_2_a_forms_results_are_what_the_page_lists_for_an_export(client_as, prescriber, lund):
    """The coming exports take a page's criteria as they are: form → results() → rows."""
    from orders.forms.search import OrderSearchForm
    from orders.views.search import TAB
    from sesam.lib.scoping import location_ids

    orders = [refill(prescriber, lund, ArticleFactory()) for _ in range(3)]
    response = client_as(prescriber).get(URL, {"sortera": "nummer"})
    request = response.wsgi_request
    form = OrderSearchForm.from_request(request)
    assert form.is_valid()
    rows = TAB.rows(form.results(location_ids(request)))
    assert [row["number"] for row in rows] == _numbers(response) == sorted(o.number for o in orders)


@pytest.mark.parametrize(
    "query",
    [{}, {"registrerad": "alla"}, {"tjanstestalle": "alla"}, {"sortera": "-nummer"}],
)
def test_qua_d562_page_one_and_the_count_are_the_forms_results(
    client_as, prescriber, lund, malmo, query
):
    """The page reads page 1 and the count by queries precompiled per shape of the criteria:
    they give what results() gives, for one location and for all, with and without a period."""
    from orders.forms.search import OrderSearchForm
    from sesam.lib.scoping import location_ids

    for location in (lund, lund, lund, malmo):
        refill(prescriber, location, ArticleFactory())
    _refill_days_ago(prescriber, lund, 40)
    request = client_as(prescriber).get(URL, query).wsgi_request
    form = OrderSearchForm.from_request(request)
    assert form.is_valid()
    ids = location_ids(request)
    expected = list(selectors.search_values(form.results(ids))[:3])
    assert expected and form.first_page(ids, 2, selectors.search_values) == expected
    assert form.count(ids) == form.results(ids).count()
