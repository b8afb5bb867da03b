"""BEY-15: patients' requests — sent to the delivering unit once, rate-limited, turned into an
activity or a pickup order, or declined with a reason (through the services)."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from activities.exceptions import PatientRequestRefused
from activities.models import Activity, PatientRequest, PickupOrder
from activities.selectors.patient_requests import open_requests, requests_for_recipient
from activities.services import patient_requests as services
from activities.tests.factories import delivered_device
from recipients.models import Device

pytestmark = pytest.mark.django_db
Kind, Status = PatientRequest.Kind, PatientRequest.Status


def submit(device, kind=Kind.REPAIR, text="Hörapparaten tystnar.", key=None):
    return services.submit_patient_request(
        recipient=device.recipient, device=device, kind=kind, description=text,
        key=key or uuid.uuid4(),
    )  # fmt: skip


def test_bey_15_request_reaches_the_unit_that_delivered_the_device(hearing_aid, lund, malmo):
    request = submit(hearing_aid)
    assert request.service_location == lund and request.status == Status.NEW
    assert list(open_requests([lund.pk])) == [request]
    assert not open_requests([malmo.pk]).exists()
    assert request.events.get().to_status == Status.NEW


def test_bey_15_double_submit_with_the_same_key_makes_one_request(hearing_aid):
    key = uuid.uuid4()
    first, second = submit(hearing_aid, key=key), submit(hearing_aid, key=str(key))
    assert first.pk == second.pk and PatientRequest.objects.count() == 1


def test_bey_15_a_second_open_request_for_the_same_device_is_refused(hearing_aid):
    submit(hearing_aid)
    with pytest.raises(PatientRequestRefused, match="redan anmält fel"):
        submit(hearing_aid)
    assert submit(hearing_aid, Kind.RETURN, "").kind == Kind.RETURN


def test_bey_15_rate_limit_a_handful_a_day(tolvan, lund, settings):
    settings.SESAM_PATIENT_REQUESTS_PER_DAY = 2
    devices = [delivered_device(tolvan, location=lund) for _ in range(3)]
    submit(devices[0]), submit(devices[1])
    with pytest.raises(PatientRequestRefused, match="redan skickat 2 förfrågningar i dag"):
        submit(devices[2])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert submit(devices[2]).status == Status.NEW


def test_bey_15_refuses_another_recipients_or_a_returned_device(hearing_aid, lund):
    other = delivered_device(location=lund)
    with pytest.raises(PatientRequestRefused, match="finns inte bland dina"):
        services.submit_patient_request(
            recipient=hearing_aid.recipient, device=other, kind=Kind.REPAIR,
            description="x", key=uuid.uuid4(),
        )  # fmt: skip
    Device.objects.filter(pk=hearing_aid.pk).update(
        status=Device.Status.RETURNED, returned_on=timezone.localdate()
    )
    hearing_aid.refresh_from_db()
    with pytest.raises(PatientRequestRefused, match="inte längre utlämnat"):
        submit(hearing_aid)


def test_bey_15_a_fault_report_needs_a_description(hearing_aid):
    with pytest.raises(PatientRequestRefused, match="Beskriv felet"):
        submit(hearing_aid, text="  ")


def test_bey_15_convert_to_activity_with_description_and_individual(hearing_aid, prescriber, lund):
    request = submit(hearing_aid)
    activity = services.convert_to_activity(by=prescriber, patient_request=request)
    assert activity.status == Activity.Status.ASSIGNED and activity.number
    assert "Hörapparaten tystnar." in activity.requested_action
    row = activity.devices.get()
    assert row.individual_number == hearing_aid.individual.number
    request.refresh_from_db()
    assert request.status == Status.ACTIVITY and request.activity == activity
    assert request.handled_by == prescriber and request.result_number == activity.number


def test_bey_15_convert_to_pickup_order(hearing_aid, prescriber):
    request = submit(hearing_aid, Kind.RETURN, "Jag använder den inte längre.")
    pickup = services.convert_to_pickup_order(by=prescriber, patient_request=request)
    assert pickup.status == PickupOrder.Status.REGISTERED
    assert list(pickup.lines.values_list("device", flat=True)) == [hearing_aid.pk]
    assert "använder den inte" in pickup.comment
    request.refresh_from_db()
    assert request.status == Status.PICKUP and request.pickup_order == pickup


def test_bey_15_decline_needs_a_reason_the_patient_sees(hearing_aid, prescriber):
    request = submit(hearing_aid)
    with pytest.raises(PatientRequestRefused, match="Skriv varför"):
        services.decline_patient_request(by=prescriber, patient_request=request, reason=" ")
    services.decline_patient_request(
        by=prescriber, patient_request=request, reason="Kom in på mottagningen."
    )
    (seen,) = requests_for_recipient(hearing_aid.recipient)
    assert seen.status == Status.DECLINED and seen.decline_reason == "Kom in på mottagningen."


def test_bey_15_a_handled_request_is_handled_once(hearing_aid, prescriber):
    request = submit(hearing_aid)
    services.decline_patient_request(by=prescriber, patient_request=request, reason="Nej.")
    with pytest.raises(PatientRequestRefused, match="redan hanterad"):
        services.convert_to_activity(by=prescriber, patient_request=request)
    assert not Activity.objects.exists()
