"""recipients.services: the recipient's own details (REC-2, REC-4)."""

import pytest

from recipients import services
from recipients.exceptions import RecipientError, RecipientInactive
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog


def test_rec_2_update_phone_saves_and_logs(prescriber, tolvan, lund):
    services.update_phone(
        by=prescriber, recipient=tolvan, phone="046-11 22 33", service_location=lund
    )
    tolvan.refresh_from_db()
    assert tolvan.phone == "046-11 22 33"
    row = AccessLog.objects.get()
    assert (row.action, row.user, row.service_location) == ("phone_changed", prescriber, lund)


def test_rec_4_payment_commitment_only_for_out_of_region(prescriber, tolvan, lund):
    with pytest.raises(RecipientError):
        services.update_payment_commitment(
            by=prescriber, recipient=tolvan, reference="X-1", service_location=lund
        )
    assert not AccessLog.objects.exists()


def test_rec_4_payment_commitment_saved(prescriber, lund):
    halland = RecipientFactory(home_region="Region Halland")
    services.update_payment_commitment(
        by=prescriber, recipient=halland, reference="RH-1", service_location=lund
    )
    halland.refresh_from_db()
    assert halland.payment_commitment == "RH-1"


def test_rec_3_inactive_recipient_is_refused_with_the_message(tolvan):
    services.ensure_active(tolvan)
    inactive = RecipientFactory(is_active=False)
    with pytest.raises(RecipientInactive, match="^Mottagaren är inte aktiv – kontakta Hjälpmedel$"):
        services.ensure_active(inactive)
