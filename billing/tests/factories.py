"""Charges made through the billing service from duck-typed orders and lines, as the order
services pass them (BIL-D1)."""

import datetime
import itertools
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from billing import services
from billing.models import PatientCharge

_ids = itertools.count(10_000)

ADULT, CHILD = "191212121212", "201201012380"
_TEST_NUMBERS = Path(__file__).resolve().parents[2] / "tests/data/skatteverket-testpersonnummer.txt"
# Skatteverket's test numbers of adults, one per debtor.
_adults = itertools.cycle(
    [n for n in _TEST_NUMBERS.read_text().split() if "1940" <= n[:4] <= "1999"][:5000]
)


def recipient(pnr=None, *, home_region="", name="Tolvan Tolvansson"):
    return SimpleNamespace(
        pk=next(_ids), personnummer=pnr or next(_adults), name=name, home_region=home_region
    )


def order(rec=None, *, number="26480001"):
    return SimpleNamespace(recipient=rec or recipient(), number=number, service_location_id=1)


def line(fee_kind="standard", *, fee=Decimal("300"), price=Decimal("2100"), quantity=1):
    article = SimpleNamespace(
        fee_kind=fee_kind, fee_amount=fee, number=f"A{next(_ids)}", name="Artikel"
    )
    return SimpleNamespace(
        pk=next(_ids),
        article=article,
        article_number=article.number,
        article_name=article.name,
        fee_amount=fee,
        unit_price=price,
        quantity=quantity,
        individual_id=None,
        individual=None,
    )


def charge(
    day=datetime.date(2026, 11, 2), *, fee_kind="standard", rec=None, numbers=(), **kwargs
) -> PatientCharge:
    """One charge delivered on `day` (a fee is due the same day)."""
    (made,) = services.record_delivery_charges(
        by=None,
        order=order(rec),
        line=line(fee_kind, **kwargs),
        day=day,
        individual_numbers=numbers,
    )
    return made


def charges_for_debtors(count, *, day=datetime.date(2026, 11, 2), per_debtor=1):
    """`count` debtors with `per_debtor` fees each, all due on `day`."""
    made = []
    for _ in range(count):
        rec = recipient()
        made += [charge(day, rec=rec) for _ in range(per_debtor)]
    return made
