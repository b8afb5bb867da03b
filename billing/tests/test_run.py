import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import services
from billing.models import BillingRun, Invoice, InvoiceLine, PatientCharge
from billing.tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


def run(*args):
    out = io.StringIO()
    call_command("bill_due_charges", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_bil_6_bills_what_is_due_one_invoice_per_debtor():
    factories.charges_for_debtors(2, per_debtor=2)
    assert run("--date", "2026-11-02") == "invoices: 2 created, 4 charges"
    assert sorted(i.total for i in Invoice.objects.all()) == [600, 600]
    assert set(PatientCharge.objects.values_list("status", flat=True)) == {"invoiced"}


def test_bil_6_not_yet_due_is_not_billed():
    factories.charge(DAY, fee_kind="charger")  # due 2027-02-01
    assert run("--date", "2026-12-31", "--allow-future") == "invoices: 0 created, 0 charges"
    assert PatientCharge.objects.get().status == "planned"


def test_bil_6_second_run_creates_nothing():
    factories.charges_for_debtors(3)
    run("--date", "2026-11-02")
    assert run("--date", "2026-11-02") == "invoices: 0 created, 0 charges"
    assert run("--date", "2026-11-05") == "invoices: 0 created, 0 charges"
    assert (Invoice.objects.count(), BillingRun.objects.count()) == (3, 1)


def test_bil_6_dry_run_changes_nothing():
    factories.charges_for_debtors(2, per_debtor=3)
    assert run("--date", "2026-11-02", "--dry-run") == "invoices: 2 due, 6 charges (dry run)"
    assert not Invoice.objects.exists() and not BillingRun.objects.exists()
    assert set(PatientCharge.objects.values_list("status", flat=True)) == {"planned"}


def test_bil_6_a_debtor_across_batches_gets_one_invoice_per_run():
    factories.charges_for_debtors(1, per_debtor=5)
    services.bill_due_charges(day=DAY, batch_size=2)
    assert Invoice.objects.get().total == 1500
    assert InvoiceLine.objects.count() == 5


def test_bil_6_crash_in_the_second_batch_leaves_whole_batches_then_finishes(monkeypatch):
    charges = factories.charges_for_debtors(5)
    real, calls = services._bill_batch, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("strömavbrott")
        return real(*args)

    monkeypatch.setattr(services, "_bill_batch", failing)
    with pytest.raises(RuntimeError):
        services.bill_due_charges(day=DAY, batch_size=2)
    assert InvoiceLine.objects.count() == 2  # the first batch, whole
    monkeypatch.setattr(services, "_bill_batch", real)
    services.bill_due_charges(day=DAY, batch_size=2)
    assert sorted(InvoiceLine.objects.values_list("charge_id", flat=True)) == sorted(
        c.pk for c in charges
    )


def _queries_of_each_batch(count, batch_size):
    """The number of queries each batch after the first took (the first also makes the run)."""
    factories.charges_for_debtors(count, day=DAY)
    with CaptureQueriesContext(connection) as queries:
        marks = []
        services.bill_due_charges(
            day=DAY, batch_size=batch_size, progress=lambda n: marks.append(len(queries))
        )
    return [b - a for a, b in zip(marks, marks[1:], strict=False)]


def test_bil_6_queries_per_batch_are_constant():
    small = _queries_of_each_batch(12, 3)
    PatientCharge.objects.update(status="cancelled")
    large = _queries_of_each_batch(40, 10)
    assert len(small) == 3 and len(large) == 3
    assert set(small) == set(large) and len(set(small)) == 1


def test_bil_6_nightly_runs_the_billing():
    factories.charges_for_debtors(1)
    out = io.StringIO()
    call_command("nightly", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "invoices: 1 created, 1 charges"


def test_bil_6_invoice_due_date_is_a_vardag_30_days_later():
    factories.charges_for_debtors(1)
    services.bill_due_charges(day=DAY)
    invoice = Invoice.objects.get()
    assert (invoice.invoice_date, invoice.due_date) == (DAY, datetime.date(2026, 12, 2))


def test_bil_6_paused_charge_is_billed_on_its_pause_end():
    charge = factories.charge(DAY, fee_kind="charger", numbers=["L1"])
    services.pause_charge(
        by=None, individual_number="L1", until=datetime.date(2027, 3, 10), reason="x", today=DAY
    )
    assert services.bill_due_charges(day=datetime.date(2027, 3, 9)).charges == 0
    assert services.bill_due_charges(day=datetime.date(2027, 3, 10)).charges == 1
    charge.refresh_from_db()
    assert charge.status == "invoiced"


def test_bil_6_a_bad_date_is_refused_in_swedish():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        run("--date", "2026-13-01")


def test_bil_6_a_bad_date_on_the_command_line_is_a_message_and_exit_2(capsys):
    from billing.management.commands.bill_due_charges import Command

    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "bill_due_charges", "--date", "2027-13-01"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "argument --date: ange ett datum som finns, som ÅÅÅÅ-MM-DD" in error
    assert "Traceback" not in error


@time_machine.travel(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC), tick=False)
def test_bil_6_a_date_after_today_needs_allow_future():
    factories.charges_for_debtors(1, day=datetime.date(2026, 11, 2))
    with pytest.raises(CommandError, match="ligger efter i dag.*--allow-future"):
        run("--date", "2026-11-03")
    assert not Invoice.objects.exists() and not BillingRun.objects.exists()
    assert run("--date", "2026-11-03", "--allow-future") == "invoices: 1 created, 1 charges"


def test_bil_6_without_date_the_run_is_as_of_today():
    factories.charges_for_debtors(1, day=datetime.date(2026, 11, 2))
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert run() == "invoices: 0 created, 0 charges"
    with time_machine.travel(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC), tick=False):
        assert run() == "invoices: 1 created, 1 charges"


def test_bil_6_a_crashed_run_is_not_marked_finished(monkeypatch):
    factories.charges_for_debtors(3)
    real = services._bill_batch
    calls = []

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("strömavbrott")
        return real(*args)

    monkeypatch.setattr(services, "_bill_batch", failing)
    with pytest.raises(RuntimeError):
        services.bill_due_charges(day=DAY, batch_size=2)
    run = BillingRun.objects.get()
    assert (run.finished_at, run.charges_billed) == (None, 2)


def test_bil_6_dry_run_lists_who_would_be_billed():
    factories.charges_for_debtors(2, per_debtor=3)
    out = io.StringIO()
    call_command("bill_due_charges", "--date", "2026-11-02", "--dry-run", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].split() == ["Betalare", "Kund", "Namn", "Avgifter", "Belopp"]
    debtors = {c.debtor_code: c.debtor_name for c in PatientCharge.objects.all()}
    for line, code in zip(lines[1:3], sorted(debtors), strict=True):
        assert code in line and debtors[code] in line and line.split()[-2:] == ["3", "900.00"]
    assert lines[-1] == "invoices: 2 due, 6 charges (dry run)"
