"""The patient pages' fixtures: Tolvan as a recipient with a bit of everything, another
patient with the same kinds of things, a patient session made directly, and a stand-in
provider on loopback (sesam.tests.fake_idp) as the citizens' identity provider."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore

from activities.tests.factories import make_activity, pickup_order
from patients.middleware import COOKIE_NAME
from patients.signin import PATIENT_KEY
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory
from sesam.tests.fake_idp import FakeProvider

TOLVAN = "191212121212"
_order_numbers = itertools.count(26490001)
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


@pytest.fixture(scope="module")
def fake_idp():
    with FakeProvider() as provider:
        yield provider


@pytest.fixture
def citizen_idp(fake_idp, settings):
    settings.SESAM_PATIENT_OIDC_ISSUER = fake_idp.issuer
    settings.SESAM_PATIENT_OIDC_CLIENT_ID = "sesam-patient"
    settings.SESAM_PATIENT_OIDC_CLIENT_SECRET = "hemligt"
    fake_idp.token_requests.clear()
    return fake_idp


def patient_session(client, recipient):
    """The test client with a patient's own session (as patients.signin leaves it)."""
    session = SessionStore()
    session[PATIENT_KEY] = {"recipient": recipient.pk, "personnummer": recipient.personnummer}
    session.save()
    client.cookies[COOKIE_NAME] = session.session_key
    return client


@pytest.fixture
def as_patient(client):
    return lambda recipient: patient_session(client, recipient)


def _everything(recipient, by, location, *, name):
    """A delivered hearing aid (with individual), an activity on it, a pickup order of a
    second device, an order line on its way, and charges: one invoiced, one planned."""
    from billing.tests import factories as billing
    from orders.models import OrderLine

    individual = IndividualFactory(article__name=f"Hörapparat {name}", article__warranty_months=48)
    aid = DeviceFactory(
        recipient=recipient,
        article=individual.article,
        individual=individual,
        prescriber=by,
        service_location=location,
    )
    returned = DeviceFactory(
        recipient=recipient,
        article__name=f"Laddare {name}",
        prescriber=by,
        service_location=location,
    )
    activity = make_activity(by=by, recipient=recipient, location=location, devices=[aid])
    pickup = pickup_order(by, location, returned)
    coming = DeviceFactory(
        recipient=recipient, status="ordered", article__name=f"Fjärrkontroll {name}",
        prescriber=by, service_location=location,
    )  # fmt: skip
    line = _open_line(recipient, by, location, coming.article)
    assert line.status == OrderLine.Status.REGISTERED
    person = billing.recipient(recipient.personnummer, name=recipient.name)
    person.pk = recipient.pk
    invoiced = billing.charge(
        datetime.date(2026, 10, 1), fee_kind="charger_kit", rec=person, fee=Decimal("350")
    )
    planned = billing.charge(
        datetime.date(2030, 1, 1), fee_kind="charger", rec=person, fee=Decimal("500")
    )
    return {
        "aid": aid,
        "returned": returned,
        "activity": activity,
        "pickup": pickup,
        "line": line,
        "invoiced": invoiced,
        "planned": planned,
    }


def _open_line(recipient, by, location, article):
    from orders.models import Order, OrderLine

    warehouse = location_warehouse(location)
    order = Order.objects.create(
        kind=Order.Kind.PRESCRIPTION, status=Order.Status.REGISTERED, recipient=recipient,
        prescriber=by, orderer=by, service_location=location,
        number=str(next(_order_numbers)), sent_at=datetime.datetime.now(datetime.UTC),
    )  # fmt: skip
    return OrderLine.objects.create(
        order=order, position=1, article=article, article_number=article.number,
        article_name=article.name, quantity=1, source=OrderLine.Source.CENTRAL,
        warehouse=warehouse, status=OrderLine.Status.REGISTERED,
    )  # fmt: skip


def location_warehouse(location):
    from inventory.models import Warehouse

    return Warehouse.objects.filter(kind=Warehouse.Kind.CENTRAL).first()


@pytest.fixture
def tolvan(db):
    return RecipientFactory(personnummer=TOLVAN, first_name="Tolvan", last_name="Tolvansson")


@pytest.fixture
def other(db):
    return RecipientFactory(personnummer="194101012393", first_name="Gun", last_name="Annan")


@pytest.fixture
def region(prescriber, lund, tolvan, other, central_warehouse):
    """Tolvan's things and the other patient's, of every kind the pages show."""
    from billing.services import bill_due_charges

    made = {
        "tolvan": _everything(tolvan, prescriber, lund, name="Tolvans"),
        "other": _everything(other, prescriber, lund, name="Annans"),
    }
    bill_due_charges(day=datetime.date(2026, 10, 2))  # the kits are invoiced, not the chargers
    for things in made.values():
        for key in ("invoiced", "planned"):
            things[key].refresh_from_db()
    return made
