"""Scale data: `seed_demo --scale small` loads articles, recipients and delivered orders
with lines and devices on top of the demo region, with the database's constraints, numbers
from the shared series in past weeks, valid personnummer; a second run adds nothing. In
proportion: direct deliveries with purchase orders and receipts, individuals, stock
movements that sum to every balance, and a due patient fee per line (QUA-D14)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from bench.billing import main as bench_billing
from bench.load import broken_invariants
from billing.models import Invoice, PatientCharge
from billing.services import due_charges
from inventory.models import Article, Individual, StockBalance, StockMovement, Warehouse
from orders.models import Order, OrderLine, Receipt
from recipients.models import Device, Recipient
from recipients.scale import SCALE_PATTERN, personnummer
from sesam.lib.numbers import week_key
from sesam.lib.personnummer import is_valid


@pytest.fixture
def scaled(db):
    call_command("seed_demo", scale="small", verbosity=0, stdout=io.StringIO())


def _counts():
    return (
        Article.objects.filter(number__startswith="S").count(),
        Recipient.objects.filter(personnummer__regex=SCALE_PATTERN).count(),
        OrderLine.objects.filter(order__delivery_contact="Skaldata").count(),
        Device.objects.filter(order_line_id__isnull=False).count(),
        Receipt.objects.count(),
        Individual.objects.count(),
        StockMovement.objects.count(),
        PatientCharge.objects.count(),
    )


def test_small_scale_loads_each_kind_and_a_second_run_adds_nothing(scaled):
    assert _counts()[:3] == (300, 400, 1000)
    assert min(_counts()[4:]) > 0
    every_line_has_its_device = set(
        OrderLine.objects.filter(order__delivery_contact="Skaldata").values_list("pk", flat=True)
    ) <= set(Device.objects.values_list("order_line_id", flat=True))
    assert every_line_has_its_device
    before = _counts()
    call_command("seed_demo", scale="small", verbosity=0, stdout=io.StringIO())
    assert _counts() == before
    call_command("seed_demo", articles=310, recipients=410, orders=1010, verbosity=0)
    assert _counts()[:3] == (310, 410, 1010)


def test_scale_orders_take_unique_numbers_of_past_weeks(scaled):
    numbers = list(Order.objects.exclude(number=None).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    weeks = Counter(number[:4] for number in numbers)
    assert max(weeks.values()) <= 9999
    scale_weeks = set(
        Order.objects.filter(delivery_contact="Skaldata").values_list("number", flat=True)
    )
    assert week_key(timezone.localdate()) not in {n[:4] for n in scale_weeks}


def test_scale_personnummer_are_valid_and_distinct():
    numbers = [personnummer(i) for i in (0, 1, 24_999, 25_000, 199_999)]
    assert len(set(numbers)) == 5
    for number in numbers:
        assert is_valid(number), number


def _scale_lines():
    return OrderLine.objects.filter(order__delivery_contact="Skaldata")


def test_qua_d14_balances_are_the_sums_of_their_movements(scaled):
    assert StockBalance.objects.filter(article__number__startswith="S").count() > 100
    assert StockMovement.objects.filter(article__number__startswith="S").count() > 800
    assert broken_invariants() == []


def test_qua_d14_direct_lines_have_a_purchase_order_and_a_receipt(scaled):
    direct = _scale_lines().filter(warehouse__kind=Warehouse.Kind.PURCHASING)
    assert 50 < direct.count() < 200
    assert not direct.filter(purchase_order=None).exists()
    assert not direct.filter(receipt=None).exists()
    assert not Receipt.objects.filter(line__warehouse__kind=Warehouse.Kind.CENTRAL).exists()


def test_qua_d14_individual_marked_lines_deliver_an_individual(scaled):
    lines = _scale_lines().filter(article__is_individual=True).values_list("pk", flat=True)
    devices = Device.objects.filter(order_line_id__in=list(lines))
    assert devices.count() == len(lines) > 50
    assert not devices.filter(individual=None).exists()
    assert not devices.exclude(individual__status=Individual.Status.DELIVERED).exists()
    in_stock = Individual.objects.filter(number__startswith="SI", status="in_stock")
    assert in_stock.exists()
    assert not in_stock.exclude(warehouse__kind=Warehouse.Kind.CENTRAL).exists()


def test_qua_d14_each_line_has_one_due_fee_that_the_nightly_run_bills(scaled):
    today = timezone.localdate()
    lines = set(_scale_lines().values_list("pk", flat=True))
    charges = due_charges(today).filter(order_line_id__in=lines)
    assert set(charges.values_list("order_line_id", flat=True)) == lines
    assert charges.count() == len(lines)
    bench_billing(["--date", today.isoformat()])  # rolled back: the bench bills them again
    assert charges.count() == len(lines) and not Invoice.objects.filter(invoice_date=today)
    call_command("bill_due_charges", "--date", today.isoformat(), stdout=io.StringIO())
    assert not due_charges(today).filter(order_line_id__in=lines).exists()


def test_qua_d14_scale_data_of_before_is_refused_not_topped_up(scaled):
    PatientCharge.objects.filter(order_number__in=_scale_lines().values("order__number")).delete()
    with pytest.raises(ValueError, match="QUA-D14"):
        call_command("seed_demo", orders=1010, verbosity=0, stdout=io.StringIO())
