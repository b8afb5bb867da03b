"""Lager → Inventering (STK-3): the tab, the count sheet form, the confirm step, the result,
the PDF; scoping (ACC-4/ACC-6), private clinics (ACC-7), bad counts, query counts."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inventory import services
from inventory.models import Article, Individual, StockBalance, Stocktake, StocktakeLine
from inventory.tests.factories import bulk_articles
from inventory.tests.stocktake import (
    assert_balances_are_sums_of_movements,
    count_all,
    investigation,
    lines_by_number,
    stock_lund,
)

HTMX = {"HX-Request": "true"}


@pytest.fixture
def stocked(lund, prescriber):
    investigation()
    return stock_lund(lund.warehouse, prescriber)


@pytest.fixture
def stocktake(lund, stocked, staff):
    return services.start_stocktake(warehouse=lund.warehouse, by=staff)


def url(stocktake, name="inventory:stocktake"):
    return reverse(name, args=[stocktake.warehouse.number, stocktake.number])


def sheet_post(stocktake, counts=None, found=(), action="spara"):
    lines = lines_by_number(stocktake)
    data = {"atgard": action, "hittad": [Individual.objects.get(number=n).pk for n in found]}
    for number, value in (counts or {}).items():
        data[f"antal-{lines[number].pk}"] = value
    return data


def test_stk_3_inventering_tab_lists_the_open_stocktake(client_as, prescriber, stocktake):
    response = client_as(prescriber).get(reverse("inventory:stocktakes", args=["4101"]))
    html = response.content.decode()
    assert f"Inventering {stocktake.number} – räkna" in html
    assert "0 av 3" in html


def test_stk_3_lagersaldo_has_the_inventering_tab(client_as, prescriber, stocked):
    response = client_as(prescriber).get(reverse("inventory:stock_warehouse", args=["4101"]))
    assert reverse("inventory:stocktakes", args=["4101"]) in response.content.decode()


def test_stk_3_count_sheet_form_lists_the_lines(client_as, prescriber, stocktake):
    html = client_as(prescriber).get(url(stocktake)).content.decode()
    assert "Räknat antal för 50140 Dome öppen 8 mm" in html
    assert 'name="hittad"' in html and "4101002" in html
    assert "60110" not in html  # a service article is never on the sheet
    assert "Slutför inventering" in html


def test_stk_3_save_counts_and_ticks(client_as, prescriber, stocktake):
    data = sheet_post(stocktake, {"50140": "9", "50150": ""}, found=["4101001"])
    response = client_as(prescriber).post(url(stocktake) + "?sida=1", data)
    assert response.status_code == 302
    lines = lines_by_number(stocktake)
    assert (lines["50140"].counted, lines["50150"].counted, lines["40110"].counted) == (9, None, 1)


def test_stk_3_htmx_save_returns_the_sheet_partial(client_as, prescriber, stocktake):
    data = sheet_post(stocktake, {"50140": "9"})
    response = client_as(prescriber).post(url(stocktake), data, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="count-sheet"')
    assert "Räkningen är sparad." in html and 'value="9"' in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-2", "kan inte vara negativt"),
        ("tolv", "Skriv antalet som ett heltal"),
        ("1,5", "Skriv antalet som ett heltal"),
        ("123456", "orimligt stort"),
        ("9" * 40, "orimligt stort"),
    ],
)
def test_stk_3_bad_counts_get_a_swedish_message_and_422(
    client_as, prescriber, stocktake, typed, message
):
    response = client_as(prescriber).post(url(stocktake), sheet_post(stocktake, {"50140": typed}))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and "50140 Dome öppen 8 mm" in html
    assert StocktakeLine.objects.filter(counted__isnull=False).count() == 0


def test_stk_3_an_individual_of_another_warehouse_is_refused(
    client_as, prescriber, stocktake, malmo
):
    from inventory.tests.factories import IndividualFactory

    other = IndividualFactory(number="4102001", warehouse=malmo.warehouse)
    response = client_as(prescriber).post(url(stocktake), {"atgard": "spara", "hittad": other.pk})
    assert response.status_code == 422
    assert "finns inte på den här sidan" in response.content.decode()


def test_stk_3_finish_asks_first_then_finishes(client_as, prescriber, stocktake, lund):
    client = client_as(prescriber)
    data = sheet_post(stocktake, {"50140": "7", "50150": "4"}, ["4101001", "4101003"], "slutfor")
    response = client.post(url(stocktake), data)
    assert response["Location"] == url(stocktake, "inventory:stocktake_finish")
    confirm = client.get(response["Location"]).content.decode()
    assert "Ja, slutför inventering" in confirm and "4101002" in confirm and "-3" in confirm
    response = client.post(url(stocktake, "inventory:stocktake_finish"))
    assert response.status_code == 302
    assert Individual.objects.get(number="4101002").warehouse.number == "99"
    result = client.get(url(stocktake)).content.decode()
    assert "Flyttade till utredningslager 99" in result and "4101002" in result
    assert_balances_are_sums_of_movements()


def test_stk_3_finish_with_uncounted_articles_is_refused(client_as, prescriber, stocktake):
    client = client_as(prescriber)
    assert client.get(url(stocktake, "inventory:stocktake_finish")).status_code == 409
    response = client.post(url(stocktake, "inventory:stocktake_finish"))
    assert response.status_code == 409
    assert "inte räknade" in response.content.decode()
    assert Stocktake.objects.get().is_open


def test_stk_3_a_second_finish_is_refused(client_as, prescriber, stocktake, stocked, lund):
    count_all(stocktake, prescriber, counts={"50140": 5})
    client = client_as(prescriber)
    assert client.post(url(stocktake, "inventory:stocktake_finish")).status_code == 302
    response = client.post(url(stocktake, "inventory:stocktake_finish"), follow=True)
    assert "redan slutförd" in response.content.decode()
    assert StockBalance.objects.get(warehouse=lund.warehouse, article=stocked["dome"]).quantity == 5
    response = client.post(url(stocktake), sheet_post(stocktake, {"50140": "1"}), follow=True)
    assert "redan slutförd" in response.content.decode()


def test_stk_3_count_sheet_pdf(client_as, prescriber, stocktake):
    response = client_as(prescriber).get(url(stocktake, "inventory:stocktake_sheet_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert f"inventeringsunderlag-{stocktake.number}" in response["Content-Disposition"]
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(response.content)).pages
    )
    for expected in ["Inventeringsunderlag", stocktake.number, "4101", "50140",
                     "Dome öppen 8 mm", "Reservdel", "4101002", "Räknat antal"]:  # fmt: skip
        assert expected in text
    assert "60110" not in text


@pytest.mark.parametrize(
    "name",
    ["inventory:stocktake", "inventory:stocktake_finish", "inventory:stocktake_sheet_pdf"],
)
def test_acc_6_another_locations_user_gets_404(client_as, other_location_user, stocktake, name):
    client = client_as(other_location_user)
    assert client.get(url(stocktake, name)).status_code == 404
    get_only = name == "inventory:stocktake_sheet_pdf"  # a POST is refused before the scope
    assert client.post(url(stocktake, name)).status_code == (405 if get_only else 404)
    assert client.get(reverse("inventory:stocktakes", args=["4101"])).status_code == 404


def test_acc_6_stocktake_of_another_warehouse_in_the_url_is_404(
    client_as, prescriber, stocktake, malmo
):
    wrong = reverse("inventory:stocktake", args=["4102", stocktake.number])
    assert client_as(prescriber).get(wrong).status_code == 404


def test_acc_7_private_clinic_gets_the_no_stock_answer(client_as, private_prescriber, stocktake):
    client = client_as(private_prescriber)
    response = client.get(reverse("inventory:stocktakes", args=["4101"]))
    assert response.status_code == 403 and "privat mottagning" in response.content.decode()
    assert client.get(url(stocktake)).status_code == 403


def _many(lund, staff, count):
    articles = bulk_articles(count, start=300000, type=Article.Type.SPARE_PART)
    services.apply_changes(
        [services.Change(lund.warehouse, a, quantity=2) for a in articles],
        reason="receipt",
        by=None,
    )
    return services.start_stocktake(warehouse=lund.warehouse, by=staff)


@pytest.mark.parametrize("count", [10, 1000])
def test_stk_3_count_sheet_queries_do_not_grow(
    client_as, prescriber, lund, staff, count, django_assert_num_queries, monkeypatch
):
    stocktake = _many(lund, staff, count)
    client = client_as(prescriber)
    client.get(url(stocktake))  # warm the session and caches
    # a sheet that fits on its first page (100 lines) needs no COUNT (sesam.lib.search)
    with django_assert_num_queries(QUERIES["page"] - (count <= 100)):
        client.get(url(stocktake))
    monkeypatch.setattr("sesam.lib.pdf.HTML", _FakeHtml)
    with django_assert_num_queries(QUERIES["pdf"]):
        client.get(url(stocktake, "inventory:stocktake_sheet_pdf"))


class _FakeHtml:
    """Stands in for WeasyPrint (the template is still rendered, so its queries count)."""

    def __init__(self, string):
        self.string = string

    def write_pdf(self):
        return b"%PDF-1.7"


QUERIES = {"page": 8, "pdf": 6}


def test_stk_d8_a_long_sheet_is_saved_page_by_page(client_as, prescriber, lund, staff):
    stocktake = _many(lund, staff, 120)
    client = client_as(prescriber)
    second = client.get(url(stocktake), {"sida": 2}, headers=HTMX)
    assert second.content.decode().lstrip().startswith('<div id="count-sheet"')
    lines = list(stocktake.lines.order_by("article__number"))
    data = {"atgard": "spara", **{f"antal-{line.pk}": "2" for line in lines[100:]}}
    assert client.post(url(stocktake) + "?sida=2", data).status_code == 302
    counted = StocktakeLine.objects.filter(stocktake=stocktake, counted__isnull=False)
    assert counted.count() == 20 and not counted.filter(pk=lines[0].pk).exists()
    assert client.get(url(stocktake, "inventory:stocktake_finish")).status_code == 409


def test_stk_d5_a_refused_finish_names_the_article_to_recount(
    client_as, prescriber, stocktake, stocked, lund
):
    count_all(stocktake, prescriber, counts={"50150": 1})
    services.withdraw_stock(
        warehouse=lund.warehouse, article=stocked["filters"], quantity=2, by=None
    )
    response = client_as(prescriber).post(url(stocktake, "inventory:stocktake_finish"))
    html = response.content.decode()
    assert response.status_code == 409
    assert html.count("Räkna om artikeln") == 1 and "50150 Vaxfilter RIC" in html


def test_home_4_att_gora_leads_to_the_open_stocktake(client_as, prescriber, stocktake):
    html = client_as(prescriber).get(reverse("my_page")).content.decode()
    assert f'<a href="{url(stocktake)}">Inventering</a>' in html


def test_stk_3_count_sheet_shows_the_unit_beside_the_count(client_as, prescriber, stocktake):
    from inventory.models import Article

    Article.objects.filter(number="50140").update(unit="fp")  # issue 19.6
    response = client_as(prescriber).get(url(stocktake, "inventory:stocktake_sheet_pdf"))
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    row = text[text.index("50140") :].split("Reservdel", 1)[1][:60]
    assert "fp" in row
