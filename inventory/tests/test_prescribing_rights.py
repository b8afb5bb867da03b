"""BEY-1: the rules of prescribing rights, the mark in the article table and on the article
page, and the admin's word on unrestricted product areas."""

import pytest
from django.urls import reverse

from inventory.models import PrescribingRight
from inventory.rights import load_rights
from inventory.tests.factories import ArticleFactory, IsoCodeFactory
from inventory.tests.rights import audionom_rights
from sesam.tests.factories import ProductAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def osso(horsel):
    iso = IsoCodeFactory(code="220621", name="Benförankrade hörapparater")
    return ArticleFactory(name="Ljud Osso benförankrad", iso_code=iso)


@pytest.fixture
def bte(horsel):
    return ArticleFactory(name="Ljud bakom örat", iso_code=IsoCodeFactory(code="220615"))


def test_bey_1_an_area_without_rights_is_unrestricted(prescriber, osso):
    assert load_rights(prescriber).refusal(osso) is None


def test_bey_1_iso_22_inherits_down_to_six_digits(prescriber, horsel, bte):
    audionom_rights(horsel, prescriber)
    assert load_rights(prescriber).refusal(bte) is None


def test_bey_1_an_exception_carves_out_22_06_21(prescriber, horsel, osso):
    audionom_rights(horsel, prescriber)
    reason = load_rights(prescriber).refusal(osso)
    assert reason == (
        "Audionom får inte förskriva ISO 22 06 21 Benförankrade hörapparater inom Hörsel."
    )


def test_bey_1_a_code_outside_every_right_is_refused(prescriber, horsel):
    audionom_rights(horsel, prescriber)
    other = ArticleFactory(iso_code=IsoCodeFactory(code="122203"))
    assert "ingår inte i förskrivningsrätten för Audionom" in load_rights(prescriber).refusal(other)


def test_bey_1_without_a_profession_nothing_in_a_configured_area(prescriber, horsel, bte):
    audionom_rights(horsel)
    assert "din yrkesroll" in load_rights(prescriber).refusal(bte)


def test_bey_1_a_user_exception_overrides_the_profession(prescriber, colleague, horsel, osso):
    audionom_rights(horsel, prescriber, colleague)
    PrescribingRight.objects.create(
        product_area=horsel, user=prescriber, iso_code=osso.iso_code, allowed=True
    )
    assert load_rights(prescriber).refusal(osso) is None
    assert load_rights(colleague).refusal(osso) is not None


def test_bey_1_another_area_stays_unrestricted(prescriber, horsel):
    audionom_rights(horsel, prescriber)
    syn = ProductAreaFactory(code="syn", name="Syn")
    article = ArticleFactory(product_area=syn, iso_code=IsoCodeFactory(code="220303"))
    assert load_rights(prescriber).refusal(article) is None


def test_bey_1_sok_artikel_marks_the_osso_row(client_as, prescriber, horsel, osso, bte):
    audionom_rights(horsel, prescriber)
    page = client_as(prescriber).get(reverse("inventory:article_search"), {"q": "ljud"}).text
    assert page.count("Utanför din förskrivningsrätt") == 1
    assert "22 06 21 Benförankrade" in page


def test_bey_1_the_article_page_says_why(client_as, prescriber, horsel, osso):
    audionom_rights(horsel, prescriber)
    url = reverse("inventory:article_detail", args=[osso.number])
    page = client_as(prescriber).get(url).text
    assert 'id="outside-rights"' in page and "Benförankrade hörapparater" in page


@pytest.mark.parametrize("count", [3, 30])
def test_bey_1_marking_costs_no_query_per_row(
    client_as, prescriber, horsel, count, django_assert_num_queries
):
    audionom_rights(horsel, prescriber)
    for _ in range(count):
        ArticleFactory(name="Osso modell", iso_code=IsoCodeFactory(code="220621"))
    client = client_as(prescriber)
    client.get(reverse("inventory:article_search"))  # the session settles
    # session, user (with the rights, the columns and the areas: sesam.frame, QUA-D540),
    # memberships, warehouses, suppliers, page, balances (ART-3) and one for the ISO codes
    with django_assert_num_queries(8):
        page = client.get(reverse("inventory:article_search"), {"q": "osso"}).text
    assert page.count("Utanför din förskrivningsrätt") == count


def test_bey_1_admin_names_the_unrestricted_areas(client, staff, horsel):
    audionom_rights(horsel)
    ProductAreaFactory(code="syn", name="Syn")
    client.force_login(staff)
    page = client.get(reverse("admin:inventory_prescribingright_changelist")).text
    assert "utan konfigurerad förskrivningsrätt" in page and "Syn" in page
