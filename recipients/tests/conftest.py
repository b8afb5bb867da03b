import pytest

from recipients.tests.factories import DeviceFactory, RecipientFactory


@pytest.fixture
def tolvan(db):
    return RecipientFactory(
        personnummer="191212121212",
        first_name="Tolvan",
        last_name="Tolvansson",
        street="Klostergatan 12",
        postal_code="222 22",
        city="Lund",
        phone="070-174 06 12",
    )


@pytest.fixture
def protected(db):
    """Protected identity; the register gave an address anyway, which must never show."""
    return RecipientFactory(
        personnummer="198203012383",
        first_name="Maria",
        last_name="Lindqvist",
        street="Hemliga vägen 77",
        postal_code="252 21",
        city="Helsingborg",
        protected_identity=True,
    )


@pytest.fixture
def delivered(tolvan, prescriber, lund):
    """A delivered device of Tolvan's, prescribed by audionom at Lund."""
    return DeviceFactory(
        recipient=tolvan, prescriber=prescriber, service_location=lund, order_number="26100001"
    )


@pytest.fixture
def access_rows(db):
    """access_rows() → the access-log rows written so far, oldest first."""
    from sesam.models import AccessLog

    return lambda: list(AccessLog.objects.order_by("pk"))
