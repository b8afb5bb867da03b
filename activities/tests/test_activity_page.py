import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from activities import services
from activities.exceptions import ActivityRefused
from activities.models import Activity
from activities.tests import factories
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_act_7_page_shows_sections_and_writes_the_access_log(
    client_as, prescriber, activity, staff
):
    services.add_activity_comment(by=staff, activity=activity, text="Skickad till leverantören")
    page = (
        client_as(prescriber)
        .get(reverse("activities:activity_detail", args=[activity.number]))
        .content.decode()
    )
    for text in (
        "Hörsel – Garantireparation",
        "Tilldelad",
        "Hörapparaten tystnar ibland.",
        "Skickad till leverantören",
        "Historik",
        "Skapa pdf för aktivitet",
        "Återrapportera/avsluta aktivitet",
        activity.devices.get().individual_number,
    ):
        assert text in page
    assert (
        AccessLog.objects.filter(recipient_id=activity.recipient_id, action="activity_view").count()
        == 1
    )


def test_act_7_htmx_returns_the_sections_partial(client_as, prescriber, activity):
    response = client_as(prescriber).get(
        reverse("activities:activity_detail", args=[activity.number]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="sections">') and "<html" not in body


def test_acc_4_another_location_gets_404_everywhere(
    client_as, other_location_user, activity, staff
):
    item = services.add_activity_attachment(
        by=staff, activity=activity, upload=SimpleUploadedFile("bild.png", PNG)
    )
    client = client_as(other_location_user)
    for url in (
        reverse("activities:activity_detail", args=[activity.number]),
        reverse("activities:activity_sent", args=[activity.number]),
        reverse("activities:activity_pdf_form", args=[activity.number]),
        reverse("activities:activity_pdf", args=[activity.number]),
        reverse("activities:activity_report_back", args=[activity.number]),
        reverse("activities:activity_attachment", args=[activity.number, item.pk]),
    ):
        assert client.get(url).status_code == 404, url
    search = client.get(reverse("activities:activity_search"), {"nummer": activity.number})
    assert search.status_code == 404


def test_doc_3_pdf_has_number_products_orderer_unit_fault_and_comment(
    client_as, prescriber, activity, lund
):
    response = client_as(prescriber).get(
        reverse("activities:activity_pdf", args=[activity.number]), {"comment": "Ring först"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert activity.number in response["Content-Disposition"]
    text = _pdf_text(response)
    row = activity.devices.get()
    for expected in (
        activity.number,
        row.article_name,
        row.individual_number,
        prescriber.full_name,
        lund.name,
        lund.street,
        "Hörapparaten tystnar ibland.",
        "Ring först",
        "Returadress",
    ):
        assert expected in text, expected
    assert AccessLog.objects.filter(
        action="activity_view", recipient_id=activity.recipient_id
    ).exists()


def test_rec_5_no_patient_address_on_page_or_pdf(client_as, prescriber, lund):
    hidden = factories.recipient(
        "198203012383", street="Hemliga vägen 77", city="Hemby", protected_identity=True
    )
    device = factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    activity = factories.make_activity(
        by=prescriber, recipient=hidden, location=lund, devices=[device]
    )
    client = client_as(prescriber)
    page = client.get(
        reverse("activities:activity_detail", args=[activity.number])
    ).content.decode()
    text = _pdf_text(client.get(reverse("activities:activity_pdf", args=[activity.number])))
    assert "Hemliga vägen" not in page and "Hemliga vägen" not in text and "Hemby" not in text


def test_act_9_report_back_ej_garanti_and_avsluta(client_as, prescriber, activity):
    url = reverse("activities:activity_report_back", args=[activity.number])
    client = client_as(prescriber)
    assert "Utförd åtgärd" in client.get(url).content.decode()
    response = client.post(
        url, {"performed_action": "", "outside_warranty": "on", "close": "on", "seen": "assigned"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "closed" and activity.performed_action == "Ej garanti"


def test_act_9_closing_twice_is_409_with_a_message(client_as, prescriber, activity):
    url = reverse("activities:activity_report_back", args=[activity.number])
    client = client_as(prescriber)
    client.post(url, {"performed_action": "Lagad", "close": "on", "seen": "assigned"})
    again = client.post(url, {"performed_action": "Lagad", "close": "on", "seen": "assigned"})
    assert again.status_code == 409 and "redan" in again.content.decode()


def test_act_9_avsluta_without_performed_action_is_422(client_as, prescriber, activity):
    url = reverse("activities:activity_report_back", args=[activity.number])
    response = client_as(prescriber).post(
        url, {"performed_action": "", "close": "on", "seen": "assigned"}
    )
    assert (
        response.status_code == 422 and "Utförd åtgärd måste fyllas i" in response.content.decode()
    )


def test_ind_4_new_unit_leads_to_byte_av_individnummer(client_as, prescriber, activity):
    url = reverse("activities:activity_report_back", args=[activity.number])
    response = client_as(prescriber).post(
        url, {"performed_action": "Ny enhet", "new_unit": "on", "close": "on", "seen": "assigned"}
    )
    individual = activity.devices.get().device.individual_id
    assert response.url == reverse("inventory:individual_change_number", args=[individual])


def test_act_8_attachment_served_to_the_location(
    client_as, prescriber, activity, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = services.add_activity_attachment(
        by=staff, activity=activity, upload=SimpleUploadedFile("foto.png", PNG)
    )
    response = client_as(prescriber).get(
        reverse("activities:activity_attachment", args=[activity.number, item.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "pdf, jpg eller png"),
        ("fake.pdf", b"hello", "inte en giltig"),
        ("stor.png", PNG + b"0" * (10 * 1024 * 1024), "10 MB"),
    ],
)
def test_act_8_attachment_type_and_size_checked(activity, staff, name, content, message):
    with pytest.raises(ActivityRefused, match=message):
        services.add_activity_attachment(
            by=staff, activity=activity, upload=SimpleUploadedFile(name, content)
        )


def test_act_7_page_query_count_does_not_grow_with_history(
    client_as, prescriber, activity, staff, django_assert_num_queries
):
    client = client_as(prescriber)
    url = reverse("activities:activity_detail", args=[activity.number])
    services.add_activity_comment(by=staff, activity=activity, text="K")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(30):
        services.add_activity_comment(by=staff, activity=activity, text=f"K {n}")
    services.move_activity(by=staff, activity=activity, to=Activity.Status.STARTED)
    with django_assert_num_queries(len(one)):
        client.get(url)


def test_act_9_too_long_performed_action_is_422_naming_the_field(client_as, prescriber, activity):
    url = reverse("activities:activity_report_back", args=[activity.number])
    response = client_as(prescriber).post(
        url, {"performed_action": "x" * 5001, "close": "on", "seen": "assigned"}
    )
    assert response.status_code == 422
    assert "Utförd åtgärd får vara högst 5 000 tecken" in response.content.decode()
