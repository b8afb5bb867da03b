"""BEY-15: the patient pages show exactly the patient's own devices, what is on its way,
repairs, pickups, charges and invoices; each page writes the access log as the patient
themself; the extract holds exactly the patient's rows; queries are bounded."""

import datetime
import io
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from patients.middleware import COOKIE_NAME
from sesam.models import AccessLog, SignInMethod
from sesam.services import log_access

PAGES = ["patients:home", "patients:charges", "patients:access_log"]


def test_bey_15_a_patient_sees_exactly_their_own_devices_orders_repairs_and_pickups(
    as_patient, tolvan, region
):
    text = as_patient(tolvan).get(reverse("patients:home")).text
    mine, theirs = region["tolvan"], region["other"]
    assert "Hörapparat Tolvans" in text and mine["aid"].individual.number in text
    assert "Fjärrkontroll Tolvans" in text  # on its way
    assert "Reparation inom garantin" in text and "Mottagen – arbetet har inte börjat" in text
    assert "Laddare Tolvans" in text and "Väntar på att hjälpmedlen skickas in" in text
    for word in ("Annans", theirs["aid"].individual.number, theirs["pickup"].number):
        assert word not in text
    # no internal codes or staff numbers
    for code in ("registered", "assigned", mine["activity"].number, mine["pickup"].number):
        assert code not in text


def test_bey_15_a_patient_sees_their_own_charges_and_invoices_with_amounts_and_dates(
    as_patient, tolvan, region
):
    text = as_patient(tolvan).get(reverse("patients:charges")).text
    mine, theirs = region["tolvan"], region["other"]
    invoice = mine["invoiced"].invoice_line.invoice
    assert f"Faktura {invoice.number}" in text and "350,00 kr" in text
    assert invoice.due_date.isoformat() in text
    assert "500,00 kr" in text and mine["planned"].due_date.isoformat() in text
    assert theirs["invoiced"].invoice_line.invoice.number not in text


def test_bey_15_warranty_and_trial_in_plain_words(as_patient, tolvan, region):
    aid = region["tolvan"]["aid"]
    aid.trial_until = datetime.date(2026, 12, 20)
    aid.save(update_fields=["trial_until"])
    text = as_patient(tolvan).get(reverse("patients:home")).text
    assert f"Till och med {aid.warranty.end.isoformat()}" in text
    assert "På prov till" in text and "2026-12-20" in text
    aid.individual.purchase_date = datetime.date(2019, 1, 1)
    aid.individual.save(update_fields=["purchase_date"])
    assert "Garantin har gått ut" in as_patient(tolvan).get(reverse("patients:home")).text


@pytest.mark.parametrize("name", PAGES)
def test_bey_15_every_patient_page_is_logged_as_the_patient_themself(
    as_patient, tolvan, region, name
):
    as_patient(tolvan).get(reverse(name))
    row = AccessLog.objects.get()
    assert row.user_id is None and row.service_location_id is None
    assert row.sign_in_method == SignInMethod.CITIZEN
    assert (row.recipient_id, row.personnummer) == (tolvan.pk, tolvan.personnummer)


def test_bey_15_the_extract_holds_exactly_the_patients_rows(
    as_patient, tolvan, other, prescriber, lund
):
    log_access(by=prescriber, service_location=lund, recipient=tolvan, action="view")
    log_access(by=prescriber, service_location=lund, recipient=other, action="lookup")
    client = as_patient(tolvan)
    client.get(reverse("patients:home"))
    response = client.get(reverse("patients:access_log"))
    entries = response.context["entries"]
    assert [e.recipient_id for e in entries] == [tolvan.pk, tolvan.pk]
    assert [e.role for e in entries] == ["Förskrivare", "Du själv"]
    assert "Hörselmottagningen Lund" in response.text and "Du själv" in response.text


def test_bey_15_the_extract_follows_the_chosen_period(as_patient, tolvan, prescriber, lund):
    log_access(by=prescriber, service_location=lund, recipient=tolvan, action="view")
    client = as_patient(tolvan)
    response = client.get(
        reverse("patients:access_log"), {"fran": "2020-01-01", "till": "2020-12-31"}
    )
    assert response.context["entries"] == []
    assert "Ingen har tittat på dina uppgifter under perioden" in response.text


def test_bey_15_the_default_period_is_the_last_twelve_months(as_patient, tolvan):
    form = as_patient(tolvan).get(reverse("patients:access_log")).context["form"]
    data = form.cleaned_data
    assert (data["till"] - data["fran"]).days == 365


def test_bey_15_a_period_backwards_is_a_clear_422(as_patient, tolvan):
    client = as_patient(tolvan)
    response = client.get(
        reverse("patients:access_log"), {"fran": "2026-12-01", "till": "2026-01-01"}
    )
    assert response.status_code == 422 and "Till-datumet ligger före från-datumet" in response.text
    bad = client.get(reverse("patients:access_log_pdf"), {"fran": "igår"})
    assert bad.status_code == 422


