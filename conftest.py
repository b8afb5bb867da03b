"""Shared fixtures: a small region mirroring the demo region, and role fixtures mirroring the
demo users (style.md): prescriber (audionom), colleague (kollega), secretary (sekreterare),
private_prescriber (pam), other_location_user (annan), staff (admin)."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The start page's tiles are cached per location for a minute (BEY-10, HOME-D480): no
    test reads another's counts."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def horsel(db):
    from sesam.tests.factories import ProductAreaFactory

    return ProductAreaFactory(code="horsel", name="Hörsel")


def _clinic(code, name, city, *, private=False):
    from inventory.models import Warehouse
    from inventory.tests.factories import WarehouseFactory
    from sesam.tests.factories import ServiceLocationFactory

    location = ServiceLocationFactory(code=code, name=name, city=city, is_private=private)
    if not private:
        WarehouseFactory(
            number=code,
            name=f"Eget förråd {city}",
            kind=Warehouse.Kind.LOCAL,
            service_location=location,
        )
    return location


@pytest.fixture
def central_warehouse(db):
    from inventory.models import Warehouse
    from inventory.tests.factories import WarehouseFactory

    return WarehouseFactory(
        number="70", name="Centrallager Hjälpmedel – Hörsel", kind=Warehouse.Kind.CENTRAL
    )


@pytest.fixture
def purchasing_warehouse(db):
    from inventory.models import Warehouse
    from inventory.tests.factories import WarehouseFactory

    return WarehouseFactory(number="750", name="Inköpslager Hörsel", kind=Warehouse.Kind.PURCHASING)


@pytest.fixture
def lund(horsel, central_warehouse, purchasing_warehouse):
    return _clinic("4101", "Hörselmottagningen Lund", "Lund")


@pytest.fixture
def malmo(horsel):
    return _clinic("4102", "Hörselmottagningen Malmö", "Malmö")


@pytest.fixture
def helsingborg(horsel):
    return _clinic("4103", "Hörselmottagningen Helsingborg", "Helsingborg")


@pytest.fixture
def ystad(horsel):
    return _clinic("5101", "Audionomkliniken Ystad", "Ystad", private=True)


@pytest.fixture
def prescriber(lund, malmo):
    from sesam.tests.factories import UserFactory

    return UserFactory(username="audionom", full_name="Anna Audionom", locations=[lund, malmo])


@pytest.fixture
def colleague(lund):
    from sesam.tests.factories import UserFactory

    return UserFactory(username="kollega", full_name="Karl Kollega", locations=[lund])


@pytest.fixture
def secretary(lund, prescriber, colleague):
    from sesam.tests.factories import UserFactory

    user = UserFactory(
        username="sekreterare",
        full_name="Sara Sekreterare",
        is_prescriber=False,
        prescriber_code="",
        locations=[lund],
    )
    user.linked_prescribers.add(prescriber, colleague)
    return user


@pytest.fixture
def private_prescriber(ystad):
    from sesam.tests.factories import UserFactory

    return UserFactory(username="pam", full_name="Per Privat", locations=[ystad])


@pytest.fixture
def other_location_user(helsingborg):
    from sesam.tests.factories import UserFactory

    return UserFactory(username="annan", full_name="Alva Annan", locations=[helsingborg])


@pytest.fixture
def staff(db):
    from sesam.models import User

    return User.objects.create_superuser(
        username="admin", password="demo", full_name="Hjälpmedel administratör"
    )


@pytest.fixture
def client_as(client):
    """client_as(user) → the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
