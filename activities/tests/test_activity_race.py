import pytest

from activities import services
from activities.exceptions import ActivityConflict
from activities.models import Activity, ActivityEvent
from activities.tests import factories
from sesam.tests.concurrency import race


@pytest.mark.django_db(transaction=True)
def test_act_8_two_technicians_closing_at_once_one_wins(
    prescriber, tolvan, lund, hearing_aid, staff
):
    activity = factories.make_activity(
        by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
    )

    def close():
        return services.move_activity(
            by=staff, activity=Activity.objects.get(pk=activity.pk), to=Activity.Status.CLOSED
        )

    results = race(close, close)
    assert sum(isinstance(r, Activity) for r in results) == 1
    loser = next(r for r in results if not isinstance(r, Activity))
    assert isinstance(loser, ActivityConflict) and "redan" in str(loser)
    assert ActivityEvent.objects.filter(activity=activity, to_status="closed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_act_6_double_skicka_at_once_creates_one(prescriber, tolvan, lund, hearing_aid):
    draft = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    key = draft.idempotency_key
    services.set_activity_devices(
        by=prescriber, key=key, service_product="warranty_region", device_ids=[hearing_aid.pk]
    )
    services.set_requested_action(by=prescriber, key=key, text="Brus")
    services.set_activity_address(by=prescriber, key=key, address="Enheten", contact="")

    def send():
        return services.create_activity(by=prescriber, key=key)

    first, second = race(send, send)
    assert first.number == second.number
    assert Activity.objects.exclude(status="draft").count() == 1
