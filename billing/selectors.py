"""Reads of the ledger for the pages of the apps above (the recipient page, REC-6/BIL)."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import F, Subquery, Sum

from billing.models import PatientCharge
from sesam.lib.arrays import EqualsAny
from sesam.lib.precompiled import Precompiled

# QUA-D560: the recipient page's charges, built once a process.
_CHARGES_BY_LINE = Precompiled(
    lambda ids: (
        PatientCharge.objects.filter(EqualsAny(F("order_line_id"), ids, "bigint"))
        .select_related("invoice_line__invoice")
        .order_by("order_line_id", "kind")
    ),
    types=(list,),
)


def charges_by_line(order_line_ids: Iterable[int]) -> dict[int, list[PatientCharge]]:
    """Order line id → its charges (with the invoice when billed), in one query."""
    ids = [i for i in set(order_line_ids) if i]
    result: dict[int, list[PatientCharge]] = defaultdict(list)
    if not ids:
        return result
    for charge in _CHARGES_BY_LINE.run(ids):
        result[charge.order_line_id].append(charge)
    return result


def home_region_charges(recipient_id: int) -> list[PatientCharge]:
    """BIL-5: the recipient's home-region charges, open first, then by due date."""
    return list(
        PatientCharge.objects.filter(recipient_id=recipient_id, kind=PatientCharge.Kind.HOME_REGION)
        .select_related("invoice_line__invoice")
        .order_by("due_date", "pk")
    )


def due_by_debtor(day):
    """bill_due_charges --dry-run: who a run on `day` would bill — per debtor its kind, code,
    name, number of charges and amount, in the run's debtor order (issue 19.6)."""
    from django.db.models import Count, Sum

    return (
        PatientCharge.objects.filter(status__in=PatientCharge.OPEN, due_date__lte=day)
        .values("debtor_kind", "debtor_code", "debtor_name")
        .annotate(charges=Count("pk"), amount=Sum("amount"))
        .order_by("debtor_kind", "debtor_code", "debtor_name")
    )


def line_fees(order_line_id) -> Subquery:
    """BEY-10: the sum of an order line's charges that are not cancelled, as a subquery of
    `order_line_id` (an OuterRef): the Avgift of an export row without a query per row."""
    return Subquery(
        PatientCharge.objects.filter(order_line_id=order_line_id)
        .exclude(status=PatientCharge.Status.CANCELLED)
        .order_by()
        .values("order_line_id")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )


# --- Avgifter att fakturera (BEY-10): the unit's charges to be invoiced this month ---------

RecipientLookup = Callable[[Iterable[int]], dict[int, tuple[str, str]]]
_recipient_lookup: list[RecipientLookup] = []


def register_recipient_lookup(lookup: RecipientLookup) -> None:
    """billing may not import recipients (BIL-D1): the recipients app registers at `ready()`
    how recipient ids become (personnummer, name), read in one query (BIL-D601)."""
    _recipient_lookup[:] = [lookup]


def recipient_labels(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    ids = sorted({i for i in ids if i})
    if not ids or not _recipient_lookup:
        return {}
    return _recipient_lookup[0](ids)


def this_month(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of `day`'s calendar month."""
    first = day.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return first, last


def charges_to_invoice(location_id: int, day: datetime.date):
    """BEY-10: the open (planned or paused) charges of a service location due in `day`'s
    calendar month, by due date — what the nightly runs of the month will invoice
    (BIL-D600). Served by the partial index billing_charge_open_location."""
    first, last = this_month(day)
    return PatientCharge.objects.filter(
        service_location_id=location_id,
        status__in=PatientCharge.OPEN,
        due_date__gte=first,
        due_date__lte=last,
    ).order_by("due_date", "pk")
