"""Artikel page (ART-6, ART-7, ART-9)."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import Article, ArticleDocument
from inventory.selectors import availability
from inventory.tests.factories import ArticleFactory

HTMX = {"HX-Request": "true"}


def url(article, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("inventory:article_detail", args=[article.number]) + (
        f"?{query}" if query else ""
    )


@pytest.fixture
def article(db):
    return ArticleFactory(
        number="40110", name="Hörapparat Aria 5 RIC", supplier_number="NL-AR5",
        description="Laddbar hörapparat.", replacement_group="HA-RIC-5", delivery_days=4,
        price=5400, is_individual=True,
    )  # fmt: skip


def test_art_6_article_page_shows_supplier_numbers_description(client_as, prescriber, article):
    html = client_as(prescriber).get(url(article)).content.decode()
    for text in [article.supplier.name, "NL-AR5", "Laddbar hörapparat.", "Sortimentsartikel"]:
        assert text in html
    for tab in ["Tillgänglighet", "Artikelinformation", "Priser", "Lagersaldon", "Dokument"]:
        assert f">{tab}</a>" in html


def test_art_6_availability_in_70_with_replacement_group(
    client_as, prescriber, article, lund, central_warehouse
):
    services.add_stock(warehouse=central_warehouse, article=article, quantity=5, by=prescriber)
    response = client_as(prescriber).get(url(article, lager="70"))
    html = response.content.decode()
    assert response.context["availability"].available == 5
    assert "Ersättningsgrupp" in html
    assert "HA-RIC-5" in html
    assert "4 arbetsdagar" in html


def test_art_6_replacement_group_only_with_70(client_as, prescriber, article, lund):
    html = client_as(prescriber).get(url(article, lager="4101")).content.decode()
    assert "Ersättningsgrupp" not in html
    assert "HA-RIC-5" not in html


def test_art_6_750_shows_no_balance(client_as, prescriber, article, lund):
    html = client_as(prescriber).get(url(article, lager="750")).content.decode()
    assert "Visas inte" in html


def test_art_6_only_the_users_warehouses_are_offered(client_as, prescriber, article, helsingborg):
    response = client_as(prescriber).get(url(article, lager="4103"))
    assert response.status_code == 200
    assert response.context["availability"].warehouse.number == "70"
    assert [w.number for w in response.context["warehouses"]] == ["70", "750", "4101", "4102"]


@pytest.mark.parametrize("status", [Article.Status.PHASING_OUT, Article.Status.DISCONTINUED])
def test_art_7_phasing_out_and_discontinued_cannot_be_purchased(status, central_warehouse):
    article = ArticleFactory(status=status)
    result = availability(article, central_warehouse)
    assert not article.can_be_purchased
    assert not result.can_be_purchased
    assert "kan inte köpas in" in result.explanation
    assert "endast från eget förråd" in result.explanation


def test_art_7_active_article_can_be_purchased(article, central_warehouse):
    result = availability(article, central_warehouse)
    assert article.can_be_purchased
    assert result.explanation == ""


def test_art_7_page_explains_the_status(client_as, prescriber, lund):
    article = ArticleFactory(status=Article.Status.PHASING_OUT)
    html = client_as(prescriber).get(url(article, lager="4101")).content.decode()
    assert "Utgående" in html
    assert "Kan inte köpas in." in html
    assert "endast från eget förråd där det finns saldo" in html


def test_art_9_central_only_is_explained(client_as, prescriber, lund):
    article = ArticleFactory(number="83563", central_only=True)
    html = client_as(prescriber).get(url(article)).content.decode()
    assert "endast förskrivas från Hjälpmedelsverksamhet" in html


def test_art_6_prices_tab_shows_price_and_fee(client_as, prescriber, lund):
    charger = ArticleFactory(price=900, fee_kind=Article.FeeKind.CHARGER, fee_amount=500)
    html = client_as(prescriber).get(url(charger, flik="priser")).content.decode()
    assert "900,00 kr" in html
    assert "500,00 kr" in html
    assert "tre månader" in html


def test_art_6_balances_tab_lists_own_stores_and_70(client_as, prescriber, article, helsingborg):
    lund_store = prescriber.service_locations.get(code="4101").warehouse
    services.add_stock(warehouse=lund_store, article=article, quantity=2, by=prescriber)
    services.add_stock(warehouse=helsingborg.warehouse, article=article, quantity=9, by=None)
    response = client_as(prescriber).get(url(article, flik="lagersaldon"))
    assert [b.warehouse.number for b in response.context["balances"]] == ["4101"]


def test_art_6_documents_tab(client_as, prescriber, article):
    ArticleDocument.objects.create(
        article=article, title="Bruksanvisning", url="https://x.example/a.pdf"
    )
    html = client_as(prescriber).get(url(article, flik="dokument")).content.decode()
    assert "Bruksanvisning" in html
    assert "https://x.example/a.pdf" in html


def test_art_6_htmx_tab_returns_the_tabs_partial(client_as, prescriber, article, lund):
    response = client_as(prescriber).get(url(article, flik="priser"), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="tabs">')
    assert "<h1" not in html
    assert "5 400,00 kr" in html


def test_art_6_unknown_tab_falls_back(client_as, prescriber, article, lund):
    response = client_as(prescriber).get(url(article, flik="<script>"))
    assert response.status_code == 200
    assert response.context["tab"] == "tillganglighet"


def test_art_6_unknown_article_is_404(client_as, prescriber):
    response = client_as(prescriber).get(reverse("inventory:article_detail", args=["nope"]))
    assert response.status_code == 404


def test_art_6_own_store_balance_and_the_query_count(
    client_as, prescriber, article, lund, malmo, central_warehouse, django_assert_num_queries
):
    services.add_stock(warehouse=lund.warehouse, article=article, quantity=3, by=prescriber)
    services.add_stock(warehouse=central_warehouse, article=article, quantity=9, by=prescriber)
    client = client_as(prescriber)
    client.get(url(article))
    # session, user (with the top bar's counts), article, memberships, warehouses, the balance
    # and Likvärdiga artiklar (the article has a replacement group; one query for the group)
    with django_assert_num_queries(7):
        response = client.get(url(article, lager="4101"))
    assert response.context["availability"].available == 3
    assert client.get(url(article, lager="70")).context["availability"].available == 9
