"""Individ pages (IND-1…IND-4, ACC-6, IND-D1, ACC-8)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inventory.models import Individual, IndividualEvent
from inventory.tests.factories import IndividualFactory
from sesam.models import AccessLog

SEARCH = reverse("inventory:individual_search")
HTMX = {"HX-Request": "true"}


def detail(individual):
    return reverse("inventory:individual_detail", args=[individual.pk])


def sip_url(individual):
    return reverse("inventory:individual_sip", args=[individual.pk])


def change_url(individual):
    return reverse("inventory:individual_change_number", args=[individual.pk])


@pytest.fixture
def in_lund(lund):
    return IndividualFactory(
        number="4101001", serial_number="NL24123456", sip_number="46101740611",
        warehouse=lund.warehouse, article__name="Bildtelefon SIP Video 10",
    )  # fmt: skip


@pytest.fixture
def in_helsingborg(helsingborg):
    return IndividualFactory(number="4103001", warehouse=helsingborg.warehouse)


@pytest.fixture
def in_central(central_warehouse):
    return IndividualFactory(number="7000001", warehouse=central_warehouse)


# --- IND-1 search -----------------------------------------------------------------------------


def test_ind_1_search_by_a_part_of_the_number(client_as, prescriber, in_lund, in_central):
    response = client_as(prescriber).get(SEARCH, {"q": "0100"})
    assert [i.number for i in response.context["page"].object_list] == ["4101001"]
    assert "På lager (4101 Eget förråd Lund)" in response.content.decode()


@pytest.mark.parametrize("count", [3, 60])
def test_ind_1_search_query_count_is_bounded_and_a_first_page_needs_no_count(
    client_as, prescriber, lund, count, django_assert_num_queries
):
    article = IndividualFactory(number="4109000", warehouse=lund.warehouse).article
    Individual.objects.bulk_create(
        Individual(number=f"41090{i:02d}", serial_number=f"S{i}", article=article,
                   warehouse=lund.warehouse, status=Individual.Status.IN_STOCK)
        for i in range(1, count)
    )  # fmt: skip
    client = client_as(prescriber)
    client.get(SEARCH)
    # session, user, memberships, the page (+ its COUNT when there is more than a page)
    with django_assert_num_queries(4 if count <= 50 else 5):
        response = client.get(SEARCH, {"q": "41090"})
    assert response.context["page"].paginator.count == count


def test_ind_1_search_by_sip_number(client_as, prescriber, in_lund, in_central):
    response = client_as(prescriber).get(SEARCH, {"q": "1740611", "sok_i": "sip"})
    assert [i.number for i in response.context["page"].object_list] == ["4101001"]


def test_ind_1_number_search_does_not_look_in_sip(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(SEARCH, {"q": "1740611"})
    assert response.context["page"].paginator.count == 0
    assert "Ingen individ matchar" in response.content.decode()


def test_ind_1_whole_number_opens_the_individual(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(SEARCH, {"q": "4101001"})
    assert response.status_code == 302
    assert response["Location"] == detail(in_lund)


def test_ind_1_needs_three_characters(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(SEARCH, {"q": "41"})
    assert response.status_code == 422
    assert "Ange minst 3 tecken" in response.content.decode()


def test_ind_1_htmx_returns_the_results_partial(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(SEARCH, {"q": "4101001"}, headers=HTMX)
    assert response.status_code == 200  # HTMX: the list, never a redirect
    assert response.content.decode().lstrip().startswith('<div id="results"')


def test_ind_d1_another_locations_store_is_not_found(
    client_as, prescriber, in_helsingborg, in_central
):
    response = client_as(prescriber).get(SEARCH, {"q": "000"})
    assert [i.number for i in response.context["page"].object_list] == ["7000001"]


def test_ind_1_delivered_individual_is_found_and_says_levererad(client_as, other_location_user):
    delivered = IndividualFactory(status=Individual.Status.DELIVERED, warehouse=None)
    response = client_as(other_location_user).get(SEARCH, {"q": delivered.number[:5]})
    assert "Levererad" in response.content.decode()


# --- IND-2 page, ACC-6 ------------------------------------------------------------------------


def test_ind_2_page_shows_status_and_tabs(client_as, prescriber, in_lund):
    html = client_as(prescriber).get(detail(in_lund)).content.decode()
    assert "Status: På lager (4101 Eget förråd Lund)" in html
    for tab in ["Individinformation", "Aktuell status", "Aktiviteter", "Textinformation"]:
        assert f">{tab}</a>" in html
    assert "NL24123456" in html
    assert "46101740611" in html


def test_ind_2_leverera_individen_is_disabled_with_a_reason(client_as, prescriber, in_central):
    response = client_as(prescriber).get(detail(in_central))
    html = response.content.decode()
    assert '<button type="button" disabled aria-describedby="deliver-reason">' in html
    assert "Leverera individen" in html
    assert "inte hör till något av dina tjänsteställen" in response.context["delivery_refusal"]


def test_acc_6_own_store_individual_may_be_delivered(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(detail(in_lund))
    assert response.context["delivery_refusal"] == ""
    href = f"/bestallning/individ/{in_lund.pk}/"
    link = f'<a class="button primary" href="{href}">Leverera individen</a>'
    assert link in response.content.decode()


def test_ind_2_htmx_tab_returns_the_tabs_partial(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(detail(in_lund) + "?flik=text", headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="tabs">')
    assert "Ingen textinformation." in html


def test_ind_2_current_status_names_the_recipient_and_logs_it(client_as, prescriber, lund):
    individual = IndividualFactory(status=Individual.Status.DELIVERED, warehouse=None)
    device = _deliver(individual, lund)
    response = client_as(prescriber).get(detail(individual) + "?flik=status")
    html = response.content.decode()
    assert "191212121212 Tolvan Tolvansson" in html
    assert "26480017" in html
    log = AccessLog.objects.get()
    assert (log.user, log.recipient_id, log.action) == (
        prescriber,
        device.recipient_id,
        "individual_status",
    )


def test_ind_2_recipient_of_another_location_is_not_named(client_as, other_location_user, lund):
    individual = IndividualFactory(status=Individual.Status.DELIVERED, warehouse=None)
    _deliver(individual, lund)
    html = client_as(other_location_user).get(detail(individual) + "?flik=status").content.decode()
    assert "Tolvan" not in html
    assert "191212121212" not in html
    assert "En mottagare vid Hörselmottagningen Lund" in html
    assert not AccessLog.objects.exists()


def _deliver(individual, location):
    """A delivered device of a recipient, through the reverse relation (inventory does not
    import recipients)."""
    device_model = individual.devices.model
    recipient_model = device_model._meta.get_field("recipient").related_model
    recipient = recipient_model.objects.create(
        personnummer="191212121212", first_name="Tolvan", last_name="Tolvansson"
    )
    return device_model.objects.create(
        recipient=recipient, article=individual.article, individual=individual,
        status="delivered", order_number="26480017", service_location=location,
        ordered_at=timezone.now(), delivered_on=timezone.localdate(),
    )  # fmt: skip


# --- IND-D1: another location's individual is 404 everywhere ---------------------------------


def test_ind_d1_other_locations_individual_is_404_everywhere(client_as, prescriber, in_helsingborg):
    client = client_as(prescriber)
    assert client.get(detail(in_helsingborg)).status_code == 404
    assert client.get(sip_url(in_helsingborg) + "?andra=1", headers=HTMX).status_code == 404
    assert client.post(sip_url(in_helsingborg), {"sip_number": "4610"}).status_code == 404
    assert client.get(change_url(in_helsingborg)).status_code == 404
    response = client.post(change_url(in_helsingborg), {"confirm": "on", "new_number": "X9"})
    assert response.status_code == 404
    in_helsingborg.refresh_from_db()
    assert (in_helsingborg.number, in_helsingborg.sip_number) == ("4103001", "")


def test_ind_d1_central_and_delivered_individuals_are_visible(
    client_as, other_location_user, in_central
):
    assert client_as(other_location_user).get(detail(in_central)).status_code == 200


def _delivered_by(location, in_stock):
    """An individual of `in_stock`'s article delivered by `location` to a recipient."""
    individual = IndividualFactory(
        number="9000001", warehouse=None, status="delivered", article=in_stock.article
    )
    _deliver(individual, location)
    return individual


