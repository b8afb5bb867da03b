import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Activity, ActivityAttachment, ActivityComment, ActivityEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def test_act_8_admin_moves_comments_and_attaches_through_the_services(client_as, staff, activity):
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    client = client_as(staff)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "move_to": "started",
            "new_comment": "Beställt reservdel",
            "new_attachment": SimpleUploadedFile("offert.pdf", PDF),
            **{
                f"{prefix}-{key}": value
                for prefix in ("events", "comments", "attachments")
                for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity.refresh_from_db()
    assert activity.status == "started"
    assert ActivityEvent.objects.filter(activity=activity, to_status="started", by=staff).exists()
    assert ActivityComment.objects.get(activity=activity).text == "Beställt reservdel"
    assert ActivityAttachment.objects.get(activity=activity).content_type == "application/pdf"


def test_act_8_admin_action_moves_selected(client_as, staff, activity):
    response = client_as(staff).post(
        reverse("admin:activities_activity_changelist"),
        {"action": "to_planned", "_selected_action": [activity.pk]},
    )
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "planned"


def test_act_8_admin_refused_move_is_a_message_not_a_save(client_as, staff, activity):
    Activity.objects.filter(pk=activity.pk).update(status="closed")
    client_as(staff).post(
        reverse("admin:activities_activity_changelist"),
        {"action": "to_planned", "_selected_action": [activity.pk]},
    )
    assert Activity.objects.get(pk=activity.pk).status == "closed"


def test_rec_5_admin_change_page_has_no_patient_address(client_as, staff, activity):
    page = (
        client_as(staff)
        .get(reverse("admin:activities_activity_change", args=[activity.pk]))
        .content.decode()
    )
    assert activity.recipient.name in page and activity.recipient.street not in page


def test_act_8_admin_opens_an_attachment_others_cannot(client_as, staff, prescriber, activity):
    from activities import services

    item = services.add_activity_attachment(
        by=staff, activity=activity, upload=SimpleUploadedFile("offert.pdf", PDF)
    )
    url = reverse("admin:activities_activity_attachment", args=[activity.pk, item.pk])
    response = client_as(staff).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client_as(prescriber).get(url).status_code == 302  # to the admin login
