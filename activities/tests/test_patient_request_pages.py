"""BEY-15 for the unit: Att göra, the list of open requests, the recipient page's section,
Skapa aktivitet, Skapa hämtorder and Avböj (through the client)."""

import uuid

import pytest
from django.urls import reverse

from activities.models import PatientRequest
from activities.services import patient_requests as services
from activities.tests.factories import delivered_device
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db
Status = PatientRequest.Status
LIST = "/patientforfragningar/"


def submit(device, kind="repair", text="Hörapparaten tystnar."):
    return services.submit_patient_request(
        recipient=device.recipient, device=device, kind=kind, description=text, key=uuid.uuid4()
    )


def test_bey_15_att_gora_counts_the_units_open_requests(client_as, prescriber, hearing_aid):
    submit(hearing_aid)
    page = client_as(prescriber).get(reverse("my_page"))
    assert "Förfrågningar från patienter" in page.text and LIST in page.text


def test_bey_15_list_shows_open_requests_and_logs_each_recipient(
    client_as, prescriber, hearing_aid, django_assert_max_num_queries
):
    submit(hearing_aid)
    client = client_as(prescriber)
    client.get(LIST)  # warm the session's per-request reads
    with django_assert_max_num_queries(12):
        page = client.get(LIST)
    assert "Hörapparaten tystnar." in page.text and hearing_aid.individual.number in page.text
    assert AccessLog.objects.filter(
        recipient_id=hearing_aid.recipient_id, action="patient_requests"
    ).exists()


def test_bey_15_list_query_count_does_not_grow_with_rows(
    client_as, prescriber, tolvan, lund, django_assert_max_num_queries
):
    for _ in range(4):
        submit(delivered_device(tolvan, location=lund))
    client = client_as(prescriber)
    client.get(LIST)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).text.count('id="forfragan-') == 4


def test_bey_15_recipient_page_offers_the_answers(client_as, prescriber, hearing_aid):
    request = submit(hearing_aid)
    page = client_as(prescriber).get(hearing_aid.recipient.get_absolute_url())
    assert "Förfrågningar från patienten" in page.text
    assert f"/patientforfragningar/{request.pk}/aktivitet/" in page.text


def test_bey_15_skapa_aktivitet_in_one_click(client_as, prescriber, hearing_aid):
    request = submit(hearing_aid)
    response = client_as(prescriber).post(f"{LIST}{request.pk}/aktivitet/")
    request.refresh_from_db()
    assert request.status == Status.ACTIVITY
    assert response.url == request.activity.get_absolute_url()


def test_bey_15_skapa_hamtorder_in_one_click(client_as, prescriber, hearing_aid):
    request = submit(hearing_aid, "return", "")
    response = client_as(prescriber).post(f"{LIST}{request.pk}/hamtorder/")
    request.refresh_from_db()
    assert request.status == Status.PICKUP
    assert request.pickup_order.number in response.url


def test_bey_15_a_second_click_is_refused_with_409(client_as, prescriber, hearing_aid):
    request = submit(hearing_aid)
    client = client_as(prescriber)
    client.post(f"{LIST}{request.pk}/aktivitet/")
    again = client.post(f"{LIST}{request.pk}/hamtorder/")
    assert again.status_code == 409 and "redan hanterad" in again.text


def test_bey_15_decline_needs_a_reason(client_as, prescriber, hearing_aid):
    request = submit(hearing_aid)
    client = client_as(prescriber)
    assert client.get(f"{LIST}{request.pk}/avboj/").status_code == 200
    empty = client.post(f"{LIST}{request.pk}/avboj/", {"reason": " "})
    assert empty.status_code == 422 and "Skriv varför" in empty.text
    client.post(f"{LIST}{request.pk}/avboj/", {"reason": "Lämna in den på mottagningen."})
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert request.decline_reason == "Lämna in den på mottagningen."


def test_bey_15_another_locations_user_gets_404(client_as, other_location_user, hearing_aid):
    request = submit(hearing_aid)
    client = client_as(other_location_user)
    for suffix in ("aktivitet/", "hamtorder/", "avboj/"):
        assert client.post(f"{LIST}{request.pk}/{suffix}", {"reason": "x"}).status_code == 404
    page = client.get(LIST).text
    assert f"{LIST}{request.pk}/" not in page and request.description not in page
    request.refresh_from_db()
    assert request.status == Status.NEW