def test_acc_6_another_units_delivered_individual_cannot_be_changed(
    client_as, other_location_user, prescriber, lund, in_lund
):
    delivered = _delivered_by(lund, in_lund)
    client = client_as(other_location_user)
    assert client.post(sip_url(delivered), {"sip_number": "4610"}).status_code == 404
    response = client.post(change_url(delivered), {"confirm": "on", "new_number": "X9"})
    assert response.status_code == 404
    delivered.refresh_from_db()
    assert (delivered.number, delivered.sip_number) == ("9000001", "")
    assert "Byte av individnummer" not in client.get(detail(delivered)).text


def test_acc_6_the_delivering_unit_changes_its_delivered_individual(
    client_as, prescriber, lund, in_lund
):
    delivered = _delivered_by(lund, in_lund)
    client = client_as(prescriber)
    assert client.post(sip_url(delivered), {"sip_number": "4610174"}).status_code == 302
    delivered.refresh_from_db()
    assert delivered.sip_number == "4610174"


def test_acc_6_a_central_individual_is_changed_only_by_hjalpmedel(
    client_as, prescriber, in_central
):
    client = client_as(prescriber)
    assert client.get(detail(in_central)).status_code == 200  # seen (IND-D1)
    assert client.post(sip_url(in_central), {"sip_number": "4610"}).status_code == 404
    response = client.post(change_url(in_central), {"confirm": "on", "new_number": "X9"})
    assert response.status_code == 404
    in_central.refresh_from_db()
    assert (in_central.number, in_central.sip_number) == ("7000001", "")


# --- IND-3 SIP number -------------------------------------------------------------------------


