"""BEY-5: the recall pages for staff with Återkallelse; 404 for anyone else; the letters never
print a protected address; every page and file that names recipients writes the access log."""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inventory.models import Individual
from safety.models import Recall
from safety.tests.factories import make_recall, recall_staff, serial_world
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    from io import BytesIO

    return "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_bey_5_staff_with_the_permission_traces_a_recall(client_as, colleague, lund, prescriber):
    world = serial_world(lund, prescriber)
    client = client_as(recall_staff(colleague))
    response = client.post(
        reverse("safety:recall_new"),
        {
            "article_number": world["article"].number,
            "serials": "nl100-NL101",
            "reason": "Fel",
            "key": "0b7d0f1e-1c1a-4b8e-8f52-3d2a1c0b9e77",
        },
    )
    recall = Recall.objects.get()
    assert response.url == recall.get_absolute_url()
    assert recall.items.count() == 2


def test_bey_5_the_pages_are_404_without_the_permission(client_as, prescriber, staff, lund):
    recall = make_recall(staff, serial_world(lund, prescriber))
    client = client_as(prescriber)
    assert client.get(reverse("safety:recall_list")).status_code == 404
    assert client.get(recall.get_absolute_url()).status_code == 404
    assert client.post(reverse("safety:recall_notify", args=[recall.number])).status_code == 404


def test_bey_5_detail_lists_recipient_unit_and_prescriber_and_logs(
    client_as, staff, lund, prescriber, django_assert_max_num_queries
):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    client = client_as(staff)
    with django_assert_max_num_queries(16):
        response = client.get(recall.get_absolute_url())
    assert world["tolvan"].personnummer_display in response.text
    assert lund.name in response.text and prescriber.full_name in response.text
    assert AccessLog.objects.filter(action="recall_list", recipient_id=world["tolvan"].pk)


def test_bey_5_export_has_every_row_and_is_logged(client_as, staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    response = client_as(staff).get(
        reverse("safety:recall_export", args=[recall.number]) + "?format=csv"
    )
    text = b"".join(response.streaming_content).decode()
    assert "NL102" in text and "nl150" in text
    assert AccessLog.objects.filter(action="recall_export").count() == 1


def test_bey_5_xlsx_export_is_a_workbook(client_as, staff, lund, prescriber):
    recall = make_recall(staff, serial_world(lund, prescriber))
    response = client_as(staff).get(
        reverse("safety:recall_export", args=[recall.number]) + "?format=xlsx"
    )
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_bey_5_letters_never_print_a_protected_address(client_as, staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    tolvan = world["tolvan"]
    tolvan.protected_identity, tolvan.street = True, "Hemliga vägen 7"
    tolvan.save(update_fields=["protected_identity", "street"])
    recall = make_recall(staff, world)
    response = client_as(staff).get(reverse("safety:recall_letters", args=[recall.number]))
    text = _pdf_text(response)
    assert tolvan.street not in text and "VIA SKATTEVERKET" in text.upper()
    assert AccessLog.objects.filter(action="recall_letters", recipient_id=tolvan.pk)


def test_bey_5_letters_carry_the_address_otherwise(client_as, staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    response = client_as(staff).get(reverse("safety:recall_letters", args=[recall.number]))
    assert world["tolvan"].street in _pdf_text(response)


def test_bey_5_release_from_the_page_unblocks(client_as, staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    client_as(staff).post(reverse("safety:recall_release", args=[recall.number]))
    assert Individual.objects.get(pk=world["stock"].pk).blocked_by == ""


def test_bey_5_a_get_changes_nothing(client_as, staff, lund, prescriber):
    recall = make_recall(staff, serial_world(lund, prescriber))
    response = client_as(staff).get(reverse("safety:recall_close", args=[recall.number]))
    assert response.status_code == 405
    assert Recall.objects.get().status == Recall.Status.OPEN


def test_bey_5_bad_input_is_a_swedish_422(client_as, staff):
    response = client_as(staff).post(
        reverse("safety:recall_new"),
        {
            "article_number": "nej",
            "serials": "",
            "reason": "x",
            "key": "0b7d0f1e-1c1a-4b8e-8f52-3d2a1c0b9e77",
        },
    )
    assert response.status_code == 422 and "finns inte" in response.text


def test_bey_5_admin_lists_recalls_for_the_permission(client_as, staff, lund, prescriber):
    recall = make_recall(staff, serial_world(lund, prescriber))
    response = client_as(staff).get(reverse("admin:safety_recall_change", args=[recall.pk]))
    assert recall.number in response.text
