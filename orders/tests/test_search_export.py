"""BEY-10: Sök → Beställning exports as CSV and Excel with exactly the filters and rows of
the search (every page), in a constant number of queries, scoped like the page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from tests.exports import queries_to_read, read_csv, read_xlsx

URL = reverse("orders:search")
EXPORT = reverse("orders:search_export")


def _bulk_orders(user, location, count, *, prefix="2501"):
    now = timezone.now()
    Order.objects.bulk_create(
        Order(
            number=f"{prefix}{i:04d}",
            kind=Order.Kind.REFILL,
            status=Order.Status.REGISTERED,
            orderer=user,
            service_location=location,
            delivery_address="Lund",
            sent_at=now - datetime.timedelta(minutes=i),
        )
        for i in range(count)
    )


def _shown_numbers(client, params) -> list[str]:
    """Every number the search shows, page after page."""
    numbers, page = [], 1
    while True:
        text = client.get(URL, {**params, "sida": page}).text
        numbers += re.findall(r'href="/bestallning/(\d{8})/"', text)
        if 'rel="next"' not in text and "Nästa" not in text:
            return numbers
        page += 1


def test_bey_10_order_search_exports_every_page_with_the_filters_on_screen(
    client_as, prescriber, lund, malmo
):
    _bulk_orders(prescriber, lund, 60)
    _bulk_orders(prescriber, malmo, 3, prefix="2502")
    client = client_as(prescriber)
    params = {"tjanstestalle": "alla", "registrerad": "7-dagar", "sortera": "nummer"}
    shown = _shown_numbers(client, params)
    assert len(shown) == 63

    filters, header, rows = read_csv(client.get(EXPORT, {**params, "format": "csv"}))
    assert filters == [
        ("Tjänsteställe", "Alla mina tjänsteställen"),
        ("Registrerad", "7 dagar"),
        ("Visa okvitterade direktleveranser", "Nej"),
    ]
    assert header[:3] == ["Beställningsnummer", "Registrerad", "Beställare"]
    assert [row[0] for row in rows] == shown
    assert rows[0][2] == prescriber.full_name and rows[0][4].startswith("Lagerpåfyllnad")

    xfilters, xheader, xrows, sheet = read_xlsx(client.get(EXPORT, {**params, "format": "xlsx"}))
    assert xfilters == filters and xheader == header
    assert [row[0] for row in xrows] == shown
    assert sheet.freeze_panes == "A6"  # three filters, an empty row, the header
    registered = xrows[0][1]
    assert isinstance(registered, datetime.datetime)  # a date cell, in local time
    first = Order.objects.get(number=shown[0])
    local = timezone.localtime(first.sent_at).replace(tzinfo=None, second=0, microsecond=0)
    assert registered.replace(second=0, microsecond=0) == local


def test_bey_10_order_export_reads_in_the_same_queries_for_10_and_200_rows(
    client_as, prescriber, lund
):
    client = client_as(prescriber)
    _bulk_orders(prescriber, lund, 10)
    few = {fmt: queries_to_read(client, EXPORT, {"format": fmt}) for fmt in ("csv", "xlsx")}
    Order.objects.all().delete()
    _bulk_orders(prescriber, lund, 200)
    many = {fmt: queries_to_read(client, EXPORT, {"format": fmt}) for fmt in ("csv", "xlsx")}
    assert many == few


def test_bey_10_order_export_is_scoped_to_the_users_locations(
    client_as, prescriber, other_location_user, lund, helsingborg
):
    _bulk_orders(prescriber, lund, 5)
    client = client_as(other_location_user)
    _filters, _header, rows = read_csv(client.get(EXPORT, {"registrerad": "12-manader"}))
    assert rows == []
    refused = client.get(EXPORT, {"tjanstestalle": str(lund.pk)})
    assert refused.status_code == 422 and "Välj ett av alternativen" in refused.text


@pytest.mark.parametrize("params", [{"format": "pdf"}, {"registrerad": "evigt"}])
def test_bey_10_order_export_refuses_bad_input_in_swedish(client_as, prescriber, lund, params):
    response = client_as(prescriber).get(EXPORT, params)
    assert response.status_code in (400, 422)
    assert "Välj" in response.content.decode()


def test_bey_10_the_search_links_its_export_with_the_query_string(client_as, prescriber, lund):
    _bulk_orders(prescriber, lund, 2)
    text = client_as(prescriber).get(URL, {"registrerad": "7-dagar"}).text
    assert f'href="{EXPORT}?registrerad=7-dagar&amp;format=csv"' in text
    assert f'href="{EXPORT}?registrerad=7-dagar&amp;format=xlsx"' in text
