"""BEY-9: the unit's deviation pages — reported from a recipient, seen in Mina sidor and Sök,
404 for another location (also the attachment and the PDF), access-logged."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from safety.models import Deviation
from safety.tests.factories import device_of, make_deviation
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _incident(prescriber, lund, device):
    return make_deviation(
        prescriber, lund, device, kind="incident",
        event_date=datetime.date(2026, 11, 2), consequence="Yrsel",
        upload=SimpleUploadedFile("bild.png", PNG, "image/png"),
    )  # fmt: skip


def test_bey_9_report_from_the_recipient_page(client_as, prescriber, lund):
    device = device_of(lund, prescriber)
    url = reverse("safety:deviation_new") + f"?mottagare={device.recipient.pk}"
    response = client_as(prescriber).post(url, {
        "device": device.pk, "kind": "product_fault", "description": "Brus",
        "key": "7b0c2c57-8f36-4d4f-a0f5-7bd3a0f3b9c1",
    })  # fmt: skip
    deviation = Deviation.objects.get()
    assert response.url == deviation.get_absolute_url() and deviation.device == device


def test_bey_9_the_unit_sees_its_report_and_status(client_as, prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    client = client_as(prescriber)
    assert "Registrerad" in client.get(deviation.get_absolute_url()).text
    assert deviation.number in client.get(reverse("safety:deviation_search")).text
    assert deviation.number in client.get(reverse("my_page") + "?flik=deviations").text


def test_bey_9_another_location_gets_404_everywhere(
    client_as, prescriber, lund, other_location_user
):
    deviation = _incident(prescriber, lund, device_of(lund, prescriber))
    client = client_as(other_location_user)
    attachment = deviation.attachments.get()
    for url in [
        deviation.get_absolute_url(),
        reverse("safety:deviation_pdf", args=[deviation.number]),
        reverse("safety:deviation_attachment", args=[deviation.number, attachment.pk]),
    ]:
        assert client.get(url).status_code == 404
    assert deviation.number not in client.get(reverse("safety:deviation_search")).text


def test_bey_9_another_units_device_is_not_offered(client_as, prescriber, lund, helsingborg):
    device = device_of(helsingborg, prescriber)
    url = reverse("safety:deviation_new") + f"?mottagare={device.recipient.pk}"
    form = client_as(prescriber).get(url).context["form"]
    assert device.pk not in [value for value, _label in form.fields["device"].choices]


def test_bey_9_an_individual_in_another_store_is_404(client_as, prescriber, helsingborg):
    from inventory.models import Warehouse
    from inventory.tests.factories import IndividualFactory

    individual = IndividualFactory(warehouse=Warehouse.objects.get(number=helsingborg.code))
    url = reverse("safety:deviation_new") + f"?individ={individual.pk}"
    assert client_as(prescriber).get(url).status_code == 404


def test_bey_9_the_pdf_has_age_and_sex_never_the_personnummer(client_as, prescriber, lund):
    device = device_of(lund, prescriber)
    deviation = _incident(prescriber, lund, device)
    response = client_as(prescriber).get(reverse("safety:deviation_pdf", args=[deviation.number]))
    from io import BytesIO

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert f"{deviation.patient_age} år" in text and "Yrsel" in text
    assert device.recipient.personnummer_display not in text
    assert device.recipient.personnummer[:8] not in text


def test_bey_9_the_detail_page_writes_the_access_log(client_as, prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    client_as(prescriber).get(deviation.get_absolute_url())
    assert AccessLog.objects.filter(action="deviation", recipient_id=deviation.recipient_id)


def test_bey_9_search_has_bounded_queries(
    client_as, prescriber, lund, django_assert_max_num_queries
):
    for _ in range(5):
        make_deviation(prescriber, lund, device_of(lund, prescriber, serial=f"S{_}"))
    client = client_as(prescriber)
    with django_assert_max_num_queries(14):
        client.get(reverse("safety:deviation_search"))


def test_bey_9_search_htmx_returns_the_partial(client_as, prescriber, lund):
    response = client_as(prescriber).get(reverse("safety:deviation_search"), HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="deviation-results"')


def test_bey_9_admin_moves_the_status_with_a_comment(client_as, staff, prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    url = reverse("admin:safety_deviation_change", args=[deviation.pk])
    client_as(staff).post(url, {
        "move_to": "investigating", "new_comment": "Till leverantören",
        "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0,
    })  # fmt: skip
    assert Deviation.objects.get(pk=deviation.pk).status == "investigating"


def test_bey_9_detail_has_bounded_queries(
    client_as, prescriber, lund, django_assert_max_num_queries
):
    deviation = _incident(prescriber, lund, device_of(lund, prescriber))
    client = client_as(prescriber)
    with django_assert_max_num_queries(14):
        assert client.get(deviation.get_absolute_url()).status_code == 200
