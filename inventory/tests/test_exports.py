"""BEY-10: Sök artikel, Lager and Individ export as CSV and Excel with the filters and rows of
the page (every page, the user's columns), typed cells, constant queries, scoped (ACC-4)."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import Article, ArticleColumnChoice, Individual
from inventory.tests.factories import ArticleFactory, IndividualFactory, bulk_articles
from tests.exports import queries_to_read, read_csv, read_xlsx

ARTICLES = reverse("inventory:article_export")
INDIVIDUALS = reverse("inventory:individual_export")


def stock_export(number):
    return reverse("inventory:stock_export", args=[number])


def test_bey_10_article_export_has_every_hit_in_the_users_columns(client_as, prescriber):
    bulk_articles(120, name="Modell", pack_size=10)
    ArticleColumnChoice.objects.create(
        user=prescriber, columns=["number", "image", "name", "pack_size", "in_assortment"]
    )
    client = client_as(prescriber)
    params = {"q": "modell", "urval": "alla", "sortering": "-number"}
    page = client.get(reverse("inventory:article_search"), params)
    assert "format=xlsx" in page.text and "Exportera:" in page.text
    filters, header, rows = read_csv(client.get(ARTICLES, {**params, "format": "csv"}))
    assert filters == [
        ("Sök artikel", "modell"),
        ("Urval", "Alla artiklar"),
        ("Artikeltyp", "Alla artikeltyper"),
    ]
    assert header == ["Artikel", "Benämning", "Antal per förpackning", "Sortimentsartikel"]
    assert len(rows) == 120  # not one page of 50
    assert rows[0] == ["200119", "Modell 119", "10", "Ja"]  # sorted as on screen

    _f, xheader, xrows, sheet = read_xlsx(client.get(ARTICLES, {**params, "format": "xlsx"}))
    assert xheader == header and xrows[0] == ["200119", "Modell 119", 10, "Ja"]
    assert sheet.freeze_panes == "A6" and sheet.auto_filter.ref == "A5:D125"


def test_bey_10_article_export_needs_a_search(client_as, prescriber):
    response = client_as(prescriber).get(ARTICLES, {"q": "ab"})
    assert response.status_code == 422 and "3 tecken" in response.text


def test_bey_10_article_export_reads_in_the_same_queries_for_10_and_200(client_as, prescriber):
    client = client_as(prescriber)
    bulk_articles(10, name="Modell")
    few = queries_to_read(client, ARTICLES, {"q": "modell", "format": "xlsx"})
    Article.objects.all().delete()
    bulk_articles(200, name="Modell")
    assert queries_to_read(client, ARTICLES, {"q": "modell", "format": "xlsx"}) == few


@pytest.fixture
def stocked(lund, prescriber):
    store = lund.warehouse
    dome = ArticleFactory(number="50140", name="Dome öppen 8 mm", type=Article.Type.SPARE_PART)
    empty = ArticleFactory(number="51000", name="Dome stängd 6 mm", type=Article.Type.SPARE_PART)
    services.add_stock(warehouse=store, article=dome, quantity=20, by=prescriber)
    services.ensure_stocked(warehouse=store, articles=[empty])
    return store


def test_bey_10_stock_export_has_the_filtered_balances_as_numbers(client_as, prescriber, stocked):
    client = client_as(prescriber)
    assert (
        stock_export(stocked.number)
        in client.get(reverse("inventory:stock_warehouse", args=[stocked.number])).text
    )
    filters, header, rows, _sheet = read_xlsx(
        client.get(stock_export(stocked.number), {"format": "xlsx"})
    )
    assert filters[0] == ("Lager", str(stocked))
    assert ("Lagersaldo", "Med saldo") in filters or filters[-1][0] == "Lagersaldo"
    assert [row[0] for row in rows] == ["50140"]  # by default those with a balance
    assert rows[0][4] == 20 and rows[0][6] == 20  # Saldo, Tillgängligt: numbers
    _f, _h, every = read_csv(client.get(stock_export(stocked.number), {"saldo": "alla"}))
    assert sorted(row[0] for row in every) == ["50140", "51000"]


def test_acc_4_another_locations_stock_export_is_404(client_as, other_location_user, stocked):
    response = client_as(other_location_user).get(stock_export(stocked.number))
    assert response.status_code == 404


def test_bey_10_individual_export_has_the_search_hits(client_as, prescriber, lund, helsingborg):
    IndividualFactory(number="4101001", serial_number="NL1", warehouse=lund.warehouse)
    IndividualFactory(number="4101002", serial_number="NL2", warehouse=lund.warehouse)
    IndividualFactory(number="4101003", warehouse=helsingborg.warehouse)  # not Lund's
    Individual.objects.filter(number="4101002").update(
        status=Individual.Status.SCRAPPED, warehouse=None
    )
    client = client_as(prescriber)
    page = client.get(reverse("inventory:individual_search"), {"q": "41010"})
    assert f"{INDIVIDUALS}?q=41010&amp;format=csv" in page.text
    filters, header, rows = read_csv(client.get(INDIVIDUALS, {"q": "41010"}))
    assert filters == [("Sök individ", "41010"), ("Sök i", "Individnummer")]
    assert [(row[0], row[1], row[5]) for row in rows] == [
        ("4101001", "NL1", f"På lager ({lund.warehouse.number} {lund.warehouse.name})"),
        ("4101002", "NL2", "Skrotad"),
    ]
