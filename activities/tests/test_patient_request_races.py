"""BEY-15 under concurrency: real transactions on PostgreSQL."""

import uuid

import pytest

from activities.exceptions import PatientRequestRefused
from activities.models import Activity, PatientRequest
from activities.services import patient_requests as services
from activities.tests.factories import delivered_device
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(device, key, kind=PatientRequest.Kind.REPAIR):
    return lambda: services.submit_patient_request(
        recipient=device.recipient, device=device, kind=kind, description="Tyst.", key=key
    )


def test_bey_15_double_submit_at_once_makes_one_request(tolvan, lund):
    device = delivered_device(tolvan, location=lund)
    key = uuid.uuid4()
    results = race(_submit(device, key), _submit(device, key))
    assert all(isinstance(r, PatientRequest) for r in results), results
    assert results[0].pk == results[1].pk and PatientRequest.objects.count() == 1


def test_bey_15_rate_limit_holds_for_parallel_submits(tolvan, lund, settings):
    settings.SESAM_PATIENT_REQUESTS_PER_DAY = 1
    devices = [delivered_device(tolvan, location=lund) for _ in range(2)]
    results = race(*[_submit(d, uuid.uuid4()) for d in devices])
    assert sum(isinstance(r, PatientRequestRefused) for r in results) == 1, results
    assert PatientRequest.objects.count() == 1


def test_bey_15_two_staff_converting_at_once_make_one_activity(tolvan, lund, prescriber, colleague):
    device = delivered_device(tolvan, location=lund, prescriber=prescriber)
    request = _submit(device, uuid.uuid4())()
    results = race(
        lambda: services.convert_to_activity(by=prescriber, patient_request=request),
        lambda: services.convert_to_pickup_order(by=colleague, patient_request=request),
    )
    assert sum(isinstance(r, PatientRequestRefused) for r in results) == 1, results
    request.refresh_from_db()
    assert request.status != PatientRequest.Status.NEW
    assert Activity.objects.count() == (request.status == PatientRequest.Status.ACTIVITY)
