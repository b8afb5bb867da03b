"""QUA-D15: invoices take their numbers from a yearly series of their own (YY + 540000…),
so a nightly run with many debtors never exhausts the week's shared 9 999 numbers and an
invoice number is never an order's, purchase order's or document's number."""

import datetime

import pytest

from billing import services
from billing.models import Invoice, InvoiceNumberSeries
from billing.tests import factories
from sesam.lib.numbers import NumberSeriesExhausted
from sesam.models import NumberSeries

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


def test_qua_d15_invoice_numbers_are_the_years_and_never_a_week():
    factories.charges_for_debtors(3)
    services.bill_due_charges(day=DAY)
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == ["26540000", "26540001", "26540002"]
    assert not NumberSeries.objects.exists()  # the shared weekly series is untouched


def test_qua_d15_a_run_may_make_more_invoices_than_a_week_has_numbers():
    assert services.invoice_numbers(12_000, day=DAY)[-1] == "26551999"


def test_qua_d15_a_full_year_fails_loudly():
    InvoiceNumberSeries.objects.create(year="26", last=InvoiceNumberSeries.CAPACITY)
    with pytest.raises(NumberSeriesExhausted):
        services.invoice_numbers(1, day=DAY)