def test_ind_3_pen_opens_the_editor_under_htmx(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(sip_url(in_lund) + "?andra=1", headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="sip"')
    assert 'name="sip_number"' in html
    assert "Spara SIP-nummer" in html


def test_ind_3_green_check_saves_under_htmx(client_as, prescriber, in_lund):
    response = client_as(prescriber).post(
        sip_url(in_lund), {"sip_number": "46101740650"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "46101740650" in response.content.decode()
    assert "SIP-numret är sparat." in response.content.decode()
    in_lund.refresh_from_db()
    assert in_lund.sip_number == "46101740650"
    assert IndividualEvent.objects.filter(kind="sip_changed", by=prescriber).exists()


def test_ind_3_duplicate_sip_number_gets_a_message(client_as, prescriber, in_lund, lund):
    other = IndividualFactory(number="4101002", warehouse=lund.warehouse)
    client = client_as(prescriber)
    response = client.post(sip_url(other), {"sip_number": "46101740611"}, headers=HTMX)
    assert response.status_code == 422
    assert "används redan av en annan individ" in response.content.decode()
    response = client.post(sip_url(other), {"sip_number": "46101740611"})
    assert response.status_code == 422
    assert "<h1" in response.content.decode()


def test_ind_3_bad_sip_number_gets_a_message(client_as, prescriber, in_lund):
    response = client_as(prescriber).post(sip_url(in_lund), {"sip_number": "46 10"}, headers=HTMX)
    assert response.status_code == 422
    assert "inga mellanslag" in response.content.decode()


def test_ind_3_without_javascript(client_as, prescriber, in_lund):
    client = client_as(prescriber)
    assert 'name="sip_number"' in client.get(detail(in_lund) + "?andra=sip").content.decode()
    response = client.post(sip_url(in_lund), {"sip_number": "46101740651"})
    assert response.status_code == 302
    assert response["Location"] == detail(in_lund)
    assert client.get(sip_url(in_lund)).status_code == 302


# --- IND-4 Byte av individnummer -------------------------------------------------------------


def test_ind_4_change_number_page(client_as, prescriber, in_lund):
    html = client_as(prescriber).get(change_url(in_lund)).content.decode()
    assert "Jag bekräftar att detta är den individ som ska byta nummer" in html
    assert "Fortsätt" in html


def test_ind_4_confirmation_tick_is_required(client_as, prescriber, in_lund):
    response = client_as(prescriber).post(change_url(in_lund), {"new_number": "4101999"})
    assert response.status_code == 422
    assert "Bocka i att du bekräftar" in response.content.decode()
    in_lund.refresh_from_db()
    assert in_lund.number == "4101001"


def test_ind_4_change_number(client_as, prescriber, in_lund):
    client = client_as(prescriber)
    response = client.post(change_url(in_lund), {"confirm": "on", "new_number": "4101999"})
    assert response.status_code == 302
    in_lund.refresh_from_db()
    assert in_lund.number == "4101999"
    html = client.get(response["Location"]).content.decode()
    assert "Individnumret är bytt från 4101001 till 4101999." in html


def test_ind_4_duplicate_number_gets_a_clear_message(client_as, prescriber, in_lund, in_central):
    response = client_as(prescriber).post(
        change_url(in_lund), {"confirm": "on", "new_number": "7000001"}
    )
    assert response.status_code == 422
    assert "Individnumret 7000001 finns redan" in response.content.decode()


def test_ind_4_bad_number_gets_a_message(client_as, prescriber, in_lund):
    response = client_as(prescriber).post(
        change_url(in_lund), {"confirm": "on", "new_number": "<script>"}
    )
    assert response.status_code == 422
    assert "bokstäver, siffror" in response.content.decode()


def test_ind_4_serial_number_is_not_editable_by_users(client_as, prescriber, in_lund):
    client = client_as(prescriber)
    client.post(change_url(in_lund), {"confirm": "on", "new_number": "X1", "serial_number": "Z"})
    in_lund.refresh_from_db()
    assert in_lund.serial_number == "NL24123456"


def test_individual_page_query_count_is_bounded(
    client_as, prescriber, in_lund, django_assert_max_num_queries
):
    client = client_as(prescriber)
    client.get(detail(in_lund))
    with django_assert_max_num_queries(10):
        client.get(detail(in_lund))


def test_bey_6_a_scanned_code_opens_the_individual_by_its_serial(client_as, prescriber, in_lund):
    in_lund.article.gtin = "07350000401103"
    in_lund.article.save()
    scanned = "(01)07350000401103(21)nl24123456"
    response = client_as(prescriber).get(SEARCH, {"q": scanned, "sok_i": "individnummer"})
    assert response.status_code == 302 and response["Location"] == detail(in_lund)


def test_bey_6_a_code_of_another_gtin_finds_nothing(client_as, prescriber, in_lund):
    in_lund.article.gtin = "07350000401103"
    in_lund.article.save()
    response = client_as(prescriber).get(SEARCH, {"q": "(01)07350000401202(21)NL24123456"})
    assert response.status_code == 200 and "4101001" not in response.text