def test_bey_15_the_extract_as_pdf(as_patient, tolvan, other, prescriber, lund):
    log_access(by=prescriber, service_location=lund, recipient=tolvan, action="view")
    log_access(by=prescriber, service_location=lund, recipient=other, action="lookup")
    response = as_patient(tolvan).get(reverse("patients:access_log_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Loggutdrag" in text and "19121212-1212" in text and "Hörselmottagningen Lund" in text
    assert "1 åtkomst" in text
    assert AccessLog.objects.filter(action="patient_extract_pdf", user=None).count() == 1


@pytest.mark.parametrize("name", [*PAGES, "patients:access_log_pdf", "patients:sign_in"])
def test_bey_15_every_patient_page_is_no_store(as_patient, client, tolvan, region, name):
    response = as_patient(tolvan).get(reverse(name))
    assert "no-store" in response["Cache-Control"]
    client.cookies.pop(COOKIE_NAME)
    assert "no-store" in client.get(reverse(name))["Cache-Control"]


@pytest.mark.parametrize("name", PAGES)
def test_bey_15_patient_pages_read_a_bounded_number_of_queries(
    as_patient, tolvan, region, name, django_assert_max_num_queries
):
    client = as_patient(tolvan)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(name)).status_code == 200


def test_bey_15_the_page_queries_do_not_grow_with_the_patients_things(
    as_patient, tolvan, region, prescriber, lund, django_assert_max_num_queries
):
    from patients.tests.conftest import _everything

    _everything(tolvan, prescriber, lund, name="Fler")
    _everything(tolvan, prescriber, lund, name="Ännu fler")
    client = as_patient(tolvan)
    with django_assert_max_num_queries(12):
        assert "Ännu fler" in client.get(reverse("patients:home")).text


# --- Anmäl fel / Jag vill lämna tillbaka, Mina ärenden -------------------------------------


def _send(client, device, kind="anmal-fel", text="Det susar i hörapparaten.", key=None):
    path = reverse(
        "patients:report_fault" if kind == "anmal-fel" else "patients:ask_return", args=[device.pk]
    )
    form = client.get(path).context["form"]
    data = {"beskrivning": text, "nyckel": key or form.initial["nyckel"]}
    return client.post(path, data), data, path


def test_bey_15_a_fault_report_reaches_the_unit_that_delivered_the_device_once(
    as_patient, tolvan, region, lund
):
    from activities.models import PatientRequest

    client = as_patient(tolvan)
    aid = region["tolvan"]["aid"]
    response, data, path = _send(client, aid)
    assert response.status_code == 302 and response.url == reverse("patients:requests")
    again = client.post(path, data)  # a double submit
    assert again.status_code == 302
    (made,) = PatientRequest.objects.all()
    assert (made.kind, made.device, made.service_location) == ("repair", aid, lund)
    page = client.get(reverse("patients:requests")).text
    assert "Din felanmälan är skickad till Hörselmottagningen Lund" in page
    assert "Skickad – mottagningen har inte svarat än" in page
    assert AccessLog.objects.filter(action="patient_request_submit", user=None).count() == 2


def test_bey_15_a_return_request_needs_no_description(as_patient, tolvan, region):
    from activities.models import PatientRequest

    response, *_ = _send(as_patient(tolvan), region["tolvan"]["aid"], "lamna-tillbaka", text="")
    assert response.status_code == 302
    assert PatientRequest.objects.get().kind == "return"


def test_bey_15_a_fault_report_without_a_description_is_a_clear_422(as_patient, tolvan, region):
    response, *_ = _send(as_patient(tolvan), region["tolvan"]["aid"], text="  ")
    assert response.status_code == 422 and "Beskriv felet" in response.text


def test_bey_15_another_patients_device_is_404(as_patient, tolvan, region):
    client = as_patient(tolvan)
    theirs = region["other"]["aid"]
    for name in ("patients:report_fault", "patients:ask_return"):
        path = reverse(name, args=[theirs.pk])
        assert client.get(path).status_code == 404
        assert (
            client.post(path, {"beskrivning": "x", "nyckel": str(uuid.uuid4())}).status_code == 404
        )


def test_bey_15_requests_are_rate_limited_per_day(as_patient, tolvan, region, settings):
    settings.SESAM_PATIENT_REQUESTS_PER_DAY = 1
    client = as_patient(tolvan)
    assert _send(client, region["tolvan"]["aid"])[0].status_code == 302
    response, *_ = _send(client, region["tolvan"]["aid"], "lamna-tillbaka")
    assert response.status_code == 422


def test_bey_15_a_declined_request_shows_the_reason(as_patient, tolvan, region, prescriber):
    from activities.models import PatientRequest
    from activities.services import patient_requests

    client = as_patient(tolvan)
    _send(client, region["tolvan"]["aid"])
    patient_requests.decline_patient_request(
        by=prescriber, patient_request=PatientRequest.objects.get(), reason="Kom in på torsdag."
    )
    page = client.get(reverse("patients:requests")).text
    assert "Avböjd" in page and "Kom in på torsdag." in page


def test_bey_15_mina_arenden_reads_a_bounded_number_of_queries(
    as_patient, tolvan, region, django_assert_max_num_queries
):
    client = as_patient(tolvan)
    _send(client, region["tolvan"]["aid"])
    _send(client, region["tolvan"]["returned"], "lamna-tillbaka")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("patients:requests")).status_code == 200
