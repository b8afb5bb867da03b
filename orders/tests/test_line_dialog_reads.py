"""The Beställ dialog's reads (ORD-2, HOME-3) and the wizard's query counts: Lager and
Tillgängligt saldo in as few queries as the rule allows, the cart's source preselected."""

import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory, bulk_articles
from orders import services
from orders.tests.factories import stocked_article

HTMX = {"HX-Request": "true"}


@pytest.fixture
def client_in_cart(client_as, prescriber, tolvan, lund, central_warehouse):
    client = client_as(prescriber)
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    return client


def _dialog(client, article, **query):
    url = reverse("orders:line_dialog", args=[article.pk])
    return client.get(url, query, headers=HTMX).text


def test_ord_2_an_article_not_stocked_at_70_comes_via_750_without_a_balance(
    client_in_cart, purchasing_warehouse
):
    html = _dialog(client_in_cart, ArticleFactory())
    assert "750" in html and "lager 750 visar aldrig saldo" in html


def test_ord_2_own_store_shows_the_locations_store_and_its_balance(client_in_cart, lund):
    html = _dialog(client_in_cart, stocked_article(lund.warehouse, 4), source="own_store")
    assert "4101" in html and "<strong>Tillgängligt saldo:</strong> 4" in html


def test_ord_2_the_carts_first_line_picks_the_source(client_in_cart, prescriber, lund):
    first = stocked_article(lund.warehouse, 2)
    services.add_line(by=prescriber, article=first, quantity=1, source="own_store")
    html = _dialog(client_in_cart, stocked_article(lund.warehouse, 3))
    assert 'value="own_store" id="id_source_1" required checked' in html


@pytest.mark.parametrize("stocked", [True, False])
def test_ord_2_line_dialog_query_count(
    client_in_cart, central_warehouse, purchasing_warehouse, stocked, django_assert_num_queries
):
    article = stocked_article(central_warehouse, 5) if stocked else ArticleFactory()
    # session, user (with the top bar's counts), draft, article, the 70 balance (+ 750 when
    # not stocked)
    with django_assert_num_queries(5 if stocked else 6):
        _dialog(client_in_cart, article)


@pytest.mark.parametrize("count", [10, 120])
def test_ord_2_article_step_query_count_does_not_grow(
    client_in_cart, central_warehouse, count, django_assert_num_queries
):
    bulk_articles(count, name="Modell")
    # session, user (with the top bar's counts, the cart, the column choice and the product
    # areas: QUA-D540), memberships, warehouses, suppliers, page; 10 hits add their balances
    # (ART-3), 120 the count
    with django_assert_num_queries(7):
        response = client_in_cart.get(reverse("orders:add_articles"), {"q": "modell"})
    assert response.text.count(">Beställ</a>") == min(count, 50)
