"""Lager (STK-1), Lagersaldorapport (STK-2), private clinics (ACC-7), scoping (ACC-4)."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inventory import services
from inventory.models import Article
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory
from sesam.models import Document, NumberSeries

HTMX = {"HX-Request": "true"}


def store_url(number):
    return reverse("inventory:stock_warehouse", args=[number])


@pytest.fixture
def stocked(lund, prescriber):
    store = lund.warehouse
    dome = ArticleFactory(number="50140", name="Dome öppen 8 mm", type=Article.Type.SPARE_PART)
    filters = ArticleFactory(number="50150", name="Vaxfilter RIC", type=Article.Type.SPARE_PART)
    aid = ArticleFactory(number="40110", name="Hörapparat Aria", is_individual=True)
    empty = ArticleFactory(number="51000", name="Dome stängd 6 mm", type=Article.Type.SPARE_PART)
    services.add_stock(warehouse=store, article=dome, quantity=20, by=prescriber)
    services.add_stock(warehouse=store, article=filters, quantity=4, by=prescriber)
    services.create_individuals(
        article=aid, warehouse=store, by=prescriber,
        individuals=[NewIndividual("4101001"), NewIndividual("4101002")],
    )  # fmt: skip
    services.ensure_stocked(warehouse=store, articles=[empty])
    return {"dome": dome, "filters": filters, "aid": aid, "empty": empty}


def test_stk_1_lager_opens_the_active_locations_store(client_as, prescriber, stocked):
    response = client_as(prescriber).get(reverse("inventory:stock"))
    assert response.status_code == 302
    assert response["Location"] == store_url("4101")


def test_stk_1_choose_another_of_the_users_locations(client_as, prescriber, stocked):
    malmo = prescriber.service_locations.get(code="4102")
    response = client_as(prescriber).get(reverse("inventory:stock"), {"tjanstestalle": malmo.pk})
    assert response["Location"] == store_url("4102")


def test_stk_1_choosing_another_users_location_is_refused(
    client_as, prescriber, stocked, helsingborg
):
    response = client_as(prescriber).get(
        reverse("inventory:stock"), {"tjanstestalle": helsingborg.pk}
    )
    assert response.status_code == 422


def test_stk_1_lists_articles_with_balance(client_as, prescriber, stocked):
    response = client_as(prescriber).get(store_url("4101"))
    rows = {b.article.number: b.quantity for b in response.context["page"].object_list}
    assert rows == {"50140": 20, "50150": 4, "40110": 2}


def test_stk_1_filter_on_balance_and_type(client_as, prescriber, stocked):
    client = client_as(prescriber)
    page = client.get(store_url("4101"), {"saldo": "utan"}).context["page"]
    assert [b.article.number for b in page.object_list] == ["51000"]
    page = client.get(store_url("4101"), {"saldo": "alla", "typ": "main"}).context["page"]
    assert [b.article.number for b in page.object_list] == ["40110"]


def test_stk_1_name_search_needs_three_characters_or_none(client_as, prescriber, stocked):
    client = client_as(prescriber)
    response = client.get(store_url("4101"), {"q": "do"})
    assert response.status_code == 422
    assert "Ange minst 3 tecken" in response.content.decode()
    response = client.get(store_url("4101"), {"q": "dome"})
    assert [b.article.number for b in response.context["page"].object_list] == ["50140"]
    response = client.get(store_url("4101"), {"q": ""})
    assert response.context["page"].paginator.count == 3


def test_stk_1_htmx_returns_the_results_partial(client_as, prescriber, stocked):
    response = client_as(prescriber).get(store_url("4101"), {"q": "vaxfilter"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "1 artikel" in html


def test_acc_4_another_locations_store_is_404(client_as, prescriber, helsingborg):
    client = client_as(prescriber)
    assert client.get(store_url("4103")).status_code == 404
    assert client.get(reverse("inventory:stock_report", args=["4103"])).status_code == 404


def test_acc_4_central_warehouse_is_not_a_lager_page(client_as, prescriber, lund):
    assert client_as(prescriber).get(store_url("70")).status_code == 404


def test_acc_7_private_clinic_has_no_lager(client_as, private_prescriber, lund):
    client = client_as(private_prescriber)
    response = client.get(reverse("inventory:stock"))
    assert response.status_code == 403
    assert "privat mottagning" in response.content.decode()
    assert client.get(store_url("4101")).status_code == 403
    assert client.get(reverse("inventory:stock_report", args=["4101"])).status_code == 403


def test_stk_2_stock_report_pdf_lists_the_articles(client_as, prescriber, stocked):
    response = client_as(prescriber).get(reverse("inventory:stock_report", args=["4101"]))
    assert response["Content-Type"] == "application/pdf"
    assert "lagersaldorapport-4101" in response["Content-Disposition"]
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ["Lagersaldorapport", "4101", "50140", "Dome öppen 8 mm", "Vaxfilter RIC",
                     "40110", "4101001", "Sida 1 av 1"]:  # fmt: skip
        assert expected in text
    assert "51000" not in text  # no balance, not on the report


def test_stk_page_query_count_is_bounded(
    client_as, prescriber, stocked, django_assert_max_num_queries
):
    client = client_as(prescriber)
    client.get(store_url("4101"))
    with django_assert_max_num_queries(13):
        client.get(store_url("4101"), {"saldo": "alla"})


def test_stk_2_doc_4_each_stock_report_has_its_own_number(client_as, prescriber, stocked):
    client = client_as(prescriber)
    url = reverse("inventory:stock_report", args=["4101"])
    client.get(url)
    second = client.get(url)
    documents = list(Document.objects.order_by("pk"))
    assert [d.reference for d in documents] == ["4101", "4101"]
    assert documents[0].number != documents[1].number
    assert not NumberSeries.objects.exists()  # DOC-D120: not a number of the orders' series
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(second.content)).pages)
    assert documents[1].number in text
    assert f"lagersaldorapport-4101-{documents[1].number}.pdf" in second["Content-Disposition"]
