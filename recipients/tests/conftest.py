import pytest

from inventory.models import Article
from inventory.tests.factories import ArticleFactory
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory


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


# --- Returns (RET-1…RET-5) ------------------------------------------------------------------


@pytest.fixture
def hearing_aid(tolvan, prescriber, lund):
    """Tolvan's delivered, individual-marked hearing aid."""
    individual = IndividualFactory(number="7000001", article__name="Hörapparat Vita 3 BTE")
    return DeviceFactory(
        recipient=tolvan,
        article=individual.article,
        individual=individual,
        prescriber=prescriber,
        service_location=lund,
    )


@pytest.fixture
def domes(tolvan, prescriber, lund):
    """Tolvan's delivered spare parts (3 packs, non-individual)."""
    article = ArticleFactory(
        name="Dome öppen 8 mm, 10-pack", type=Article.Type.SPARE_PART, unit="fp", price=95
    )
    return DeviceFactory(
        recipient=tolvan, article=article, quantity=3, prescriber=prescriber, service_location=lund
    )


@pytest.fixture
def cheap_main(tolvan, prescriber, lund):
    """A non-individual main device under 1 000 kr (RET-4: may be scrapped)."""
    article = ArticleFactory(name="Väckarklocka med vibrator", type=Article.Type.MAIN, price=690)
    return DeviceFactory(
        recipient=tolvan, article=article, prescriber=prescriber, service_location=lund
    )


@pytest.fixture
def service_purchase(tolvan, prescriber, lund):
    article = ArticleFactory(
        name="Reparation utanför garanti", type=Article.Type.SERVICE, price=1450
    )
    return DeviceFactory(
        recipient=tolvan, article=article, prescriber=prescriber, service_location=lund
    )
