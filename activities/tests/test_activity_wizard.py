import pytest
from django.urls import reverse

from activities.models import Activity
from activities.tests import factories
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db


def _start(client, recipient, lund, prescriber, **extra):
    data = {
        "activity_type": "warranty_repair",
        "service_location": lund.pk,
        "prescriber": prescriber.pk,
        **extra,
    }
    return client.post(reverse("activities:activity_start", args=[recipient.pk]), data)


def _run_wizard(client, tolvan, lund, prescriber, hearing_aid):
    response = _start(client, tolvan, lund, prescriber)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = Activity.objects.get(status="draft")
    key = draft.idempotency_key
    response = client.post(
        reverse("activities:activity_devices", args=[key]),
        {"service_product": "warranty_region", "devices": [hearing_aid.pk]},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("activities:activity_action", args=[key]), {"requested_action": "Brus i höger"}
    )
    assert response.status_code == 302
    return key, client.post(
        reverse("activities:activity_address", args=[key]),
        {"choice": "enhet", "address": "", "contact": "Anna 046-1"},
    )


def test_act_6_wizard_happy_path_to_confirmation(client_as, prescriber, tolvan, lund, hearing_aid):
    client = client_as(prescriber)
    _key, response = _run_wizard(client, tolvan, lund, prescriber, hearing_aid)
    activity = Activity.objects.get(status="assigned")
    assert response.url == reverse("activities:activity_sent", args=[activity.number])
    page = client.get(response.url).content.decode()
    assert activity.number in page and "Gå till aktivitetsdetaljer" in page and "Stäng" in page
    assert "Hjälpmedelskonsulent" not in page
    assert activity.address.startswith(lund.name)


def test_act_6_double_submit_of_skicka_creates_one(
    client_as, prescriber, tolvan, lund, hearing_aid
):
    client = client_as(prescriber)
    key, first = _run_wizard(client, tolvan, lund, prescriber, hearing_aid)
    again = client.post(
        reverse("activities:activity_address", args=[key]),
        {"choice": "enhet", "address": "", "contact": ""},
    )
    assert again.status_code == 302 and again.url == first.url
    assert Activity.objects.count() == 1


def test_act_2_start_shows_every_type_with_its_info_text(client_as, prescriber, tolvan):
    page = (
        client_as(prescriber)
        .get(reverse("activities:activity_start", args=[tolvan.pk]))
        .content.decode()
    )
    assert "Hörsel – Garantireparation" in page and "Enskild förskrivning utanför sortiment" in page
    assert "garantireparation" in page and 'class="type-info' in page
    assert AccessLog.objects.filter(recipient_id=tolvan.pk, action="activity_start").count() == 1


def test_act_3_default_service_location_is_preselected(client_as, prescriber, tolvan, lund):
    page = (
        client_as(prescriber)
        .get(reverse("activities:activity_start", args=[tolvan.pk]))
        .content.decode()
    )
    assert f'<option value="{lund.pk}" selected>' in page


def test_act_2_unknown_type_is_422_in_swedish(client_as, prescriber, tolvan, lund):
    response = _start(client_as(prescriber), tolvan, lund, prescriber, activity_type="kaffe")
    assert (
        response.status_code == 422
        and "Välj en aktivitetstyp i listan" in response.content.decode()
    )


def test_rec_9_barn_type_for_adult_is_refused_on_the_server(client_as, prescriber, tolvan, lund):
    response = _start(
        client_as(prescriber), tolvan, lund, prescriber, activity_type="installed_repair_child"
    )
    assert response.status_code == 409 and "endast barn" in response.content.decode()
    assert not Activity.objects.exists()


def test_rec_3_inactive_recipient_is_refused(client_as, prescriber, tolvan, lund):
    tolvan.is_active = False
    tolvan.save()
    response = _start(client_as(prescriber), tolvan, lund, prescriber)
    assert response.status_code == 409
    assert "Mottagaren är inte aktiv – kontakta Hjälpmedel" in response.content.decode()


