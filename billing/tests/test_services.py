import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction

from billing import services
from billing.exceptions import BillingError
from billing.models import PatientCharge
from billing.tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date
RECEIVED = D(2026, 10, 15)  # due 2027-01-04


def _charger(number="L-1"):
    return factories.charge(RECEIVED, fee_kind="charger", numbers=[number], fee=Decimal(500))


def test_bil_4_pause_two_weeks_before_the_invoice_date_has_no_warning():
    charge = _charger()
    result = services.pause_charge(
        by=None,
        individual_number="L-1",
        until=D(2027, 3, 6),
        reason="Utprovning",
        today=D(2026, 12, 21),
    )
    charge.refresh_from_db()
    assert result.warning == ""
    assert (charge.status, charge.due_date, charge.pause_reason) == (
        "paused",
        D(2027, 3, 8),
        "Utprovning",
    )


def test_bil_4_pause_later_than_two_weeks_before_is_accepted_with_a_warning():
    charge = _charger()
    result = services.pause_charge(
        by=None,
        individual_number="L-1",
        until=D(2027, 2, 1),
        reason="Utprovning",
        today=D(2026, 12, 22),
    )
    charge.refresh_from_db()
    assert "senare än två veckor före fakturadatum 2027-01-04" in result.warning
    assert charge.status == "paused"
    assert list(charge.events.values_list("from_status", "to_status")) == [
        ("", "planned"),
        ("planned", "paused"),
    ]


def test_bil_4_an_invoiced_charger_cannot_be_paused():
    _charger()
    services.bill_due_charges(day=D(2027, 1, 4))
    with pytest.raises(BillingError, match="redan fakturerad"):
        services.pause_charge(by=None, individual_number="L-1", until=D(2027, 3, 1), reason="x")


def test_bil_4_unknown_individual_number_is_refused():
    with pytest.raises(BillingError, match="L-404"):
        services.pause_charge(by=None, individual_number="L-404", until=D(2027, 3, 1), reason="x")


def test_bil_4_pause_needs_a_reason_and_a_future_date():
    _charger()
    with pytest.raises(BillingError, match="orsak"):
        services.pause_charge(by=None, individual_number="L-1", until=D(2027, 3, 1), reason=" ")
    with pytest.raises(BillingError, match="efter i dag"):
        services.pause_charge(
            by=None, individual_number="L-1", until=D(2026, 12, 1), reason="x", today=D(2026, 12, 1)
        )


def test_return_before_invoicing_cancels_the_planned_charge():
    charge = _charger()
    device = SimpleNamespace(order_line_id=charge.order_line_id)
    assert services.cancel_charges_for_devices(by=None, devices=[device]) == 1
    charge.refresh_from_db()
    assert charge.status == "cancelled"


def test_return_after_invoicing_changes_nothing():
    charge = _charger()
    services.bill_due_charges(day=D(2027, 1, 4))
    device = SimpleNamespace(order_line_id=charge.order_line_id)
    assert services.cancel_charges_for_devices(by=None, devices=[device]) == 0
    charge.refresh_from_db()
    assert charge.status == "invoiced"


def _guest_charge():
    guest = factories.recipient(home_region="Region Halland")
    made = services.record_delivery_charges(
        by=None, order=factories.order(guest), line=factories.line("none", fee=0), day=D(2026, 5, 4)
    )
    return guest, made


def test_bil_5_without_utprovning_avslutad_the_home_region_is_invoiced():
    guest, (charge,) = _guest_charge()
    assert services.bill_due_charges(day=D(2026, 11, 3)).charges == 0
    services.bill_due_charges(day=D(2026, 11, 4))
    charge.refresh_from_db()
    assert (charge.status, charge.invoice_line.invoice.debtor_code) == (
        "invoiced",
        "Region Halland",
    )


def test_bil_5_with_utprovning_avslutad_the_home_region_is_not_invoiced():
    guest, (charge,) = _guest_charge()
    assert services.complete_fitting(by=None, recipient_id=guest.pk) == 1
    assert services.bill_due_charges(day=D(2026, 11, 4)).charges == 0
    charge.refresh_from_db()
    assert charge.status == "cancelled"


def test_bil_5_patient_fee_stays_when_fitting_is_completed():
    guest = factories.recipient(home_region="Region Halland")
    made = services.record_delivery_charges(
        by=None, order=factories.order(guest), line=factories.line("standard"), day=D(2026, 5, 4)
    )
    assert sorted(c.kind for c in made) == ["fee", "home_region"]
    services.complete_fitting(by=None, recipient_id=guest.pk)
    assert PatientCharge.objects.get(kind="fee").status == "planned"


def _missing():
    individual = SimpleNamespace(
        pk=77, number="I-77", article=SimpleNamespace(number="A1", name="Hörapparat")
    )
    clinic = SimpleNamespace(pk=5, code="YST", name="Audionomkliniken Ystad")
    return individual, clinic


def test_missing_individual_at_stocktake_is_charged_to_the_clinic_once():
    individual, clinic = _missing()
    first = services.record_missing_individual_charge(
        by=None, individual=individual, service_location=clinic, amount=Decimal("4500")
    )
    again = services.record_missing_individual_charge(
        by=None, individual=individual, service_location=clinic, amount=Decimal("4500")
    )
    assert first.pk == again.pk
    assert (first.debtor_kind, first.debtor_code, first.recipient_id) == ("clinic", "YST", None)


def test_database_refuses_a_negative_amount_and_a_second_charge_per_line_and_kind():
    charge = _charger()
    with pytest.raises(IntegrityError), transaction.atomic():
        PatientCharge.objects.filter(pk=charge.pk).update(amount=-1)
    twin = PatientCharge(
        **{f.attname: getattr(charge, f.attname) for f in PatientCharge._meta.concrete_fields}
    )
    twin.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_charge_moves_only_as_transitions_allow():
    charge = _charger()
    services.cancel_charges_for_devices(by=None, devices=[charge])
    charge.refresh_from_db()
    with pytest.raises(BillingError):
        services._move(charge, "planned", None)
