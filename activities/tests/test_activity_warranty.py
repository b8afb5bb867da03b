"""BEY-4 in the activity wizard: a Garantireparation of a device out of warranty asks for a
confirmation and is recorded as such; at most two repair activities per individual within
24 hours (NAV's rule)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.exceptions import ActivityRefused
from activities.models import Activity
from activities.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired(tolvan, prescriber, lund):
    """A hearing aid whose 12 months of warranty ran out long ago."""
    device = factories.delivered_device(tolvan, location=lund, prescriber=prescriber)
    device.individual.purchase_date = timezone.localdate() - datetime.timedelta(days=800)
    device.individual.save()
    device.article.warranty_months = 12
    device.article.save()
    return device


def _ange_artikel(prescriber, tolvan, lund, device, **kwargs):
    draft = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    return services.set_activity_devices(
        by=prescriber,
        key=draft.idempotency_key,
        service_product="warranty_region",
        device_ids=[device.pk],
        **kwargs,
    )


def test_bey_4_out_of_warranty_needs_a_confirmation(prescriber, tolvan, lund, expired):
    with pytest.raises(ActivityRefused, match="Garantin har gått ut"):
        _ange_artikel(prescriber, tolvan, lund, expired)


def test_bey_4_a_confirmed_repair_is_recorded_as_such(prescriber, tolvan, lund, expired):
    draft = _ange_artikel(prescriber, tolvan, lund, expired, confirm_out_of_warranty=True)
    assert Activity.objects.get(pk=draft.pk).warranty_confirmed


def test_bey_4_in_warranty_needs_no_confirmation(prescriber, tolvan, lund, hearing_aid):
    hearing_aid.article.warranty_months = 48
    hearing_aid.article.save()
    draft = _ange_artikel(prescriber, tolvan, lund, hearing_aid)
    assert not Activity.objects.get(pk=draft.pk).warranty_confirmed


def test_bey_4_a_third_repair_within_24_hours_is_refused(prescriber, tolvan, lund, hearing_aid):
    for _ in range(2):
        factories.make_activity(
            by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
        )
    with pytest.raises(ActivityRefused, match="redan 2 reparationsaktiviteter"):
        factories.make_activity(
            by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
        )


def test_bey_4_repairs_older_than_24_hours_do_not_count(
    prescriber, tolvan, lund, hearing_aid, time_machine
):
    time_machine.move_to(timezone.now() - datetime.timedelta(hours=25))
    for _ in range(2):
        factories.make_activity(
            by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
        )
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=25))
    factories.make_activity(by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid])
    assert Activity.objects.exclude(status="draft").count() == 3


def test_bey_4_the_wizard_shows_warranty_and_offers_the_confirmation(
    client_as, prescriber, tolvan, lund, expired
):
    draft = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    url = reverse("activities:activity_devices", args=[draft.idempotency_key])
    page = client_as(prescriber).get(url).text
    assert "Garantin har gått ut" in page and 'id="id_confirm_out_of_warranty"' in page
