"""The demo region's billing (issue 10): planned, paused and invoiced charges, idempotent."""

import datetime
import io

import pytest
from django.core.management import call_command

from billing.models import Invoice, PatientCharge


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_tolvans_charger_of_2026_10_15_is_due_2027_01_04(demo_region):
    charge = PatientCharge.objects.get(
        kind="charger", debtor_code="191212121212", occurred_on=datetime.date(2026, 10, 15)
    )
    assert (charge.status, charge.due_date) == ("planned", datetime.date(2027, 1, 4))


def test_demo_shows_paused_invoiced_and_home_region_charges(demo_region):
    assert PatientCharge.objects.get(status="paused").paused_until == datetime.date(2027, 1, 15)
    assert PatientCharge.objects.get(status="invoiced").kind == "charger_kit"
    home = PatientCharge.objects.get(kind="home_region")
    assert (home.status, home.debtor_kind) == ("planned", "region")


def test_demo_billing_is_idempotent(demo_region):
    before = list(PatientCharge.objects.order_by("pk").values_list("status", "due_date"))
    call_command("seed_demo", stdout=io.StringIO())
    assert list(PatientCharge.objects.order_by("pk").values_list("status", "due_date")) == before
    assert Invoice.objects.count() == 1
