"""Reads of patient safety: a recall's criteria parsed and traced to individuals (BEY-5), the
rows of a recall (where each individual is: a warehouse or a recipient, with unit and
prescriber)."""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Collate, Length, Upper
from django.utils.translation import gettext as _

from inventory.models import Individual
from orders.models import OrderLine, Receipt
from recipients.models import Device
from safety.exceptions import SafetyRefused
from sesam.lib.arrays import EqualsAny

MAX_TERMS = 20_000
LOT_PREFIX = "LOT:"
RANGE_SEPARATORS = re.compile(r"\s*(?:\.\.|–|—)\s*")
SPLIT = re.compile(r"[\s,;]+")


@dataclass
class Criteria:
    """Upper-cased serials, inclusive ranges (from, to) of equal length, and lot prefixes."""

    serials: list[str] = field(default_factory=list)
    ranges: list[tuple[str, str]] = field(default_factory=list)
    lots: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.serials or self.ranges or self.lots)


def _as_range(low: str, high: str) -> tuple[str, str] | None:
    """FROM-TO is a range when both ends are equally long and differ only in a trailing run of
    digits (NL26287800-NL26287899); then code-point order is numeric order."""
    if len(low) != len(high) or len(low) < 2:
        return None
    common = 0
    while common < len(low) and low[common] == high[common]:
        common += 1
    if common == len(low):
        return (low, high)
    start = common
    while start > 0 and low[start - 1].isdigit():
        start -= 1
    if not (low[start:].isdigit() and high[start:].isdigit()):
        return None
    return (low, high) if low <= high else (high, low)


def parse_criteria(text: str) -> Criteria:
    """BEY-5: one term per line (or separated by comma, semicolon, space): a serial number, a
    range FROM-TO (also FROM..TO or FROM–TO), or a lot `LOT:prefix` (a lot is the serials'
    common prefix, BEY-D221). Case does not matter. A term that is neither is refused with its
    place in the list."""
    criteria = Criteria()
    text = RANGE_SEPARATORS.sub("..", text.upper())
    terms = [term for term in SPLIT.split(text) if term]
    if len(terms) > MAX_TERMS:
        raise SafetyRefused(
            _("Högst %(max)d serienummer eller intervall åt gången.") % {"max": MAX_TERMS}
        )
    for place, term in enumerate(terms, start=1):
        if term.startswith(LOT_PREFIX):
            if not (lot := term.removeprefix(LOT_PREFIX)):
                raise SafetyRefused(_("Rad %(n)d: ange batchens prefix efter LOT:.") % {"n": place})
            criteria.lots.append(lot)
            continue
        ends = term.split("..") if ".." in term else term.split("-")
        if len(ends) == 2 and (found := _as_range(*ends)):
            criteria.ranges.append(found)
        elif ".." in term:
            raise SafetyRefused(
                _(
                    "Term %(n)d (%(term)s): ett intervall skrivs FRÅN-TILL med lika långa "
                    "serienummer som bara skiljer sig i slutsiffrorna."
                )
                % {"n": place, "term": term}
            )
        else:
            criteria.serials.append(term)
    criteria.serials = sorted(set(criteria.serials))
    return criteria


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def trace_queryset(article_id: int, criteria: Criteria):
    """BEY-5: (id, status) of the article's individuals whose upper-cased serial number is one
    of the list, within a range or starts with a lot — one query on the index
    inventory_indiv_serial_key (article, upper(serial) in code-point order)."""
    key = Collate(Upper("serial_number"), "C")
    condition = Q()
    if criteria.serials:
        condition |= Q(EqualsAny(key, criteria.serials))
    for low, high in criteria.ranges:
        condition |= Q(serial_key__gte=low, serial_key__lte=high, serial_length=len(low))
    for lot in criteria.lots:
        condition |= Q(serial_key__gte=lot, serial_key__lt=_next_prefix(lot))
    return (
        Individual.objects.annotate(serial_key=key, serial_length=Length("serial_number"))
        .filter(condition, article_id=article_id)
        .order_by("pk")
        .values_list("pk", "status")
    )


def trace(article_id: int, criteria: Criteria) -> list[tuple[int, str]]:
    return list(trace_queryset(article_id, criteria)) if criteria else []


@dataclass
class RecallRow:
    item: object
    individual: Individual
    device: Device | None

    @property
    def recipient(self):
        return self.device.recipient if self.device else None

    @property
    def unit(self):
        if self.device:
            return self.device.service_location
        warehouse = self.individual.warehouse
        return warehouse.service_location if warehouse else None

    @property
    def place(self) -> str:
        if self.individual.warehouse:
            return str(self.individual.warehouse)
        if self.device:
            return _("Hos mottagare")
        return self.individual.get_status_display()


