"""BEY-8/BEY-13: an own store's reorder levels downloaded as .xlsx and uploaded back filled in
— rows matched by article number, every bad row reported by its line number, nothing saved
unless the whole file is valid, one transaction; the same file twice does the work once;
scoped to the user's own stores."""

from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inventory import services
from inventory.models import ReorderLevel
from inventory.reorder import set_reorder_level, set_reorder_levels
from inventory.reorder_sheets import HEADER
from inventory.tests.factories import ArticleFactory
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(lund, prescriber):
    """Lund's store: domes 2 (level 1/6), filters 4, batteries 0 (stocked, no level)."""
    warehouse = lund.warehouse
    domes = ArticleFactory(number="50140", name="Dome öppen 8 mm")
    filters = ArticleFactory(number="50150", name="Vaxfilter RIC")
    battery = ArticleFactory(number="51095", name="Batteri 10")
    services.add_stock(warehouse=warehouse, article=domes, quantity=2, by=prescriber)
    services.add_stock(warehouse=warehouse, article=filters, quantity=4, by=prescriber)
    services.ensure_stocked(warehouse=warehouse, articles=[battery])
    set_reorder_level(by=prescriber, warehouse=warehouse, article=domes, minimum=1, refill_to=6)
    return warehouse


def _url(store, name):
    return reverse(name, args=[store.number])


def _download(client, store):
    response = client.get(_url(store, "inventory:reorder_levels_xlsx"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))


def _fill(book, values):
    """values: {article number: (minimum, refill_to)}; returns the file to upload."""
    for row in book.active.iter_rows(min_row=1):
        if row[0].value in values:
            row[2].value, row[3].value = values[row[0].value]
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("nivåer.xlsx", out.getvalue())


def _upload(client, store, file, **kwargs):
    return client.post(_url(store, "inventory:reorder_levels_upload"), {"fil": file}, **kwargs)


def _levels(store):
    """{article number: (minimum, refill_to)} of the store."""
    rows = ReorderLevel.objects.filter(warehouse=store)
    return {
        number: (low, high)
        for number, low, high in rows.values_list("article__number", "minimum", "refill_to")
    }


def test_bey_13_the_levels_sheet_lists_each_stocked_article(client_as, prescriber, store):
    sheet = _download(client_as(prescriber), store).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows.index(HEADER)
    assert rows[header + 1 :] == [
        ["50140", "Dome öppen 8 mm", 1, 6, 2],
        ["50150", "Vaxfilter RIC", None, None, 4],
        ["51095", "Batteri 10", None, None, 0],
    ]


def test_bey_8_upload_sets_changes_and_removes_levels(client_as, prescriber, store):
    client = client_as(prescriber)
    filled = _fill(_download(client, store), {"50140": (None, None), "50150": (3, 10)})
    response = _upload(client, store, filled, follow=True)
    assert "Beställningspunkterna från filen är sparade. 1 ändrad, 1 borttagen." in response.text
    assert _levels(store) == {"50150": (3, 10)}
    assert ReorderLevel.objects.get().updated_by == prescriber


def test_bey_13_the_same_file_twice_does_the_work_once(client_as, prescriber, store):
    client = client_as(prescriber)
    content = _fill(_download(client, store), {"50150": (3, 10), "51095": ("", 5)}).read()
    first = _upload(client, store, SimpleUploadedFile("a.xlsx", content), follow=True)
    assert "2 ändrade, 0 borttagna." in first.text
    stamp = ReorderLevel.objects.get(article__number="50150").updated_at
    second = _upload(client, store, SimpleUploadedFile("a.xlsx", content), follow=True)
    assert "Inga beställningspunkter ändrades" in second.text
    assert ReorderLevel.objects.get(article__number="50150").updated_at == stamp
    assert _levels(store) == {"50140": (1, 6), "50150": (3, 10), "51095": (0, 5)}


