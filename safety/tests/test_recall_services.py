"""BEY-5: the units are messaged once with their patients; closing is recorded."""

import pytest

from safety import services
from safety.exceptions import SafetyRefused
from safety.models import RecallEvent
from safety.tests.factories import make_recall, serial_world
from sesam.models import AccessLog, Message

pytestmark = pytest.mark.django_db


def test_bey_5_each_unit_gets_one_message_listing_its_patients(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    assert services.notify_units(by=staff, recall=recall) == 1
    message = Message.objects.get(user=prescriber)
    assert world["tolvan"].personnummer_display in message.body
    assert "NL101" in message.body


def test_bey_5_notifying_twice_sends_nothing_new(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    services.notify_units(by=staff, recall=recall)
    assert services.notify_units(by=staff, recall=recall) == 0
    assert Message.objects.filter(user=prescriber).count() == 1


def test_bey_5_the_notice_writes_the_access_log(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    services.notify_units(by=staff, recall=make_recall(staff, world))
    assert AccessLog.objects.filter(action="recall_notice", recipient_id=world["tolvan"].pk)


def test_bey_5_closing_is_recorded_and_happens_once(staff, lund, prescriber):
    recall = make_recall(staff, serial_world(lund, prescriber))
    services.close_recall(by=staff, recall=recall, note="Klart")
    event = RecallEvent.objects.filter(recall=recall).last()
    assert (event.from_status, event.to_status, event.note) == ("open", "closed", "Klart")
    with pytest.raises(SafetyRefused):
        services.close_recall(by=staff, recall=recall)