def recall_rows(items) -> list[RecallRow]:
    """The rows of recall items (a page, or all for an export and the letters): each
    individual with the recipient's device it is with (ordered or delivered), its unit and
    prescriber. Two queries whatever the number of rows."""
    items = list(
        items.select_related(
            "individual__article", "individual__warehouse__service_location"
        ).order_by("pk")
    )
    devices = {
        device.individual_id: device
        for device in Device.objects.filter(
            individual_id__in=[item.individual_id for item in items],
            status__in=[Device.Status.ORDERED, Device.Status.DELIVERED],
        ).select_related("recipient", "service_location", "prescriber")
    }
    return [RecallRow(item, item.individual, devices.get(item.individual_id)) for item in items]


def recall_counts(recall) -> dict:

    return recall.items.aggregate(
        total=Count("pk"),
        blocked=Count("pk", filter=Q(blocked=True)),
        in_stock=Count("pk", filter=Q(individual__status=Individual.Status.IN_STOCK)),
        delivered=Count("pk", filter=Q(individual__status=Individual.Status.DELIVERED)),
        notified=Count("pk", filter=Q(notified_at__isnull=False)),
    )


def letter_rows(recall) -> list[tuple[object, list[RecallRow]]]:
    """The letters: one per recipient who has a recalled individual, with its rows."""
    letters: dict[int, tuple[object, list[RecallRow]]] = {}
    for row in recall_rows(recall.items.all()):
        if row.recipient is not None:
            letters.setdefault(row.recipient.pk, (row.recipient, []))[1].append(row)
    return sorted(letters.values(), key=lambda letter: letter[0].personnummer)


# --- deviations (BEY-9) ----------------------------------------------------------------------


def deviations_for(location_ids):
    """A unit's reports (ACC-4: only the user's locations), newest first."""
    from safety.models import Deviation

    return Deviation.objects.filter(service_location__in=list(location_ids)).select_related(
        "article", "service_location", "reported_by", "recipient", "individual"
    )


def deviation_source(params, location_ids):
    """(source, thing, recipient-for-device-choice) from the start page's parameters: an
    individual the user may see (IND-D1), or a recipient (then a device of the user's
    locations is chosen in the form). None when the parameters name nothing the user may
    report on (the view answers 404). Order lines and receipts have URLs of their own
    (reportable_order_line, reportable_receipt)."""
    from inventory.selectors import visible_individuals
    from recipients.models import Recipient
    from safety.models import Deviation

    ids = list(location_ids)

    def number(name):
        value = params.get(name, "")
        return int(value) if value.isdigit() else None

    if (pk := number("individ")) is not None:
        thing = visible_individuals(ids).select_related("article").filter(pk=pk).first()
        return (Deviation.Source.INDIVIDUAL, thing, None) if thing else None
    if (pk := number("mottagare")) is not None:
        recipient = Recipient.objects.filter(pk=pk).first()
        return (Deviation.Source.DEVICE, None, recipient) if recipient else None
    return None


# BEY-9: a line of a draft (a cart) or a cancelled line is nothing to report on.
NOT_REPORTABLE_LINE = [OrderLine.Status.DRAFT, OrderLine.Status.CANCELLED]


def reportable_order_line(pk: int, location_ids) -> OrderLine | None:
    """BEY-9: an order line of the user's locations (ACC-4), sent and not cancelled, with
    what the report and its form name (order, recipient, article, individual); else None."""
    return (
        OrderLine.objects.select_related("order__recipient", "article", "individual")
        .filter(pk=pk, order__service_location__in=list(location_ids))
        .exclude(status__in=NOT_REPORTABLE_LINE)
        .first()
    )


def reportable_receipt(pk: int, location_ids) -> Receipt | None:
    """BEY-9: a receipt (Kvittera direktleverans) of a line of the user's locations; else None."""
    return (
        Receipt.objects.select_related(
            "line__order__recipient", "line__article", "line__individual"
        )
        .filter(pk=pk, line__order__service_location__in=list(location_ids))
        .first()
    )


def reportable_devices(recipient, location_ids):
    """BEY-9: the recipient's ordered or delivered devices from the user's locations."""
    return list(
        Device.objects.filter(
            recipient=recipient,
            service_location__in=list(location_ids),
            status__in=[Device.Status.ORDERED, Device.Status.DELIVERED],
        ).select_related("article", "individual", "recipient")
    )
