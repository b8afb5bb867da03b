"""BEY-2 under concurrency: two nightly runs started at once remind the prescriber of a trial
once (the unique TrialReminder per device, kind and day is the compare-and-set)."""

import datetime

import pytest
from django.utils import timezone

from recipients.models import Device, TrialReminder
from recipients.tests.factories import DeviceFactory
from recipients.trials import remind_trials
from sesam.models import Message
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_bey_2_two_nightly_runs_at_once_remind_once(prescriber, lund):
    DeviceFactory(
        status=Device.Status.DELIVERED,
        prescriber=prescriber,
        service_location=lund,
        trial_until=timezone.localdate() + datetime.timedelta(days=3),
    )
    results = race(remind_trials, remind_trials)
    assert sorted(results) == [0, 1], results
    assert TrialReminder.objects.count() == 1
    assert Message.objects.filter(subject__contains="på prov till").count() == 1
