"""Mina sidor → Mina beställningar and Att göra → Kvittera direktleverans (HOME-4), as orders
provides them to sesam's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inventory.tests.factories import ArticleFactory
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription, refill
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog

URL = reverse("my_page")
HTMX = {"HX-Request": "true"}


def _numbers(response) -> list[str]:
    return list(dict.fromkeys(re.findall(r"bestallning=(\d{8})\"", response.text)))


@pytest.fixture
def orders(prescriber, colleague, secretary, tolvan, lund, central_warehouse):
    """Anna's own prescription, one the secretary registered in Anna's name, and Karl's
    refill (not Anna's)."""
    article = stocked_article(central_warehouse, 20)
    return {
        "own": prescription(prescriber, tolvan, lund, article),
        "for_her": _for(secretary, prescriber, RecipientFactory(first_name="Greta"), lund, article),
        "karls": refill(colleague, lund, ArticleFactory()),
    }


def _for(secretary, prescriber, recipient, location, article):
    from orders import services

    draft = services.start_order(
        by=secretary, recipient=recipient, prescriber=prescriber, service_location=location
    )
    services.add_line(by=secretary, article=article, quantity=1, source="central")
    return services.submit_order(by=secretary, idempotency_key=draft.idempotency_key)


def test_home_4_lists_orders_where_the_user_is_orderer_or_prescriber(client_as, prescriber, orders):
    response = client_as(prescriber).get(URL)
    assert _numbers(response) == [orders["for_her"].number, orders["own"].number]
    assert orders["karls"].number not in response.text


def test_home_4_visa_mottagare_shows_the_column_and_logs_each_recipient(
    client_as, prescriber, orders
):
    client = client_as(prescriber)
    hidden = client.get(URL)
    assert "Tolvan Tolvansson" not in hidden.text and not AccessLog.objects.exists()
    assert 'aria-pressed="false">Visa mottagare' in hidden.text
    shown = client.get(URL, {"flik": "orders", "mottagare": "1"}, headers=HTMX)
    assert shown.text.lstrip().startswith('<div id="my-tab"')
    assert "Tolvan Tolvansson" in shown.text and "Greta" in shown.text
    assert 'aria-pressed="true">Visa mottagare' in shown.text
    logged = AccessLog.objects.filter(action="my_orders_recipients")
    assert sorted(log.recipient_id for log in logged) == sorted(
        [orders["own"].recipient_id, orders["for_her"].recipient_id]
    )
    assert 'name="mottagare"' not in shown.text  # the button now hides the column


def test_home_4_columns_sort_both_ways_with_aria_sort(client_as, prescriber, orders):
    client = client_as(prescriber)
    ascending = client.get(URL, {"sortera": "nummer"})
    assert _numbers(ascending) == [orders["own"].number, orders["for_her"].number]
    assert 'aria-sort="ascending"><a' in ascending.text and "sortera=-nummer" in ascending.text
    descending = client.get(URL, {"sortera": "-nummer"})
    assert _numbers(descending) == [orders["for_her"].number, orders["own"].number]


def test_home_4_a_row_opens_the_side_panel(client_as, prescriber, orders):
    number = orders["for_her"].number
    response = client_as(prescriber).get(URL, {"bestallning": number}, headers=HTMX)
    assert response.text.lstrip().startswith('<div id="my-tab"')
    assert 'id="order-panel"' in response.text
    assert "Gå till beställningsdetaljer" in response.text
    assert reverse("orders:detail", args=[number]) in response.text
    assert AccessLog.objects.get().action == "my_orders_panel"


def test_home_4_the_panel_of_someone_elses_order_is_404(
    client_as, prescriber, other_location_user, orders
):
    assert (
        client_as(prescriber).get(URL, {"bestallning": orders["karls"].number}).status_code == 404
    )
    response = client_as(other_location_user).get(URL, {"bestallning": orders["own"].number})
    assert response.status_code == 404


def test_home_4_att_gora_counts_unreceived_direct_deliveries(
    client_as, colleague, prescriber, lund, malmo, central_warehouse
):
    refill(prescriber, lund, ArticleFactory())
    refill(prescriber, lund, ArticleFactory())
    refill(prescriber, malmo, ArticleFactory())  # not Karl's location
    refill(prescriber, lund, stocked_article(central_warehouse, 5))  # from 70: received already
    page = client_as(colleague).get(URL).text
    assert re.search(r'Kvittera direktleverans</a> <span class="badge badge-count">2<', page)
    assert reverse("orders:receive") in page


@pytest.mark.parametrize("tab", ["orders", "activities", "pickups"])
def test_home_4_every_tab_of_mina_sidor_is_built(client_as, prescriber, lund, tab):
    page = client_as(prescriber).get(URL, {"flik": tab}).text
    assert "Kommer i en senare version av portalen." not in page


def test_home_4_query_count_does_not_grow_with_the_orders(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    client = client_as(prescriber)
    article = stocked_article(central_warehouse, 100)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL, {"mottagare": "1"}).status_code == 200
        return len(context)

    prescription(prescriber, tolvan, lund, article)
    few = count()
    for _ in range(6):
        prescription(prescriber, RecipientFactory(), lund, article)
    assert count() == few
