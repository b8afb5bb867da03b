"""BEY-5: a double submit racing itself makes one recall and blocks each individual once."""

import pytest

from safety import services
from safety.models import Recall
from safety.tests.factories import serial_world
from sesam.tests.concurrency import race

KEY = "1d8b3a52-7d1f-4c39-b6a1-2b7f65a0c4d2"


@pytest.mark.django_db(transaction=True)
def test_bey_5_two_racing_submits_make_one_recall(staff, lund, prescriber):
    world = serial_world(lund, prescriber)

    def submit():
        return services.create_recall(
            by=staff, article=world["article"], serials="NL100-NL199", reason="x", key=KEY
        )

    first, second = race(submit, submit)
    assert first == second and Recall.objects.count() == 1
