"""Sök → Hämtorder (PU-8) and Mina sidor → Mina hämtordrar (HOME-4) through the client:
Snabbsökning, filters, sorting with aria-sort, pagination, HTMX partials, ACC-4, ACC-8 and a
query count that does not grow with the data."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import PickupOrder
from activities.tests.factories import pickup_order
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog

URL = reverse("activities:pickup_search")
HTMX = {"HX-Request": "true"}


def _numbers(response) -> list[str]:
    return re.findall(r'href="/hamtorder/(\d{8})/"', response.text)


def _bulk(user, location, count):
    recipient = RecipientFactory()
    PickupOrder.objects.bulk_create(
        PickupOrder(
            number=f"2649{i:04d}",
            recipient=recipient,
            service_location=location,
            orderer=user,
            reason="by_post",
            return_reason="other",
            pickup_address="x",
            contact="y",
            idempotency_key=uuid.uuid4(),
        )
        for i in range(count)
    )


def test_pu_8_quick_search_opens_the_pickup_order(client_as, prescriber, colleague, lund):
    pickup = pickup_order(colleague, lund)
    response = client_as(prescriber).get(URL, {"nummer": f" {pickup.number} "})
    assert response.status_code == 302 and response.url == pickup.get_absolute_url()


def test_acc_4_quick_search_of_another_locations_number_is_404(
    client_as, colleague, other_location_user, lund
):
    pickup = pickup_order(colleague, lund)
    response = client_as(other_location_user).get(URL, {"nummer": pickup.number})
    assert response.status_code == 404
    assert f"Hämtorder {pickup.number} finns inte på dina tjänsteställen" in response.text


@pytest.mark.parametrize("value", ["", "1234", "abcdefgh"])
def test_pu_8_a_malformed_number_gets_a_message(client_as, colleague, lund, value):
    response = client_as(colleague).get(URL, {"nummer": value})
    assert response.status_code == 422 and "Ange" in response.text


def test_pu_8_lists_the_locations_pickup_orders_of_the_period(
    client_as, prescriber, colleague, lund, malmo
):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40), tick=False):
        old = pickup_order(colleague, lund)
    recent = pickup_order(colleague, lund)
    in_malmo = pickup_order(prescriber, malmo)
    client = client_as(prescriber)
    assert _numbers(client.get(URL)) == [recent.number]  # active location, 30 dagar
    both = client.get(URL, {"tjanstestalle": "alla", "registrerad": "12-manader"})
    assert _numbers(both) == [in_malmo.number, recent.number, old.number]


def test_acc_4_another_locations_pickup_orders_are_not_listed(
    client_as, colleague, other_location_user, lund
):
    pickup_order(colleague, lund)
    client = client_as(other_location_user)
    assert _numbers(client.get(URL)) == []
    response = client.get(URL, {"tjanstestalle": str(lund.pk)})
    assert response.status_code == 422 and "Välj ett av alternativen" in response.text


def test_pu_8_columns_sort_with_aria_sort(client_as, colleague, lund):
    first, second = pickup_order(colleague, lund), pickup_order(colleague, lund)
    client = client_as(colleague)
    ascending = client.get(URL, {"sortera": "nummer"})
    assert _numbers(ascending) == [first.number, second.number]
    assert 'aria-sort="ascending"><a href="/sok/hamtorder/?sortera=-nummer"' in ascending.text
    assert _numbers(client.get(URL, {"sortera": "-nummer"})) == [second.number, first.number]
    assert client.get(URL, {"sortera": "bogus"}).status_code == 200


def test_pu_8_htmx_returns_the_results_partial(client_as, colleague, lund):
    pickup_order(colleague, lund)
    response = client_as(colleague).get(URL, {"registrerad": "7-dagar"}, headers=HTMX)
    assert response.text.lstrip().startswith('<div id="results"')


def test_pu_8_pages_of_50(client_as, colleague, lund):
    _bulk(colleague, lund, 51)
    client = client_as(colleague)
    assert len(_numbers(client.get(URL))) == 50
    assert len(_numbers(client.get(URL, {"sida": "2"}))) == 1


def test_acc_8_the_recipients_shown_are_logged_once_each(client_as, colleague, lund):
    pickup = pickup_order(colleague, lund)
    client_as(colleague).get(URL)
    rows = AccessLog.objects.filter(action="pickup_search_recipients")
    assert list(rows.values_list("recipient_id", flat=True)) == [pickup.recipient_id]


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context)


@pytest.mark.parametrize("params", [{}, {"sortera": "-status"}])
def test_pu_8_query_count_is_the_same_for_60_and_1000_rows(client_as, colleague, lund, params):
    client = client_as(colleague)
    _bulk(colleague, lund, 60)
    few = _queries(client, URL, params)
    PickupOrder.objects.all().delete()
    _bulk(colleague, lund, 1000)
    assert _queries(client, URL, params) == few
    PickupOrder.objects.all().delete()
    _bulk(colleague, lund, 10)  # within one page: no COUNT query
    assert _queries(client, URL, params) == few - 1


# --- Mina hämtordrar ----------------------------------------------------------------------

MY = reverse("my_page") + "?flik=pickups"


def test_home_4_mina_hamtordrar_lists_the_users_own_with_status(
    client_as, colleague, prescriber, lund
):
    mine = pickup_order(colleague, lund)
    theirs = pickup_order(prescriber, lund)
    page = client_as(colleague).get(MY).text
    assert f">{mine.number}</a>" in page and theirs.number not in page
    assert "Registrerad" in page
    assert "Här kommer du att se dina hämtordrar" not in page


def test_home_4_a_row_opens_the_side_panel_with_a_link_to_the_page(client_as, colleague, lund):
    mine = pickup_order(colleague, lund)
    response = client_as(colleague).get(MY + f"&hamtorder={mine.number}", headers=HTMX)
    assert response.text.lstrip().startswith('<div id="my-tab"')
    assert "Gå till hämtorderdetaljer" in response.text
    assert f'href="{mine.get_absolute_url()}"' in response.text
    assert AccessLog.objects.filter(action="my_pickups_panel").count() == 1


def test_acc_4_another_users_pickup_order_in_the_panel_is_404(
    client_as, colleague, prescriber, lund
):
    theirs = pickup_order(prescriber, lund)
    assert client_as(colleague).get(MY + f"&hamtorder={theirs.number}").status_code == 404


def test_home_4_mina_hamtordrar_query_count_is_constant(client_as, colleague, lund):
    client = client_as(colleague)
    _bulk(colleague, lund, 30)
    few = _queries(client, MY)
    PickupOrder.objects.all().delete()
    _bulk(colleague, lund, 1000)
    assert _queries(client, MY) == few
    PickupOrder.objects.all().delete()
    _bulk(colleague, lund, 10)  # within one page (25): no COUNT query
    assert _queries(client, MY) == few - 1
