"""Bad input anywhere in the wizard or the report back: a Swedish message and a 4xx, never a
500."""

import pytest
from django.urls import reverse

from activities.tests import factories

pytestmark = pytest.mark.django_db

GARBAGE = ["", "abc", "-1", "99999999999999999999", "\x00", "<script>", "1' OR '1'='1"]


def refused(response, value, *statuses):
    """A NUL byte is a 400 before any view (QUA: reject_nul_bytes_middleware); other garbage
    gets the form's or the service's answer."""
    return response.status_code in ((400,) if "\x00" in value else statuses)


@pytest.mark.parametrize("value", GARBAGE)
def test_start_rejects_garbage(client_as, prescriber, tolvan, value):
    response = client_as(prescriber).post(
        reverse("activities:activity_start", args=[tolvan.pk]),
        {"activity_type": value, "service_location": value, "prescriber": value},
    )
    assert refused(response, value, 422)


@pytest.mark.parametrize("value", GARBAGE)
def test_devices_rejects_garbage(client_as, prescriber, tolvan, lund, hearing_aid, value):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    response = client_as(prescriber).post(
        reverse("activities:activity_devices", args=[key]),
        {"service_product": value, "devices": [value]},
    )
    assert refused(response, value, 422)


@pytest.mark.parametrize("value", ["\x00", " ", "x" * 5001])
def test_action_rejects_garbage(client_as, prescriber, tolvan, lund, value):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    response = client_as(prescriber).post(
        reverse("activities:activity_action", args=[key]), {"requested_action": value}
    )
    assert refused(response, value, 422)


@pytest.mark.parametrize("value", GARBAGE)
def test_address_rejects_garbage_choice(client_as, prescriber, tolvan, lund, value):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    response = client_as(prescriber).post(
        reverse("activities:activity_address", args=[key]),
        {"choice": value, "address": "", "contact": ""},
    )
    assert refused(response, value, 409, 422)


def test_skicka_with_steps_skipped_is_409(client_as, prescriber, tolvan, lund):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    response = client_as(prescriber).post(
        reverse("activities:activity_address", args=[key]),
        {"choice": "annan", "address": "Storgatan 1", "contact": ""},
    )
    assert response.status_code == 409 and "Välj" in response.content.decode()


@pytest.mark.parametrize("seen", ["", "kaffe", "draft", "closed"])
def test_report_back_rejects_garbage_status(client_as, prescriber, activity, seen):
    response = client_as(prescriber).post(
        reverse("activities:activity_report_back", args=[activity.number]),
        {"performed_action": "x", "close": "on", "seen": seen},
    )
    assert response.status_code in (409, 422)


@pytest.mark.parametrize("number", ["abc", "1" * 9, "00000000"])
def test_unknown_activity_numbers_are_404(client_as, prescriber, number):
    assert client_as(prescriber).get(f"/aktivitet/{number}/").status_code == 404
