"""BEY-13: the count sheet downloaded as .xlsx and uploaded back filled in — rows matched by
article and individual number, every bad row reported by its line number, nothing saved
until the whole file is valid; 404 for another location."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inventory import services
from inventory.count_sheets import HEADER
from inventory.models import StocktakeIndividual, StocktakeLine
from inventory.tests.stocktake import investigation, lines_by_number, stock_lund

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocktake(lund, prescriber, staff):
    investigation()
    stock_lund(lund.warehouse, prescriber)
    return services.start_stocktake(warehouse=lund.warehouse, by=staff)


def _url(stocktake, name):
    return reverse(name, args=[stocktake.warehouse.number, stocktake.number])


def _download(client, stocktake):
    response = client.get(_url(stocktake, "inventory:stocktake_sheet_xlsx"))
    assert response.status_code == 200
    return openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))


def _fill(book, values):
    """values: {(article, individual): count-or-found}; returns the file to upload."""
    sheet = book.active
    for row in sheet.iter_rows(min_row=1):
        key = (row[0].value, row[3].value or "")
        if key in values:
            target = row[5] if key[1] else row[4]
            target.value = values[key]
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("räkning.xlsx", out.getvalue())


def _upload(client, stocktake, file):
    return client.post(_url(stocktake, "inventory:stocktake_upload"), {"fil": file}, follow=True)


def test_bey_13_download_fill_in_and_upload_saves_the_counts(client_as, prescriber, stocktake):
    client = client_as(prescriber)
    book = _download(client, stocktake)
    header_row = [c.value for c in book.active[4]]
    assert header_row == HEADER
    filled = _fill(book, {("50140", ""): 9, ("50150", ""): 4, ("40110", "4101002"): "Ja"})
    response = _upload(client, stocktake, filled)
    assert "Räkningen från filen är sparad." in response.text
    lines = lines_by_number(stocktake)
    assert (lines["50140"].counted, lines["50150"].counted, lines["40110"].counted) == (9, 4, 1)
    assert StocktakeIndividual.objects.get(individual__number="4101002").found


def test_bey_13_a_file_with_bad_rows_saves_nothing_and_names_each_line(
    client_as, prescriber, stocktake
):
    client = client_as(prescriber)
    book = _download(client, stocktake)
    book.active.append(["99999", "Okänd", "st", "", 1, ""])
    filled = _fill(book, {("50140", ""): 9, ("50150", ""): "fyra", ("40110", "4101002"): "kanske"})
    response = _upload(client, stocktake, filled)
    text = response.text
    assert "Inget är sparat från filen." in text
    assert "Rad 9: räknat antal fyra är inget heltal." in text
    assert "Hittad ska vara Ja eller Nej" in text and "artikel 99999 finns inte" in text
    assert not StocktakeLine.objects.filter(counted__isnull=False).exists()


def test_bey_13_a_file_that_is_no_spreadsheet_is_refused(client_as, prescriber, stocktake):
    response = _upload(
        client_as(prescriber), stocktake, SimpleUploadedFile("x.xlsx", b"not a spreadsheet")
    )
    assert "kunde inte läsas som ett Excel-ark" in response.text


def test_bey_13_another_location_gets_404(client_as, other_location_user, stocktake):
    client = client_as(other_location_user)
    assert client.get(_url(stocktake, "inventory:stocktake_sheet_xlsx")).status_code == 404
    file = SimpleUploadedFile("x.xlsx", b"x")
    response = client.post(_url(stocktake, "inventory:stocktake_upload"), {"fil": file})
    assert response.status_code == 404
