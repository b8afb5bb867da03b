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


def _change(client, activity, **data):
    formsets = {
        f"{prefix}-{key}": value
        for prefix in ("events", "comments", "attachments")
        for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
    }
    url = reverse("admin:activities_activity_change", args=[activity.pk])
    return client.post(url, {**formsets, **data})


def _stored_files(settings):
    from pathlib import Path

    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_act_8_admin_refused_attachment_saves_nothing_and_keeps_the_form(
    client_as, staff, activity, settings
):
    fake = SimpleUploadedFile("offert.pdf", b"not a pdf")
    response = _change(
        client_as(staff), activity, move_to="started", new_comment="Beställt", new_attachment=fake
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Filen är inte en giltig pdf" in response.content.decode()
    assert "Beställt" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == "assigned" and not activity.comments.exists()
    assert not _stored_files(settings)


def test_act_8_admin_long_attachment_name_is_shortened_not_a_500(
    client_as, staff, activity, settings
):
    upload = SimpleUploadedFile("o" * 250 + ".pdf", PDF)
    response = _change(client_as(staff), activity, new_attachment=upload)
    assert response.status_code == 302
    item = ActivityAttachment.objects.get(activity=activity)
    assert len(item.name) == 200 and item.name.endswith(".pdf")
    assert _stored_files(settings) == [__import__("pathlib").Path(item.file.path)]


def test_act_8_attachment_whose_row_fails_leaves_no_file(staff, activity, settings, monkeypatch):
    from activities import services

    def fail(self, *args, **kwargs):
        raise RuntimeError("the row could not be saved")

    monkeypatch.setattr(ActivityAttachment, "save", fail)
    with pytest.raises(RuntimeError):
        services.add_activity_attachment(
            by=staff, activity=activity, upload=SimpleUploadedFile("offert.pdf", PDF)
        )
    assert not _stored_files(settings)


def test_act_8_admin_move_refused_meanwhile_rolls_back_the_comment(
    client_as, staff, activity, monkeypatch
):
    from activities import services
    from activities.exceptions import ActivityConflict

    def moved_meanwhile(**kwargs):
        raise ActivityConflict("Aktiviteten har just ändrats av någon annan.")

    monkeypatch.setattr(services, "move_activity", moved_meanwhile)
    response = _change(client_as(staff), activity, move_to="planned", new_comment="Tisdag")
    assert response.status_code == 302
    assert not activity.comments.exists()
    texts = [str(m) for m in response.wsgi_request._messages]
    assert texts == ["Inget sparades: Aktiviteten har just ändrats av någon annan."]


def test_act_8_admin_change_page_is_the_technicians_work_screen(client_as, staff, activity):
    device = activity.devices.get().device
    page = (
        client_as(staff)
        .get(reverse("admin:activities_activity_change", args=[activity.pk]))
        .content.decode()
    )
    top = page[: page.index("Ny status")]  # before the technician's fields
    assert activity.requested_action in top and activity.service_location.name in top
    assert device.article.number in top and device.individual.number in top
    assert "Garanti" in top and "Visa på webbplats" not in page
    assert ">Tilldelad<" in page and ">assigned<" not in page and "draft →" not in page
