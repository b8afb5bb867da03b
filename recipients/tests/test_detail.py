"""REC-2…REC-7: the recipient page, its tabs, side panel and notices; region-wide recipients,
devices by product area; bounded queries."""

import datetime

import pytest

from inventory.tests.factories import ArticleFactory
from recipients.models import Device
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory
from sesam.tests.factories import ProductAreaFactory

# session, user, memberships, unread count, session save (3), recipient, tab counts (which
# also give the page's count), page rows, access log; the side panel adds its device.
QUERY_BOUND = 13  # + the notices other apps register (REC-8)


def _page(client, recipient, query="", **headers):
    return client.get(f"/mottagare/{recipient.pk}/{query}", **headers)


def test_rec_2_page_shows_name_personnummer_age_address_and_phone(client_as, prescriber, tolvan):
    html = _page(client_as(prescriber), tolvan).content.decode()
    for text in ["Tolvan Tolvansson", "19121212-1212", "år", "Klostergatan 12", "222 22 Lund"]:
        assert text in html
    assert "070-174 06 12" in html
    assert "Ändra telefon" in html
    assert "Registrera/skapa" in html


def test_rec_9_child_is_marked_barn(client_as, prescriber):
    child = RecipientFactory(personnummer="201205042383")
    html = _page(client_as(prescriber), child).content.decode()
    assert ">Barn</span>" in html


def test_rec_6_tabs_are_links_with_aria_current(client_as, prescriber, tolvan):
    html = _page(client_as(prescriber), tolvan, "?flik=bestallt").content.decode()
    assert 'aria-current="page">Beställt' in html
    for slug, label in [("hjalpmedel", "Hjälpmedel"), ("aterlamnat", "Återlämnat")]:
        assert f'?flik={slug}" hx-target="#recipient-tabs"' in html
        assert f">{label} <span" in html
    assert '>Aktiviteter <span class="count">(0)</span></a>' in html  # issue 19.4


def test_rec_6_devices_tab_lists_delivered_newest_first(client_as, prescriber, tolvan, lund):
    today = datetime.date(2026, 11, 1)
    old = DeviceFactory(recipient=tolvan, delivered_on=today - datetime.timedelta(days=300))
    new = DeviceFactory(recipient=tolvan, delivered_on=today)
    DeviceFactory(recipient=tolvan, status=Device.Status.ORDERED)
    html = _page(client_as(prescriber), tolvan).content.decode()
    assert html.index(new.article.name) < html.index(old.article.name)
    assert "(2)" in html  # Hjälpmedel (2)


def test_rec_6_ordered_tab_shows_planned_delivery_date(client_as, prescriber, tolvan):
    DeviceFactory(
        recipient=tolvan,
        status=Device.Status.ORDERED,
        planned_delivery_date=datetime.date(2026, 12, 24),
    )
    html = _page(client_as(prescriber), tolvan, "?flik=bestallt").content.decode()
    assert "Planerat lev.datum" in html
    assert "2026-12-24" in html


def test_rec_6_returned_tab_shows_return_date(client_as, prescriber, tolvan):
    DeviceFactory(
        recipient=tolvan, status=Device.Status.RETURNED, returned_on=datetime.date(2026, 3, 2)
    )
    html = _page(client_as(prescriber), tolvan, "?flik=aterlamnat").content.decode()
    assert "2026-03-02" in html


def test_rec_6_activities_tab_says_it_is_empty(client_as, prescriber, tolvan):
    html = _page(client_as(prescriber), tolvan, "?flik=aktiviteter").content.decode()
    assert "Inga aktiviteter att visa." in html


