"""BEY-9: deviation reports — numbered, incidents flagged for Läkemedelsverket with age and sex,
status moves recorded along the allowed ones."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inventory.tests.factories import IndividualFactory
from safety import services
from safety.exceptions import SafetyRefused
from safety.models import Deviation, DeviationEvent
from safety.tests.factories import device_of, make_deviation
from sesam.exceptions import SesamError
from sesam.models import Message

pytestmark = pytest.mark.django_db


def test_bey_9_a_report_gets_its_own_number_and_first_event(prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    assert deviation.number.startswith("AV") and deviation.status == "registered"
    assert deviation.events.get().to_status == "registered"
    assert deviation.serial_number == "NL555"


def test_bey_9_an_incident_needs_date_and_consequence(prescriber, lund):
    with pytest.raises(SafetyRefused, match="händelsedatum"):
        make_deviation(prescriber, lund, device_of(lund, prescriber), kind="incident")


def test_bey_9_an_incident_is_flagged_with_age_and_sex(prescriber, lund):
    device = device_of(lund, prescriber)
    deviation = make_deviation(
        prescriber, lund, device, kind="incident",
        event_date=datetime.date(2026, 11, 2), consequence="Yrsel",
    )  # fmt: skip
    assert deviation.report_to_mpa
    assert deviation.patient_age == device.recipient.age_on(datetime.date(2026, 11, 2))
    assert deviation.patient_sex in ("female", "male")


def test_bey_9_a_report_from_an_individual_in_stock(prescriber, lund):
    individual = IndividualFactory(serial_number="ab1")
    deviation = make_deviation(prescriber, lund, individual, source="individual")
    assert deviation.article == individual.article and deviation.recipient is None


def test_bey_9_only_for_the_users_own_location(other_location_user, lund, prescriber):
    with pytest.raises(SafetyRefused):
        make_deviation(other_location_user, lund, device_of(lund, prescriber))


def test_bey_9_status_moves_are_recorded_and_the_reporter_told(staff, prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    services.move_deviation(by=staff, deviation=deviation, to="investigating", note="Skickad")
    event = DeviationEvent.objects.filter(deviation=deviation).last()
    assert (event.from_status, event.to_status, event.by, event.note) == (
        "registered", "investigating", staff, "Skickad",
    )  # fmt: skip
    assert Message.objects.filter(user=prescriber, subject__contains=deviation.number)


def test_bey_9_a_move_outside_the_mapping_is_refused(staff, prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    with pytest.raises(SafetyRefused):
        services.move_deviation(by=staff, deviation=deviation, to="resolved")
    assert Deviation.objects.get(pk=deviation.pk).status == "registered"


def test_bey_9_attachments_get_the_activity_checks(prescriber, lund):
    fake = SimpleUploadedFile("bild.png", b"not a png", "image/png")
    with pytest.raises(SesamError, match="giltig png"):
        make_deviation(prescriber, lund, device_of(lund, prescriber), upload=fake)
    assert not Deviation.objects.exists()


def test_bey_9_double_submit_makes_one_report(prescriber, lund):
    device = device_of(lund, prescriber)
    key = "3f1d5c9e-2b8a-4e7f-9c1d-0a2b3c4d5e6f"
    first = make_deviation(prescriber, lund, device, key=key)
    assert make_deviation(prescriber, lund, device, key=key) == first
