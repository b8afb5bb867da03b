"""BEY-2 Leverans på prov: a device handed out on trial owes nothing until the trial becomes a
prescription (then fees and charges start that day); the nightly job reminds the prescriber a
week before and on the day, once however often it runs; overdue trials reach Att göra."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from billing.models import PatientCharge
from inventory.models import Article, Individual
from orders import services
from orders.exceptions import OrderRefused
from orders.tests.factories import stocked_article
from recipients.models import Device
from sesam.models import Message

FEE = {"fee_kind": Article.FeeKind.STANDARD, "fee_amount": 300, "is_individual": True}
DAY = datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC)


def _trial(prescriber, tolvan, lund, central_warehouse, staff, days=10):
    aid = stocked_article(central_warehouse, 1, **FEE)
    Individual.objects.create(
        number="P-1", article=aid, status="in_stock", warehouse=central_warehouse
    )
    draft = services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    services.add_line(by=prescriber, article=aid, quantity=1, source="central")
    until = timezone.localdate() + datetime.timedelta(days=days)
    services.set_delivery(
        by=prescriber, method="to_unit", address="Enheten", contact="", consolidated=False,
        trial_until=until,
    )  # fmt: skip
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    services.deliver_from_central(by=staff, order=order)
    return Device.objects.get(order_number=order.number)


def test_bey_2_a_trial_owes_nothing_and_shows_its_end(
    prescriber, tolvan, lund, central_warehouse, staff
):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff)
    assert device.trial_until and device.status == Device.Status.DELIVERED
    assert not PatientCharge.objects.exists()


def test_bey_2_trial_to_prescription_starts_charges_that_day(
    prescriber, tolvan, lund, central_warehouse, staff
):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff)
    with time_machine.travel(DAY, tick=False):
        services.convert_trial(by=prescriber, order_line_id=device.order_line_id)
    charge = PatientCharge.objects.get()
    assert charge.due_date == DAY.date() and charge.individual_number == "P-1"
    device.refresh_from_db()
    assert device.trial_until is None


def test_bey_2_a_second_conversion_is_refused(prescriber, tolvan, lund, central_warehouse, staff):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff)
    services.convert_trial(by=prescriber, order_line_id=device.order_line_id)
    with pytest.raises(Exception, match="inte på prov"):
        services.convert_trial(by=prescriber, order_line_id=device.order_line_id)
    assert PatientCharge.objects.count() == 1


def test_bey_2_two_nightly_runs_remind_once(prescriber, tolvan, lund, central_warehouse, staff):
    _trial(prescriber, tolvan, lund, central_warehouse, staff, days=7)
    Message.objects.all().delete()
    call_command("nightly", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("nightly", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Message.objects.filter(subject__contains="på prov till").count() == 1


def test_bey_2_the_day_itself_reminds_again(prescriber, tolvan, lund, central_warehouse, staff):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff, days=7)
    from recipients.trials import remind_trials

    assert remind_trials() == 1
    assert remind_trials(today=device.trial_until) == 1
    assert remind_trials(today=device.trial_until) == 0


def test_bey_2_a_trial_must_end_after_today(prescriber, tolvan, lund, central_warehouse):
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    with pytest.raises(OrderRefused, match="slutdatum"):
        services.set_delivery(
            by=prescriber, method="to_unit", address="Enheten", contact="", consolidated=False,
            trial_until=timezone.localdate(),
        )  # fmt: skip


def test_bey_2_overdue_trials_in_att_gora_and_the_forskriv_button(
    client_as, prescriber, tolvan, lund, central_warehouse, staff
):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff)
    Device.objects.filter(pk=device.pk).update(
        trial_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = client_as(prescriber)
    page = client.get(reverse("recipients:overdue_trials")).text
    assert "P-1" in page
    client.post(reverse("orders:convert_trial", args=[device.pk]))
    assert PatientCharge.objects.count() == 1


def test_bey_2_another_units_user_gets_404(
    client_as, prescriber, other_location_user, tolvan, lund, central_warehouse, staff
):
    device = _trial(prescriber, tolvan, lund, central_warehouse, staff)
    response = client_as(other_location_user).post(
        reverse("orders:convert_trial", args=[device.pk])
    )
    assert response.status_code == 404
