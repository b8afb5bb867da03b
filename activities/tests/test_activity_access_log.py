"""ACC-8: every page and PDF of a recipient's activity writes one access-log row."""

import pytest
from django.urls import reverse

from activities.tests import factories
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db


def _rows(recipient):
    return AccessLog.objects.filter(recipient_id=recipient.pk).count()


@pytest.mark.parametrize("name", ["detail", "sent", "pdf_form", "pdf", "report_back"])
def test_acc_8_activity_pages_and_pdf_write_one_row(client_as, prescriber, activity, name):
    before = _rows(activity.recipient)
    response = client_as(prescriber).get(
        reverse(f"activities:activity_{name}", args=[activity.number])
    )
    assert response.status_code == 200
    assert _rows(activity.recipient) == before + 1


@pytest.mark.parametrize("name", ["devices", "action", "address"])
def test_acc_8_wizard_steps_write_one_row(client_as, prescriber, tolvan, lund, hearing_aid, name):
    draft = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    before = _rows(tolvan)
    response = client_as(prescriber).get(
        reverse(f"activities:activity_{name}", args=[draft.idempotency_key])
    )
    assert response.status_code == 200
    assert _rows(tolvan) == before + 1


def test_acc_8_search_logs_each_recipient_listed(client_as, prescriber, activity):
    client_as(prescriber).get(reverse("activities:activity_search"))
    assert (
        AccessLog.objects.filter(
            action="activity_search", recipient_id=activity.recipient_id
        ).count()
        == 1
    )


@pytest.mark.parametrize("name", ["pdf_form", "report_back"])
def test_act_7_dialogs_under_htmx_return_the_dialog(client_as, prescriber, activity, name):
    response = client_as(prescriber).get(
        reverse(f"activities:activity_{name}", args=[activity.number]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith("<dialog") and "<html" not in body
