"""BEY-1 at order time: the line dialog and the services refuse an article outside the
prescriber's rights — also a hand-made POST, and an orderer registering in a prescriber's
name is held to that prescriber's rights."""

import pytest
from django.urls import reverse

from inventory.tests.factories import IsoCodeFactory, bulk_articles
from inventory.tests.rights import audionom_rights
from orders import services
from orders.exceptions import OrderRefused
from orders.models import OrderLine
from orders.tests.factories import stocked_article


@pytest.fixture
def osso(central_warehouse):
    iso = IsoCodeFactory(code="220621", name="Benförankrade hörapparater")
    return stocked_article(central_warehouse, 3, name="Osso", iso_code=iso)


@pytest.fixture
def rights(horsel, prescriber, colleague):
    return audionom_rights(horsel, prescriber, colleague)


def _cart(by, prescriber, tolvan, lund):
    services.start_order(by=by, recipient=tolvan, prescriber=prescriber, service_location=lund)


def test_bey_1_add_line_refuses_outside_rights(prescriber, tolvan, lund, osso, rights):
    _cart(prescriber, prescriber, tolvan, lund)
    with pytest.raises(OrderRefused, match="utanför förskrivningsrätten för Anna Audionom"):
        services.add_line(by=prescriber, article=osso, quantity=1, source="central")


def test_bey_1_an_orderer_is_held_to_the_prescribers_rights(
    secretary, prescriber, tolvan, lund, osso, rights
):
    _cart(secretary, prescriber, tolvan, lund)
    with pytest.raises(OrderRefused, match="Anna Audionom"):
        services.add_line(by=secretary, article=osso, quantity=1, source="central")


def test_bey_1_a_personal_exception_lets_the_line_in(prescriber, tolvan, lund, osso, rights):
    prescriber.prescribing_exceptions.create(
        product_area=osso.product_area, iso_code=osso.iso_code, allowed=True
    )
    _cart(prescriber, prescriber, tolvan, lund)
    assert services.add_line(by=prescriber, article=osso, quantity=1, source="central")


def test_bey_1_sending_refuses_a_line_whose_right_went_away(prescriber, tolvan, lund, osso, horsel):
    _cart(prescriber, prescriber, tolvan, lund)
    line = services.add_line(by=prescriber, article=osso, quantity=1, source="central")
    audionom_rights(horsel, prescriber)
    with pytest.raises(OrderRefused, match="förskrivningsrätten"):
        services.submit_order(by=prescriber, idempotency_key=line.order.idempotency_key)


def test_bey_1_a_hand_made_post_is_refused(client_as, prescriber, tolvan, lund, osso, rights):
    _cart(prescriber, prescriber, tolvan, lund)
    url = reverse("orders:line_dialog", args=[osso.pk])
    response = client_as(prescriber).post(url, {"source": "central", "quantity": 1})
    assert response.status_code == 409 and "förskrivningsrätten" in response.text
    assert not OrderLine.objects.exists()


def test_bey_1_the_dialog_says_so_without_an_add_button(
    client_as, secretary, prescriber, tolvan, lund, osso, rights
):
    _cart(secretary, prescriber, tolvan, lund)
    page = client_as(secretary).get(reverse("orders:line_dialog", args=[osso.pk])).text
    assert "Utanför din förskrivningsrätt" in page and 'value="add"' not in page


def test_bey_1_a_refill_is_not_held_to_rights(prescriber, lund, osso, rights):
    services.start_refill(by=prescriber, service_location=lund)
    assert services.add_line(by=prescriber, article=osso, quantity=1, source="central")


@pytest.mark.parametrize("count", [10, 40])
def test_bey_1_ange_artiklar_marks_without_a_query_per_row(
    client_as,
    secretary,
    prescriber,
    tolvan,
    lund,
    horsel,
    rights,
    count,
    django_assert_num_queries,
):
    _cart(secretary, prescriber, tolvan, lund)
    bulk_articles(count, name="Modell", iso_code=IsoCodeFactory(code="220621"))
    client = client_as(secretary)
    # as ORD-2's article step (7) and one query for the page's ISO codes; the rights, the
    # column choice and the product areas come with the user (sesam.frame, QUA-D540)
    with django_assert_num_queries(8):
        page = client.get(reverse("orders:add_articles"), {"q": "modell"}).text
    assert page.count("Utanför din förskrivningsrätt") == count


def test_substitutes_in_the_line_dialog_offer_a_stocked_equivalent(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    asked = stocked_article(central_warehouse, 0, replacement_group="RIC-5")
    other = stocked_article(central_warehouse, 5, replacement_group="RIC-5")
    _cart(prescriber, prescriber, tolvan, lund)
    page = client_as(prescriber).get(reverse("orders:line_dialog", args=[asked.pk])).text
    assert "Likvärdiga artiklar" in page
    assert reverse("orders:line_dialog", args=[other.pk]) in page
