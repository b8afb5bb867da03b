import pytest

from activities.tests import factories


@pytest.fixture
def tolvan(db):
    return factories.recipient()


@pytest.fixture
def child(db):
    return factories.recipient(factories.CHILD, first_name="Elsa", last_name="Nilsson")


@pytest.fixture
def hearing_aid(tolvan, prescriber, lund):
    return factories.delivered_device(tolvan, location=lund, prescriber=prescriber)


@pytest.fixture
def child_device(child, prescriber, lund):
    return factories.delivered_device(child, location=lund, prescriber=prescriber)


@pytest.fixture
def activity(prescriber, tolvan, lund, hearing_aid):
    return factories.make_activity(
        by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Attachments land in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