def test_act_1_phone_asked_for_on_the_spot(client_as, prescriber, tolvan, lund):
    tolvan.phone = ""
    tolvan.save()
    client = client_as(prescriber)
    assert (
        "Mottagarens telefonnummer"
        in client.get(reverse("activities:activity_start", args=[tolvan.pk])).content.decode()
    )
    assert _start(client, tolvan, lund, prescriber).status_code == 422
    assert _start(client, tolvan, lund, prescriber, phone="070-111 22 33").status_code == 302
    tolvan.refresh_from_db()
    assert tolvan.phone == "070-111 22 33"


def _key(client, tolvan, lund, prescriber, **extra):
    _start(client, tolvan, lund, prescriber, **extra)
    return Activity.objects.get(status="draft").idempotency_key


def test_act_4_no_device_ticked_is_422(client_as, prescriber, tolvan, lund, hearing_aid):
    client = client_as(prescriber)
    key = _key(client, tolvan, lund, prescriber)
    response = client.post(
        reverse("activities:activity_devices", args=[key]), {"service_product": "warranty_region"}
    )
    assert response.status_code == 422 and "Välj hjälpmedlet" in response.content.decode()


def test_act_4_another_recipients_device_id_is_422(
    client_as, prescriber, tolvan, lund, hearing_aid, child_device
):
    client = client_as(prescriber)
    key = _key(client, tolvan, lund, prescriber)
    response = client.post(
        reverse("activities:activity_devices", args=[key]),
        {"service_product": "warranty_region", "devices": [child_device.pk]},
    )
    assert response.status_code == 422
    assert "Välj bland mottagarens levererade hjälpmedel" in response.content.decode()


def test_act_4_only_delivered_devices_are_offered(client_as, prescriber, tolvan, lund, hearing_aid):
    ordered = factories.delivered_device(
        tolvan, location=lund, prescriber=prescriber, status="ordered"
    )
    client = client_as(prescriber)
    key = _key(client, tolvan, lund, prescriber)
    page = client.get(reverse("activities:activity_devices", args=[key])).content.decode()
    assert f'value="{hearing_aid.pk}"' in page and f'id="device-{ordered.pk}"' not in page


def test_act_5_empty_and_too_long_requested_action_are_422(client_as, prescriber, tolvan, lund):
    client = client_as(prescriber)
    key = _key(client, tolvan, lund, prescriber)
    url = reverse("activities:activity_action", args=[key])
    empty = client.post(url, {"requested_action": ""})
    assert empty.status_code == 422 and "Önskad åtgärd måste fyllas i" in empty.content.decode()
    long = client.post(url, {"requested_action": "x" * 5001})
    assert (
        long.status_code == 422
        and "Önskad åtgärd får vara högst 5 000 tecken" in long.content.decode()
    )


def test_act_2_outside_assortment_shows_the_checklist_and_no_address(
    client_as, prescriber, tolvan, lund
):
    client = client_as(prescriber)
    key = _key(client, tolvan, lund, prescriber, activity_type="outside_assortment")
    assert (
        client.post(
            reverse("activities:activity_devices", args=[key]),
            {"service_product": "outside_assortment"},
        ).status_code
        == 302
    )
    page = client.get(reverse("activities:activity_action", args=[key])).content.decode()
    assert "CE-märkt enligt MDR" in page
    client.post(
        reverse("activities:activity_action", args=[key]), {"requested_action": "Leverantör X"}
    )
    page = client.get(reverse("activities:activity_address", args=[key])).content.decode()
    assert "Adress behöver inte anges" in page
    response = client.post(reverse("activities:activity_address", args=[key]), {"contact": ""})
    assert response.status_code == 302 and Activity.objects.get().address == ""


