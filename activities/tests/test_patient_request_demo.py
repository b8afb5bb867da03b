"""demo-data.md + BEY-15: one open request from Tolvan reaches Lund; a second seed adds none."""

import io

import pytest
from django.core.management import call_command

from activities.models import PatientRequest
from recipients.demo import KEY_RECIPIENTS


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_bey_15_demo_has_tolvans_open_request_for_lund_once(demo_region):
    (request,) = PatientRequest.objects.all()
    assert request.recipient.personnummer == KEY_RECIPIENTS["adult"]
    assert request.service_location.code == "4101" and request.status == "new"
    assert request.device.individual_id and not request.device.warranty.expired
    call_command("seed_demo", stdout=io.StringIO())
    assert PatientRequest.objects.count() == 1
