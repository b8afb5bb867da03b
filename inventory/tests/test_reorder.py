"""BEY-8: reorder points per own store and article — set inline on Lager (HTMX and without
JavaScript), marked below minimum, scoped to the user's stores; a refill cart suggested up to
the levels, counting what is ordered and not yet received."""

import pytest
from django.urls import reverse

from inventory.models import ReorderLevel
from inventory.reorder import set_reorder_level
from orders import services
from orders.models import OrderLine
from orders.tests.factories import stocked_article
from orders.tests.supply import refill

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(store, article):
    return reverse("inventory:reorder_level", args=[store.number, article.number])


@pytest.fixture
def domes(lund, central_warehouse):
    return stocked_article(lund.warehouse, 2, name="Dome öppen 8 mm")


def test_bey_8_a_level_is_set_in_the_lager_row_under_htmx(client_as, prescriber, lund, domes):
    response = client_as(prescriber).post(
        _url(lund.warehouse, domes), {"min": 5, "fyll": 20}, headers=HTMX
    )
    assert response.status_code == 200 and "Under minsta saldo" in response.text
    assert 'id="rad-' in response.text and "<html" not in response.text
    level = ReorderLevel.objects.get()
    assert (level.minimum, level.refill_to, level.updated_by) == (5, 20, prescriber)


def test_bey_8_without_javascript_back_to_lager(client_as, prescriber, lund, domes):
    response = client_as(prescriber).post(_url(lund.warehouse, domes), {"min": 1, "fyll": 4})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "inventory:stock_warehouse", args=[lund.warehouse.number]
    )


def test_bey_8_refill_to_below_minimum_is_refused(client_as, prescriber, lund, domes):
    response = client_as(prescriber).post(
        _url(lund.warehouse, domes), {"min": 9, "fyll": 3}, headers=HTMX
    )
    assert response.status_code == 422 and "Fyll på till måste vara minst" in response.text
    assert not ReorderLevel.objects.exists()


def test_bey_8_another_locations_store_is_404(client_as, other_location_user, lund, domes):
    response = client_as(other_location_user).post(
        _url(lund.warehouse, domes), {"min": 1, "fyll": 2}
    )
    assert response.status_code == 404 and not ReorderLevel.objects.exists()


def test_bey_8_lager_filters_articles_below_minimum(client_as, prescriber, lund, domes):
    plenty = stocked_article(lund.warehouse, 50, name="Filter vaxskydd")
    set_reorder_level(
        by=prescriber, warehouse=lund.warehouse, article=domes, minimum=5, refill_to=20
    )
    set_reorder_level(
        by=prescriber, warehouse=lund.warehouse, article=plenty, minimum=5, refill_to=20
    )
    url = reverse("inventory:stock_warehouse", args=[lund.warehouse.number])
    response = client_as(prescriber).get(url, {"q": "", "typ": "", "saldo": "under"})
    assert "Dome öppen 8 mm" in response.text and "Filter vaxskydd" not in response.text


def test_bey_8_suggestion_fills_up_to_the_level_counting_open_orders(
    prescriber, colleague, lund, domes, purchasing_warehouse
):
    set_reorder_level(
        by=prescriber, warehouse=lund.warehouse, article=domes, minimum=5, refill_to=20
    )
    refill(colleague, lund, domes, quantity=1)  # ordered via 750, not yet received
    lines = services.suggest_refill(by=prescriber, service_location=lund)
    assert [(line.article, line.quantity) for line in lines] == [(domes, 20 - 2 - 1)]


def test_bey_8_nothing_to_suggest_when_the_balance_suffices(prescriber, lund, domes):
    set_reorder_level(
        by=prescriber, warehouse=lund.warehouse, article=domes, minimum=2, refill_to=9
    )
    assert services.suggest_refill(by=prescriber, service_location=lund) == []
    assert not OrderLine.objects.exists()