def test_rec_5_no_patient_address_offered_under_protected_identity(client_as, prescriber, lund):
    hidden = factories.recipient("198203012383", street="Hemliga vägen 77", protected_identity=True)
    device = factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    client = client_as(prescriber)
    key = _key(client, hidden, lund, prescriber)
    client.post(
        reverse("activities:activity_devices", args=[key]),
        {"service_product": "warranty_region", "devices": [device.pk]},
    )
    client.post(reverse("activities:activity_action", args=[key]), {"requested_action": "Trasig"})
    page = client.get(reverse("activities:activity_address", args=[key])).content.decode()
    assert "Hemliga vägen" not in page


def test_acc_4_another_users_draft_is_404(client_as, prescriber, colleague, tolvan, lund):
    key = _key(client_as(prescriber), tolvan, lund, prescriber)
    assert (
        client_as(colleague).get(reverse("activities:activity_devices", args=[key])).status_code
        == 404
    )


def test_act_1_individual_page_starts_with_the_device_preticked(
    client_as, prescriber, tolvan, lund, hearing_aid
):
    client = client_as(prescriber)
    response = client.get(
        reverse("activities:activity_from_individual", args=[hearing_aid.individual_id])
    )
    assert (
        response.url
        == reverse("activities:activity_start", args=[tolvan.pk]) + f"?hjalpmedel={hearing_aid.pk}"
    )
    response = _start(client, tolvan, lund, prescriber, hjalpmedel=hearing_aid.pk)
    page = client.get(response.url).content.decode()
    assert f'value="{hearing_aid.pk}" id="device-{hearing_aid.pk}" checked' in page


def test_acc_4_individual_start_of_another_locations_device_is_404(
    client_as, other_location_user, hearing_aid
):
    url = reverse("activities:activity_from_individual", args=[hearing_aid.individual_id])
    assert client_as(other_location_user).get(url).status_code == 404


def test_acc_7_private_clinic_runs_the_wizard(client_as, private_prescriber, tolvan, ystad):
    device = factories.delivered_device(tolvan, location=ystad, prescriber=private_prescriber)
    client = client_as(private_prescriber)
    _key_, response = _run_wizard(client, tolvan, ystad, private_prescriber, device)
    assert response.status_code == 302 and Activity.objects.get().status == "assigned"


def test_act_1_a_started_draft_is_continued_not_duplicated(client_as, prescriber, tolvan, lund):
    client = client_as(prescriber)
    _start(client, tolvan, lund, prescriber, activity_type="hearing_services")
    page = client.get(reverse("activities:activity_start", args=[tolvan.pk])).content.decode()
    assert (
        "Du har en påbörjad aktivitet" in page
        and 'value="hearing_services" aria-describedby="info-hearing_services" checked' in page
    )
    _start(client, tolvan, lund, prescriber)
    assert Activity.objects.get().type == "warranty_repair"


def test_ind_2_individual_menu_offers_aktivitet(client_as, prescriber, hearing_aid):
    url = reverse("inventory:individual_detail", args=[hearing_aid.individual_id])
    page = client_as(prescriber).get(url).content.decode()
    link = reverse("activities:activity_from_individual", args=[hearing_aid.individual_id])
    assert f'href="{link}">Aktivitet</a>' in page


def test_rec_5_annan_adress_is_neither_offered_nor_taken_under_protected_identity(
    client_as, prescriber, lund
):
    hidden = factories.recipient("198203012383", street="Kungsgatan 3", protected_identity=True)
    device = factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    client = client_as(prescriber)
    key = _key(client, hidden, lund, prescriber)
    client.post(
        reverse("activities:activity_devices", args=[key]),
        {"service_product": "warranty_region", "devices": [device.pk]},
    )
    client.post(reverse("activities:activity_action", args=[key]), {"requested_action": "Trasig"})
    url = reverse("activities:activity_address", args=[key])
    assert 'value="annan"' not in client.get(url).content.decode()
    response = client.post(url, {"choice": "annan", "address": "KUNGSGATAN 3", "contact": ""})
    assert response.status_code == 422 and not Activity.objects.exclude(status="draft").exists()
    assert "KUNGSGATAN 3" not in response.content.decode()
