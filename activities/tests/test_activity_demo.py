"""demo-data.md: Lund's activities of every type and status, made through the services."""

import io

import pytest
from django.core.management import call_command

from activities.models import Activity, ActivityComment
from recipients.demo import KEY_RECIPIENTS


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_has_every_type_and_status_for_lund(demo_region):
    sent = Activity.objects.exclude(status="draft").filter(service_location__code="4101")
    assert set(sent.values_list("type", flat=True)) == set(Activity.Type.values)
    assert set(sent.values_list("status", flat=True)) == set(Activity.Status.values) - {"draft"}
    tolvan = sent.get(recipient__personnummer=KEY_RECIPIENTS["adult"], type="warranty_repair")
    assert tolvan.devices.get().article_name.startswith("Hörapparat")
    assert tolvan.devices.get().individual_number
    child = sent.filter(recipient__personnummer=KEY_RECIPIENTS["child"])
    assert child.filter(type="installed_repair_child").exists()
    assert ActivityComment.objects.filter(activity=tolvan).exists()
    assert tolvan.events.count() == 3  # Tilldelad, Planerad, Påbörjad: through the services


def test_demo_activities_are_idempotent(demo_region):
    before = Activity.objects.count(), ActivityComment.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert (Activity.objects.count(), ActivityComment.objects.count()) == before
