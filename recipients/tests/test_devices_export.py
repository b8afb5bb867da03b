"""BEY-10: a recipient's Hjälpmedel tab (and Beställt, Återlämnat) exports as CSV and Excel:
the tab's devices in the user's product areas, sorted as the page, Avgift as a number, one
access-log row (ACC-8), never an address (REC-5)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory
from recipients.models import Device
from recipients.tests.factories import DeviceFactory
from sesam.tests.factories import ProductAreaFactory
from tests.exports import body, read_csv, read_xlsx


def export_url(recipient):
    return reverse("recipients:devices_export", args=[recipient.pk])


def test_bey_10_hjalpmedel_export_has_the_tabs_devices_typed(
    client_as, prescriber, delivered, tolvan, access_rows
):
    glasses = DeviceFactory(
        recipient=tolvan,
        article=ArticleFactory(product_area=ProductAreaFactory(code="syn", name="Syn")),
    )
    client = client_as(prescriber)
    page = client.get(tolvan.get_absolute_url())
    link = f"{export_url(tolvan)}?flik=hjalpmedel&amp;sortera=-datum&amp;format=xlsx"
    assert link in page.text
    before = len(access_rows())
    filters, header, rows, sheet = read_xlsx(
        client.get(export_url(tolvan), {"flik": "hjalpmedel", "format": "xlsx"})
    )
    assert filters == [
        ("Mottagare", "Tolvan Tolvansson"),
        ("Personnummer", "19121212-1212"),
        ("Flik", "Hjälpmedel"),
    ]
    assert header == [
        "Levererad", "Artikelnr", "Benämning", "Individnummer", "Avgift", "Antal",
        "Beställningsnummer",
    ]  # fmt: skip
    (row,) = rows  # the glasses are outside audionom's product areas
    assert row[1] == delivered.article.number and glasses.article.number not in str(rows)
    assert row[0] == datetime.datetime.combine(delivered.delivered_on, datetime.time())
    assert row[4] is None and row[5] == 1 and row[6] == "26100001"  # no charge: no fee
    (logged,) = access_rows()[before:]
    assert (logged.recipient_id, logged.action, logged.context["tab"]) == (
        tolvan.pk,
        "devices_export",
        "devices",
    )


def test_bey_10_ordered_tab_exports_its_own_columns(client_as, prescriber, tolvan):
    DeviceFactory(recipient=tolvan, status=Device.Status.ORDERED, order_number="26100002")
    _f, header, rows = read_csv(client_as(prescriber).get(export_url(tolvan), {"flik": "bestallt"}))
    assert header[-2:] == ["Planerat lev.datum", "Beställningsnummer"]
    assert [row[-1] for row in rows] == ["26100002"]


def test_rec_5_export_of_a_protected_recipient_has_no_address(client_as, prescriber, protected):
    DeviceFactory(recipient=protected)
    client = client_as(prescriber)
    csv_text = body(client.get(export_url(protected))).decode()
    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get(export_url(protected), {"format": "xlsx"})))
    )
    cells = " ".join(
        str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c
    )
    for text in (csv_text, cells):
        assert "Maria Lindqvist" in text
        for secret in ("Hemliga", "252 21", "Helsingborg"):
            assert secret not in text


@pytest.mark.parametrize(
    ("params", "status"), [({"flik": "aktiviteter"}, 404), ({"format": "x"}, 400)]
)
def test_bey_10_no_export_of_a_tab_without_devices_or_in_a_format_that_is_none(
    client_as, prescriber, tolvan, params, status
):
    assert client_as(prescriber).get(export_url(tolvan), params).status_code == status


def test_bey_10_unknown_recipient_is_404(client_as, prescriber, db):
    assert client_as(prescriber).get("/mottagare/999999/hjalpmedel/export/").status_code == 404