def test_bey_13_a_file_with_bad_rows_saves_nothing_and_names_each_line(
    client_as, prescriber, store
):
    client = client_as(prescriber)
    book = _download(client, store)
    book.active.append(["99999", "Okänd", 1, 2, 0])
    book.active.append(["50150", "Vaxfilter RIC", 1, 2, 4])
    filled = _fill(book, {"50140": (9, 4), "50150": ("två", 10), "51095": (1, 5)})
    response = _upload(client, store, filled)
    assert response.status_code == 422
    text = response.text
    assert "Inget är sparat från filen." in text
    assert "Rad 5: Fyll på till måste vara minst lika mycket som minsta saldo" in text
    assert "Rad 6: minsta saldo två ska vara ett heltal mellan 0 och 100000." in text
    assert "Rad 8: artikel 99999 finns inte på lagret." in text
    assert "Rad 9: artikel 50150 står redan på en tidigare rad." in text
    assert _levels(store) == {"50140": (1, 6)}


def test_bey_13_a_file_that_is_no_spreadsheet_gets_422_in_swedish(client_as, prescriber, store):
    response = _upload(client_as(prescriber), store, SimpleUploadedFile("x.xlsx", b"nej"))
    assert response.status_code == 422
    assert "Filen kunde inte läsas som ett Excel-ark (.xlsx)." in response.text
    missing = client_as(prescriber).post(_url(store, "inventory:reorder_levels_upload"), {})
    assert missing.status_code == 422 and "Välj en ifylld fil" in missing.text


def test_bey_13_another_location_gets_404(client_as, other_location_user, store):
    client = client_as(other_location_user)
    assert client.get(_url(store, "inventory:reorder_levels_xlsx")).status_code == 404
    response = _upload(client, store, SimpleUploadedFile("x.xlsx", b"x"))
    assert response.status_code == 404
    assert ReorderLevel.objects.count() == 1


def test_bey_13_a_private_clinic_gets_the_no_stock_answer(client_as, private_prescriber, store):
    client = client_as(private_prescriber)
    assert client.get(_url(store, "inventory:reorder_levels_xlsx")).status_code == 403


def test_bey_8_lager_offers_the_levels_sheet(client_as, prescriber, store):
    html = client_as(prescriber).get(_url(store, "inventory:stock_warehouse")).text
    assert _url(store, "inventory:reorder_levels_xlsx") in html
    assert _url(store, "inventory:reorder_levels_upload") in html


def test_bey_8_the_service_refuses_an_article_not_in_the_store(prescriber, store):
    from sesam.exceptions import SesamError

    elsewhere = ArticleFactory()
    with pytest.raises(SesamError, match="finns inte på lagret"):
        set_reorder_levels(by=prescriber, warehouse=store, levels={elsewhere.pk: (1, 2)})


@pytest.mark.django_db(transaction=True)
def test_bey_13_two_uploads_of_one_file_at_once_save_it_once(prescriber, store):
    levels = dict.fromkeys(store.balances.values_list("article_id", flat=True), (2, 8))

    def upload():
        return set_reorder_levels(by=prescriber, warehouse=store, levels=levels)

    first, second = race(upload, upload)
    assert sorted([first.changed, second.changed]) == [0, 3]
    assert _levels(store) == {"50140": (2, 8), "50150": (2, 8), "51095": (2, 8)}


@pytest.mark.parametrize("count", [5, 500])
def test_bey_13_download_and_upload_queries_do_not_grow(
    client_as, prescriber, lund, count, django_assert_max_num_queries
):
    from inventory.tests.factories import bulk_articles

    articles = bulk_articles(count, start=300000)
    services.apply_changes(
        [services.Change(lund.warehouse, a, quantity=2) for a in articles],
        reason="receipt",
        by=None,
    )
    client = client_as(prescriber)
    client.get(_url(lund.warehouse, "inventory:stock_warehouse"))  # warm the session
    with django_assert_max_num_queries(12):
        book = _download(client, lund.warehouse)
    filled = _fill(book, {a.number: (1, 5) for a in articles})
    with django_assert_max_num_queries(20):
        response = _upload(client, lund.warehouse, filled)
    assert response.status_code == 302
    assert ReorderLevel.objects.filter(warehouse=lund.warehouse).count() == count
