"""BEY-6 in the stocktake (STK-3): a handheld scanner's GS1 string in the count sheet's
Skanna individ field ticks its individual as found — found by serial number (AI 21), the GTIN
(AI 01) checked against its article (another article's is refused naming both), parenthesised
AIs or FNC1/GS separators, read on the server (no JavaScript needed); a typed individual or
serial number works too."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import Article, Individual, StocktakeIndividual, StocktakeLine
from inventory.tests.factories import ArticleFactory
from inventory.tests.stocktake import investigation, lines_by_number, stock_lund

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
ARIA = "07350000401103"  # 40110
OTHER = "07350000401202"  # 40120


@pytest.fixture
def stocktake(lund, prescriber, staff):
    investigation()
    stocked = stock_lund(lund.warehouse, prescriber)
    Article.objects.filter(pk=stocked["aid"].pk).update(gtin=ARIA)
    for n in (1, 2, 3):
        Individual.objects.filter(number=f"410100{n}").update(serial_number=f"NL2628788{n}")
    ArticleFactory(number="40120", name="Hörapparat Bria", gtin=OTHER, is_individual=True)
    return services.start_stocktake(warehouse=lund.warehouse, by=staff)


def _url(stocktake):
    return reverse("inventory:stocktake", args=[stocktake.warehouse.number, stocktake.number])


def _found():
    return set(
        StocktakeIndividual.objects.filter(found=True).values_list("individual__number", flat=True)
    )


@pytest.mark.parametrize(
    "scanned",
    [
        f"(01){ARIA}(21)NL26287882",  # human-readable, parenthesised AIs
        f"]d201{ARIA}17281231\x1d21NL26287882",  # DataMatrix: symbology id, FNC1 as GS
        f"01{ARIA}10L7\x1d21NL26287882",  # bare element string with a GS separator
        "NL26287882",  # the serial typed by hand
        "4101002",  # the individual number (a plain Code 128 label)
    ],
)
def test_bey_6_a_scan_in_the_stocktake_ticks_its_individual(
    client_as, prescriber, stocktake, scanned
):
    response = client_as(prescriber).post(
        _url(stocktake), {"atgard": "skanna", "skanna": scanned}, follow=True
    )
    assert "4101002 (40110 Hörapparat Aria) är hittad." in response.text
    assert _found() == {"4101002"}
    assert lines_by_number(stocktake)["40110"].counted == 1


def test_bey_6_the_scan_wins_over_its_unticked_box_and_keeps_the_page(
    client_as, prescriber, stocktake, django_assert_max_num_queries
):
    lines = lines_by_number(stocktake)
    data = {
        "atgard": "skanna",
        "skanna": f"(01){ARIA}(21)NL26287883",
        "hittad": [Individual.objects.get(number="4101001").pk],
        f"antal-{lines['50140'].pk}": "7",
    }
    client = client_as(prescriber)
    client.get(_url(stocktake))  # warm the session
    with django_assert_max_num_queries(40):
        response = client.post(_url(stocktake), data, headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert "4101003 (40110 Hörapparat Aria) är hittad." in response.text
    assert 'id="id_skanna" value=""' in response.text and "data-focus" in response.text
    assert _found() == {"4101001", "4101003"}
    assert lines_by_number(stocktake)["50140"].counted == 7


def test_bey_6_a_gtin_of_another_article_is_refused_naming_both(client_as, prescriber, stocktake):
    response = client_as(prescriber).post(
        _url(stocktake), {"atgard": "skanna", "skanna": f"(01){OTHER}(21)NL26287882"}
    )
    assert response.status_code == 422
    assert (
        f"Streckkoden är för 40120 Hörapparat Bria (GTIN {OTHER}), men raden gäller "
        "40110 Hörapparat Aria." in response.text
    )
    assert not _found() and not StocktakeLine.objects.filter(counted__gt=0).exists()


@pytest.mark.parametrize(
    ("scanned", "message"),
    [
        (f"(01){ARIA}(21)XX999", "XX999 finns inte på inventeringsunderlaget."),
        (f"(01){ARIA}", "Streckkoden har inget serienummer (AI 21)."),
        ("(01)123", "Streckkoden kunde inte läsas"),
    ],
)
def test_bey_6_a_scan_that_finds_nothing_saves_nothing(
    client_as, prescriber, stocktake, scanned, message
):
    lines = lines_by_number(stocktake)
    data = {"atgard": "skanna", "skanna": scanned, f"antal-{lines['50140'].pk}": "7"}
    response = client_as(prescriber).post(_url(stocktake), data, headers=HTMX)
    assert response.status_code == 422 and message in response.text
    assert 'aria-invalid="true"' in response.text
    assert not _found() and lines_by_number(stocktake)["50140"].counted is None


def test_bey_6_an_individual_of_another_store_is_not_on_the_sheet(
    client_as, prescriber, stocktake, malmo
):
    from inventory.tests.factories import IndividualFactory

    IndividualFactory(number="4102009", serial_number="MA-1", warehouse=malmo.warehouse)
    response = client_as(prescriber).post(
        _url(stocktake), {"atgard": "skanna", "skanna": "(21)MA-1"}
    )
    assert response.status_code == 422 and "MA-1 finns inte på inventeringsunderlaget" in (
        response.text
    )


def test_bey_6_the_count_sheet_offers_the_scan_field(client_as, prescriber, stocktake):
    html = client_as(prescriber).get(_url(stocktake)).text
    assert 'name="skanna"' in html and "Markera hittad" in html
