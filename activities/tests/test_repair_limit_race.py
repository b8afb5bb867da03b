"""BEY-4 under concurrency: at most two repair activities per individual within 24 hours
also when two are sent at once — the individual's row is locked, so the second waits, sees
the first and is refused (threads with their own connections on PostgreSQL)."""

import pytest

from activities import services
from activities.exceptions import ActivityRefused
from activities.models import Activity
from activities.tests import factories
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def _ready_to_send(by, recipient, location, device):
    """A repair activity's draft with every step done but Skicka."""
    draft = factories.draft(by=by, recipient=recipient, location=location)
    key = draft.idempotency_key
    product = services.service_products(draft.type, recipient)[0].value
    services.set_activity_devices(by=by, key=key, service_product=product, device_ids=[device.pk])
    services.set_requested_action(by=by, key=key, text="Hörapparaten tystnar.")
    services.set_activity_address(
        by=by, key=key, address="\n".join(location.address_lines), contact="Anna, 046-123"
    )
    return key


def test_bey_4_two_repairs_sent_at_once_beside_a_first_one_make_two_in_24_hours(
    prescriber, colleague, tolvan, lund, hearing_aid
):
    factories.make_activity(by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid])
    keys = {
        user: _ready_to_send(user, tolvan, lund, hearing_aid) for user in (prescriber, colleague)
    }
    results = race(
        *(lambda user=user: services.create_activity(by=user, key=keys[user]) for user in keys)
    )
    sent = [r for r in results if isinstance(r, Activity)]
    refused = [r for r in results if isinstance(r, ActivityRefused)]
    assert len(sent) == 1 and len(refused) == 1, results
    assert "redan 2 reparationsaktiviteter" in str(refused[0])
    assert Activity.objects.exclude(status=Activity.Status.DRAFT).count() == 2
