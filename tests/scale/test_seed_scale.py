"""Scale data: `seed_demo --scale small` loads articles, recipients and delivered orders
with lines and devices on top of the demo region, with the database's constraints, numbers
from the shared series in past weeks, valid personnummer; a second run adds nothing."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from inventory.models import Article
from orders.models import Order, OrderLine
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
    )


def test_small_scale_loads_each_kind_and_a_second_run_adds_nothing(scaled):
    assert _counts()[:3] == (300, 400, 1000)
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