def test_rec_6_htmx_tab_returns_only_the_tabs_partial(client_as, prescriber, tolvan, delivered):
    response = _page(client_as(prescriber), tolvan, "?flik=hjalpmedel", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="recipient-tabs">')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_rec_6_history_restore_gets_the_whole_page(client_as, prescriber, tolvan):
    response = _page(
        client_as(prescriber),
        tolvan,
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


def test_rec_6_side_panel_shows_order_details_and_link(client_as, prescriber, tolvan, lund):
    individual = IndividualFactory(number="HA-0042", serial_number="SN-77")
    device = DeviceFactory(
        recipient=tolvan,
        article=individual.article,
        individual=individual,
        prescriber=prescriber,
        service_location=lund,
        order_number="26480017",
    )
    client = client_as(prescriber)
    for headers in [{}, {"HTTP_HX_REQUEST": "true"}]:
        response = client.get(f"/mottagare/{tolvan.pk}/hjalpmedel/{device.pk}/", **headers)
        html = response.content.decode()
        for text in ["26480017", "Anna Audionom", "Hörselmottagningen Lund", "HA-0042", "SN-77"]:
            assert text in html
        assert 'href="/bestallning/26480017/">Gå till beställningsdetaljer' in html
        assert ">Stäng</a>" in html


def test_rec_6_another_location_user_sees_the_recipient_and_devices_of_their_areas(
    client_as, other_location_user, tolvan, delivered
):
    """Recipients are region-wide; devices are shown by product area, not by location."""
    syn = ProductAreaFactory(code="syn", name="Syn")
    glasses = DeviceFactory(recipient=tolvan, article=ArticleFactory(product_area=syn))
    html = _page(client_as(other_location_user), tolvan).content.decode()
    assert "Tolvan Tolvansson" in html
    assert delivered.article.name in html  # Hörsel: annan works in Hörsel
    assert glasses.article.name not in html  # Syn: not annan's product area


def test_rec_6_device_outside_users_product_areas_is_404_in_the_panel(
    client_as, prescriber, tolvan
):
    syn = ProductAreaFactory(code="syn", name="Syn")
    glasses = DeviceFactory(recipient=tolvan, article=ArticleFactory(product_area=syn))
    response = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/hjalpmedel/{glasses.pk}/")
    assert response.status_code == 404


def test_rec_6_device_of_another_recipient_is_404(client_as, prescriber, tolvan, delivered):
    other = RecipientFactory()
    response = client_as(prescriber).get(f"/mottagare/{other.pk}/hjalpmedel/{delivered.pk}/")
    assert response.status_code == 404


def test_rec_6_unknown_recipient_id_is_404(client_as, prescriber, db):
    assert client_as(prescriber).get("/mottagare/999999/").status_code == 404


def test_rec_6_bad_query_values_fall_back_gracefully(client_as, prescriber, tolvan, delivered):
    response = _page(client_as(prescriber), tolvan, "?flik=x&sortera=%27;drop&sida=abc")
    assert response.status_code == 200


def test_rec_6_columns_sort_and_say_so(client_as, prescriber, tolvan):
    DeviceFactory(recipient=tolvan, article=ArticleFactory(name="Bbb"))
    DeviceFactory(recipient=tolvan, article=ArticleFactory(name="Aaa"))
    html = _page(client_as(prescriber), tolvan, "?flik=hjalpmedel&sortera=benamning").content
    html = html.decode()
    assert html.index("Aaa") < html.index("Bbb")
    assert 'aria-sort="ascending"' in html
    assert "sortera=-benamning" in html


def test_rec_3_inactive_notice(client_as, prescriber):
    inactive = RecipientFactory(is_active=False)
    html = _page(client_as(prescriber), inactive).content.decode()
    assert "Mottagaren är inte aktiv – kontakta Hjälpmedel" in html


def test_rec_4_out_of_region_notice_names_home_region_and_links_guideline(client_as, prescriber):
    halland = RecipientFactory(home_region="Region Halland")
    html = _page(client_as(prescriber), halland).content.decode()
    assert "Region Halland" in html
    assert (
        'href="https://vardgivare.skane.se/vardriktlinjer/hjalpmedel/patienter-som-inte-ar-'
        "folkbokforda-i-skane-och-patienter-med-skyddad-identitet/forskrivning-patient-utanfor-"
        'skane/"' in html
    )
    assert "Förskriva till patient som inte är folkbokförd i Skåne" in html
    assert "Ändra betalningsförbindelse" in html


def test_rec_4_in_region_recipient_has_no_payment_commitment_field(client_as, prescriber, tolvan):
    html = _page(client_as(prescriber), tolvan).content.decode()
    assert "betalningsförbindelse" not in html.lower()
    assert "inte folkbokförd i Skåne" not in html


def test_rec_5_protected_identity_notice(client_as, prescriber, protected):
    html = _page(client_as(prescriber), protected).content.decode()
    assert "Skyddad identitet – adressen visas inte" in html


def test_rec_7_menu_offers_documents_and_says_what_comes_later(client_as, prescriber, tolvan):
    html = _page(client_as(prescriber), tolvan).content.decode()
    assert f'href="/mottagare/{tolvan.pk}/lanforbindelse/"' in html
    assert f'href="/mottagare/{tolvan.pk}/hjalpmedelslista.pdf" target="_blank"' in html
    for entry in ["Aktivitet", "Hämtorder", "Retur"]:
        assert entry in html
    assert f'href="/mottagare/{tolvan.pk}/hamtorder/"' in html  # registered by activities
    assert f'href="/mottagare/{tolvan.pk}/aktivitet/"' in html
    assert f'href="/mottagare/{tolvan.pk}/retur/"' in html
    assert "kommer snart" not in html


@pytest.mark.parametrize("count", [1, 100])
def test_rec_6_recipient_page_query_count_is_constant(
    client_as, prescriber, tolvan, lund, count, django_assert_max_num_queries
):
    for _ in range(count):
        individual = IndividualFactory()
        DeviceFactory(
            recipient=tolvan,
            article=individual.article,
            individual=individual,
            prescriber=prescriber,
            service_location=lund,
        )
    client = client_as(prescriber)
    with django_assert_max_num_queries(QUERY_BOUND):
        response = _page(client, tolvan)
    assert response.status_code == 200
    panel = f"/mottagare/{tolvan.pk}/hjalpmedel/{tolvan.devices.first().pk}/"
    with django_assert_max_num_queries(QUERY_BOUND + 1):
        client.get(panel)
