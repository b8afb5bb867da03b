import datetime

import pytest
from django.contrib.auth.models import Permission

from recipients.tests.factories import DeviceFactory, RecipientFactory
from sesam.services import log_access

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture
def reviewer(db):
    from sesam.tests.factories import UserFactory

    user = UserFactory(username="granskare", full_name="Greta Granskare", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="review_accesslog"))
    return user


@pytest.fixture
def tolvan(db):
    return RecipientFactory(personnummer="191212121212")


@pytest.fixture
def stranger(db):
    return RecipientFactory(personnummer="194101012393")


@pytest.fixture
def accesses(prescriber, lund, tolvan, stranger):
    """Two reads of Tolvan (who has a device from Lund) and one of a recipient with nothing at
    the prescriber's locations."""
    DeviceFactory(recipient=tolvan, service_location=lund, prescriber=prescriber)
    return [
        log_access(by=prescriber, service_location=lund, recipient=tolvan, action="view"),
        log_access(by=prescriber, service_location=lund, recipient=tolvan, action="loan_pdf"),
        log_access(by=prescriber, service_location=lund, recipient=stranger, action="lookup"),
    ]
