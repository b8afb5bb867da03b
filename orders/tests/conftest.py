import pytest

from recipients.tests.factories import RecipientFactory


@pytest.fixture
def tolvan(db):
    return RecipientFactory(
        personnummer="191212121212", first_name="Tolvan", last_name="Tolvansson"
    )


@pytest.fixture
def child(db):
    return RecipientFactory(personnummer="201201012380", first_name="Lilla", last_name="Barnsson")
