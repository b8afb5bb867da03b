"""Sortimentskatalog (ART-8) and Kontaktuppgifter till leverantörer (ART-10)."""

import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory, IsoCodeFactory, SupplierFactory
from sesam.tests.factories import ProductAreaFactory

ROOT = reverse("inventory:catalogue")
HTMX = {"HX-Request": "true"}


def node(code):
    return reverse("inventory:catalogue_node", args=[code])


@pytest.fixture
def tree(db):
    hearing = IsoCodeFactory(code="220615", name="Hörapparater som bärs bakom örat")
    hearing.parent.name = "Hörhjälpmedel"
    hearing.parent.save()
    hearing.parent.parent.name = "Hjälpmedel för kommunikation och information"
    hearing.parent.parent.save()
    loops = IsoCodeFactory(code="221830", name="Hörslingor")
    wheelchairs = IsoCodeFactory(code="122203", name="Manuella rullstolar")
    rorelse = ProductAreaFactory(code="rorelse", name="Rörelse")
    ArticleFactory(number="40110", name="Hörapparat Aria", iso_code=hearing)
    ArticleFactory(number="40111", name="Hörapparat Vita", iso_code=hearing, supplier__name="B")
    ArticleFactory(number="40112", name="Utanför", iso_code=hearing, in_assortment=False)
    ArticleFactory(number="70130", name="Hörslinga TV", iso_code=loops)
    ArticleFactory(number="90120", name="Rullstol", iso_code=wheelchairs, product_area=rorelse)
    return {"hearing": hearing, "loops": loops, "wheelchairs": wheelchairs}


def test_art_8_root_shows_classes_of_the_users_product_areas(client_as, prescriber, tree):
    response = client_as(prescriber).get(ROOT)
    codes = [n.code for n in response.context["children"]]
    assert codes == ["22"]
    assert response.context["children"][0].article_count == 3
    assert "Rullstol" not in response.content.decode()


def test_art_8_other_product_area_is_404(client_as, prescriber, tree):
    assert client_as(prescriber).get(node("12")).status_code == 404
    assert client_as(prescriber).get(node("122203")).status_code == 404


def test_art_8_four_digit_level_lists_its_divisions(client_as, prescriber, tree):
    response = client_as(prescriber).get(node("22"))
    assert [n.code for n in response.context["children"]] == ["2206", "2218"]
    response = client_as(prescriber).get(node("2206"))
    assert [n.code for n in response.context["children"]] == ["220615"]
    assert response.context["table"] is None


def test_art_8_six_digit_level_lists_its_assortment_articles(client_as, prescriber, tree, lund):
    response = client_as(prescriber).get(node("220615"))
    html = response.content.decode()
    table = response.context["table"]
    assert [a.number for a in table.page.object_list] == ["40110", "40111"]
    assert table.balance_mode == "inline"  # the search's table, balances from 70
    assert "Hjälpmedel för kommunikation och information" in html  # breadcrumbs
    assert 'aria-current="page"' in html


def test_art_8_division_htmx_returns_the_results_partial(client_as, prescriber, tree, lund):
    response = client_as(prescriber).get(node("220615"), {"lager": "750"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert response.context["table"].balance_mode == "hidden"


def test_art_8_unknown_code_is_404(client_as, prescriber, tree):
    assert client_as(prescriber).get(node("999999")).status_code == 404


def test_art_8_a_user_without_articles_in_their_areas_sees_a_notice(client_as, prescriber, db):
    response = client_as(prescriber).get(ROOT)
    assert response.status_code == 200
    assert "inga sortimentsartiklar" in response.content.decode()


def test_art_10_supplier_contacts(client_as, prescriber):
    SupplierFactory(
        name="Nordljud Hörselteknik AB", email="order@nordljud.example", phone="040-628 04 10",
        contact_person="Lena Nordin",
    )  # fmt: skip
    html = client_as(prescriber).get(reverse("inventory:suppliers")).content.decode()
    for text in ["Nordljud Hörselteknik AB", "mailto:order@nordljud.example", "040-628 04 10",
                 "Lena Nordin", "Industrigatan 1"]:  # fmt: skip
        assert text in html


def test_home_6_inventory_pages_have_help(client_as, prescriber):
    response = client_as(prescriber).get(reverse("help"), {"sida": "article_search"})
    assert "Visa tillgänglighet för" in response.content.decode()
