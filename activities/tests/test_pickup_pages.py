"""The pickup order's confirmation, page, slip PDF and Makulera (PU-5, PU-7, PU-8, DOC-3,
DOC-4), the recipient page's REC-8 notice and menu entry (REC-7); ACC-4, ACC-8, REC-5."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from activities.models import PickupOrder
from activities.tests.factories import delivered_device, pickup_order
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pickup(colleague, lund):
    recipient = RecipientFactory(street="Hemligvägen 9", city="Hemlunda")
    device = delivered_device(recipient=recipient, location=lund)
    return pickup_order(colleague, lund, device, comment="Passar inte patienten")


def _urls(pickup):
    return [
        reverse(f"activities:{name}", args=[pickup.number])
        for name in ["pickup_detail", "pickup_created", "pickup_slip", "pickup_cancel"]
    ]


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)


def test_pu_8_the_page_has_sections_and_the_menu(client_as, prescriber, pickup):
    page = client_as(prescriber).get(pickup.get_absolute_url()).text  # a colleague's (ACC-4)
    for section in ["Hämtorderhuvud", "Hjälpmedel", "Adress och kontakt", "Historik"]:
        assert f"<h2>{section}</h2>" in page
    assert "Skapa pdf" in page and "Makulera" in page and "Registrerad" in page
    assert "Passar inte patienten" in page


def test_doc_3_the_slip_names_address_mark_number_devices_and_reason(client_as, colleague, pickup):
    text = _pdf_text(client_as(colleague).get(_urls(pickup)[2]))
    device = pickup.lines.get().device
    for expected in [
        "Verksamhetsområde Hjälpmedel",
        "Truckstigen 2",
        "245 34 Staffanstorp",
        "Hörsel",
        pickup.number,
        device.article.number,
        device.individual.number,
        device.individual.serial_number,
        "Hörselmottagningen Lund",
        "Karl Kollega",
        "Felbeställning",
        "Skickas till centrallager med post",
        pickup.recipient.personnummer_display,
    ]:
        assert expected in text, expected
    assert "Checklista" not in text  # PU-5: on screen only


def test_rec_5_no_patient_address_on_any_pickup_page_or_slip(client_as, colleague, pickup):
    pickup.recipient.protected_identity = True
    pickup.recipient.save()
    client = client_as(colleague)
    for url in _urls(pickup):
        response = client.get(url)
        body = _pdf_text(response) if url.endswith(".pdf") else response.text
        assert "Hemligvägen" not in body and "Hemlunda" not in body, url


def test_acc_4_another_locations_user_gets_404_everywhere(client_as, other_location_user, pickup):
    client = client_as(other_location_user)
    for url in _urls(pickup):
        assert client.get(url).status_code == 404, url
    assert client.post(_urls(pickup)[3]).status_code == 404
    assert not AccessLog.objects.filter(user=other_location_user).exists()


def test_acc_8_every_page_and_the_pdf_write_the_access_log(client_as, colleague, pickup):
    client = client_as(colleague)
    for url in _urls(pickup):
        client.get(url)
    actions = set(
        AccessLog.objects.filter(recipient_id=pickup.recipient_id).values_list("action", flat=True)
    )
    assert {"pickup_detail", "pickup_confirmation", "pickup_slip_pdf", "pickup_cancel_form"} <= (
        actions
    )


def test_pu_7_makulera_asks_then_cancels(client_as, colleague, pickup):
    client = client_as(colleague)
    dialog = client.get(_urls(pickup)[3], headers=HTMX)
    assert dialog.text.lstrip().startswith("<dialog") and "Ja, makulera" in dialog.text
    response = client.post(_urls(pickup)[3])
    assert response["Location"] == pickup.get_absolute_url()
    pickup.refresh_from_db()
    assert pickup.status == PickupOrder.Status.CANCELLED
    assert client.post(_urls(pickup)[3]).status_code == 302  # again: back to it, no error
    assert "Makulera</a>" not in client.get(pickup.get_absolute_url()).text


def test_pu_7_a_closed_pickup_order_cannot_be_cancelled(
    client_as, colleague, staff, pickup, central_warehouse
):
    from activities import services

    services.close_pickup_order(by=staff, pickup_order=pickup)
    client = client_as(colleague)
    assert client.get(_urls(pickup)[3]).status_code == 409
    assert client.post(_urls(pickup)[3]).status_code == 409


def test_rec_8_the_recipient_page_says_there_is_an_open_pickup_order(client_as, colleague, pickup):
    page = client_as(colleague).get(pickup.recipient.get_absolute_url()).text
    assert f'<a href="{pickup.get_absolute_url()}">Det finns en öppen hämtorder</a>' in page


def test_rec_8_no_notice_once_the_pickup_order_is_cancelled(client_as, colleague, pickup):
    from activities import services

    services.cancel_pickup_order(by=colleague, pickup_order=pickup)
    page = client_as(colleague).get(pickup.recipient.get_absolute_url()).text
    assert "Det finns en öppen hämtorder" not in page


def test_rec_7_registrera_skapa_leads_to_hamtorder(client_as, colleague, lund):
    recipient = RecipientFactory()
    page = client_as(colleague).get(recipient.get_absolute_url()).text
    url = reverse("activities:pickup_start", args=[recipient.pk])
    assert f'<a href="{url}">Hämtorder</a>' in page


def test_rec_5_no_patient_address_in_the_wizard(client_as, colleague, lund, pickup):
    recipient = pickup.recipient
    recipient.protected_identity = True
    recipient.save()
    device = delivered_device(recipient=recipient, location=lund)
    client = client_as(colleague)
    start = reverse("activities:pickup_start", args=[recipient.pk])
    pages = [client.get(start).text]
    first = {"reason": "by_post", "service_location": lund.pk}
    key = client.post(start, first)["Location"].split("/")[3]
    reason = reverse("activities:pickup_reason", args=[key])
    client.post(reason, {"reason": "by_post", "service_location": lund.pk})
    devices = reverse("activities:pickup_devices", args=[key])
    client.post(devices, {"hjalpmedel": [device.pk]})
    for url in [reason, devices, reverse("activities:pickup_address", args=[key])]:
        pages.append(client.get(url).text)
    for page in pages:
        assert "Hemligvägen" not in page and "Hemlunda" not in page


@pytest.mark.parametrize("count", [1, 20])
def test_pu_8_the_page_and_slip_query_counts_do_not_grow_with_the_devices(
    client_as, colleague, lund, count, django_assert_max_num_queries
):
    recipient = RecipientFactory()
    devices = [delivered_device(recipient=recipient, location=lund) for _ in range(count)]
    pickup = pickup_order(colleague, lund, *devices)
    client = client_as(colleague)
    with django_assert_max_num_queries(14):
        assert client.get(pickup.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(_urls(pickup)[2]).status_code == 200
