"""Reads of orders shared by views and the top bar."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inventory.models import StockBalance, Warehouse
from orders.models import Order, OrderEvent, OrderLine, PurchaseOrder


def cart_summary(user) -> Order | None:
    """The top bar's cart (HOME-1): the user's draft with its line count, one query."""
    return (
        Order.objects.filter(orderer=user, status=Order.Status.DRAFT)
        .annotate(line_count=Count("lines"))
        .only("pk", "kind")
        .first()
    )


def draft_for(user) -> Order | None:
    """The user's draft with everything the review and delivery steps show."""
    lines = OrderLine.objects.select_related("article", "warehouse", "individual").order_by(
        "position"
    )
    return (
        Order.objects.filter(orderer=user, status=Order.Status.DRAFT)
        .select_related(
            "recipient", "prescriber", "service_location", "service_location__warehouse"
        )
        .prefetch_related(Prefetch("lines", queryset=lines))
        .first()
    )


def line_dialog_draft(user) -> Order | None:
    """The user's draft as the Beställ dialog needs it: its location (and store) and the
    source of its first line (`first_source`, None while empty), in one query."""
    first = OrderLine.objects.filter(order=OuterRef("pk")).order_by("position")
    return (
        Order.objects.filter(orderer=user, status=Order.Status.DRAFT)
        .select_related("service_location__warehouse")
        .annotate(first_source=Subquery(first.values("source")[:1]))
        .first()
    )


def with_available(lines) -> list:
    """Sets `line.available` on each line: the available balance of its warehouse (None where
    the warehouse shows no balance, i.e. 750, ART-4). One query for all lines."""
    lines = list(lines)
    available = _available_by_line(lines)
    for line in lines:
        line.available = available[line.pk]
    return lines


def _available_by_line(lines) -> dict[int, int | None]:
    lines = list(lines)
    pairs = Q()
    for line in lines:
        pairs |= Q(warehouse_id=line.warehouse_id, article_id=line.article_id)
    balances = {}
    if lines:
        balances = {
            (b.warehouse_id, b.article_id): b.available for b in StockBalance.objects.filter(pairs)
        }
    return {
        line.pk: balances.get((line.warehouse_id, line.article_id), 0)
        if line.warehouse.shows_balance
        else None
        for line in lines
    }


def orders_for_locations(location_ids):
    return Order.objects.exclude(status=Order.Status.DRAFT).filter(
        service_location_id__in=location_ids
    )


def order_detail(location_ids, number: str) -> Order:
    """SRC-3: an order of the user's locations with its lines, purchase orders and history
    (raises Order.DoesNotExist otherwise)."""
    lines = OrderLine.objects.select_related(
        "article", "warehouse", "individual", "purchase_order", "receipt", "receipt__by"
    ).order_by("position")
    return (
        orders_for_locations(location_ids)
        .select_related("recipient", "prescriber", "orderer", "service_location")
        .prefetch_related(
            Prefetch("lines", queryset=lines),
            "purchase_orders__supplier",
            Prefetch("events", queryset=OrderEvent.objects.select_related("by", "line")),
        )
        .get(number=number)
    )


# --- okvitterade direktleveranser (RCV-1, SRC-2, HOME-4) ----------------------------------


def _open_direct_lines():
    """Lines bought from a supplier (750) that wait for their receipt."""
    return OrderLine.objects.filter(
        warehouse__kind=Warehouse.Kind.PURCHASING, status__in=OrderLine.OPEN_STATUSES
    )


def unreceived_orders(location_ids):
    """Orders of these locations with a line on 750 still to be received (index
    orders_line_open_by_warehouse finds the few open lines)."""
    return orders_for_locations(location_ids).filter(
        Exists(_open_direct_lines().filter(order=OuterRef("pk")))
    )


def waiting_for_receipt(location_ids, *, limit: int = 20) -> list[Order]:
    """The oldest orders still waiting for a receipt, with their purchase orders (the receive
    page lists them before a number is chosen)."""
    return list(
        unreceived_orders(location_ids)
        .select_related("service_location")
        .prefetch_related("purchase_orders")
        .order_by("sent_at", "pk")[:limit]
    )


def unreceived_count(location_ids) -> int:
    """Att göra → Kvittera direktleverans: how many orders wait for a receipt (one query)."""
    return unreceived_orders(location_ids).count()


@dataclass
class DirectDelivery:
    """What Kvittera direktleverans found for a number (RCV-1, RCV-2): the purchase order or
    the order, its open lines on 750 (with their purchase orders), and every 750 line id of it
    (a second receipt of a line is refused by the service, with its own message)."""

    kind: str  # "inkop" | "bestallning"
    number: str
    order: Order
    purchase_order: PurchaseOrder | None
    lines: list
    line_ids: list[int]


def direct_delivery(location_ids, *, kind: str, number: str) -> DirectDelivery | None:
    """The purchase order (kind "inkop") or order ("bestallning") with this number at one of
    the user's locations, or None — another location's number is simply not found (ACC-4)."""
    purchase_order = None
    if kind == "inkop":
        purchase_order = (
            PurchaseOrder.objects.filter(number=number, order__service_location_id__in=location_ids)
            .select_related("order", "order__service_location", "order__orderer", "supplier")
            .first()
        )
        if purchase_order is None:
            return None
        order = purchase_order.order
        lines = OrderLine.objects.filter(purchase_order=purchase_order)
    else:
        order = (
            orders_for_locations(location_ids)
            .select_related("service_location", "orderer")
            .filter(number=number)
            .first()
        )
        if order is None:
            return None
        lines = order.lines.filter(warehouse__kind=Warehouse.Kind.PURCHASING)
    lines = list(
        lines.select_related("article", "article__supplier", "purchase_order", "warehouse")
        .filter(order__service_location_id__in=location_ids)
        .order_by("order_id", "position")
    )
    return DirectDelivery(
        kind=kind,
        number=number,
        order=order,
        purchase_order=purchase_order,
        lines=[line for line in lines if line.is_open_direct],
        line_ids=[line.pk for line in lines],
    )


def number_kind(location_ids, number: str) -> str:
    """Which kind of number this is at the user's locations: "inkop", "bestallning" or ""
    (RCV-1: "not found" suggests the other kind)."""
    if PurchaseOrder.objects.filter(
        number=number, order__service_location_id__in=location_ids
    ).exists():
        return "inkop"
    if orders_for_locations(location_ids).filter(number=number).exists():
        return "bestallning"
    return ""


# --- Sök → Beställning (SRC-1, SRC-2) -----------------------------------------------------

# The registered period (SRC-2): key → (label, days back or months back).
PERIODS = {
    "idag": (_("Idag"), 0, 0),
    "7-dagar": (_("7 dagar"), 7, 0),
    "30-dagar": (_("30 dagar"), 30, 0),
    "3-manader": (_("3 månader"), 0, 3),
    "12-manader": (_("12 månader"), 0, 12),
}
DEFAULT_PERIOD = "30-dagar"


def period_start(key: str, *, today: datetime.date | None = None) -> datetime.datetime:
    """The first moment of the period, local time: today's midnight for Idag, else the same
    day N days or calendar months back (clamped to the month's last day)."""
    today = today or timezone.localdate()
    _label, days, months = PERIODS[key]
    day = today - datetime.timedelta(days=days)
    if months:
        month_index = today.year * 12 + today.month - 1 - months
        year, month = divmod(month_index, 12)
        month += 1
        day = datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _label_order(field: str, choices) -> Case:
    """Sort a choices field by its Swedish label, not by its stored value."""
    ranked = sorted(choices, key=lambda choice: str(choice[1]))
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, (value, _label) in enumerate(ranked)],
        output_field=IntegerField(),
    )


# Sortable columns (SRC-2: one at a time, again reverses): key in the URL → expression.
SORTS = {
    "nummer": lambda: F("number"),
    "registrerad": lambda: F("sent_at"),
    "bestallare": lambda: F("orderer__full_name"),
    "forskrivare": lambda: F("prescriber__full_name"),
    "ordertyp": lambda: _label_order("kind", Order.Kind.choices),
    "status": lambda: _label_order("status", Order.Status.choices),
    "tjanstestalle": lambda: F("service_location__name"),
    "leveransdatum": lambda: F("delivery_date"),
}
DEFAULT_SORT = "-registrerad"
SEARCH_SORTS = [
    "nummer",
    "registrerad",
    "bestallare",
    "forskrivare",
    "ordertyp",
    "status",
    "tjanstestalle",
]
MY_ORDER_SORTS = [
    "nummer",
    "registrerad",
    "ordertyp",
    "status",
    "tjanstestalle",
    "leveransdatum",
    "forskrivare",
]


def sort_key(value: str | None, allowed: list[str]) -> str:
    """A known sort key (with "-" for descending) or the default (newest first)."""
    if value and value.removeprefix("-") in allowed:
        return value
    return DEFAULT_SORT


# Every sent order has sent_at (orders_order_sent_has_number): no NULLS LAST for it, so that
# the index orders_order_location_sent (sent_at DESC) gives the order and LIMIT stops early
# instead of sorting the whole period (make bench: Sök → Beställning, QUA-D13).
NEVER_NULL = {"registrerad"}


def sorted_orders(orders, sort: str, allowed: list[str]):
    key = sort_key(sort, allowed)
    expression = SORTS[key.removeprefix("-")]()
    nulls = {} if key.removeprefix("-") in NEVER_NULL else {"nulls_last": True}
    order = expression.desc(**nulls) if key.startswith("-") else expression.asc(**nulls)
    return orders.order_by(order, F("sent_at").desc(), "-pk")


def search_orders(
    location_ids, *, period: str = DEFAULT_PERIOD, unreceived: bool = False, sort: str = ""
):
    """SRC-2: the sent orders of these locations registered in the period, newest first by
    default, with what the result columns show (one query per page, plus the count). The
    index orders_order_location_sent serves the location and period."""
    orders = (
        orders_for_locations(location_ids)
        .filter(sent_at__gte=period_start(period))
        .select_related("orderer", "prescriber", "service_location")
        .annotate(unreceived=Exists(_open_direct_lines().filter(order=OuterRef("pk"))))
    )
    if unreceived:
        orders = orders.filter(unreceived=True)
    return sorted_orders(orders, sort, SEARCH_SORTS)


def find_order_number(location_ids, number: str) -> str | None:
    """Snabbsökning (SRC-1): the order with this whole number at the user's locations; a
    purchase order's number opens its order too (one number series, ORD-D1)."""
    orders = orders_for_locations(location_ids)
    if orders.filter(number=number).exists():
        return number
    return (
        PurchaseOrder.objects.filter(number=number, order__service_location_id__in=location_ids)
        .values_list("order__number", flat=True)
        .first()
    )


# --- Mina beställningar (HOME-4) ----------------------------------------------------------


def my_orders(user, location_ids, *, sort: str = ""):
    """Orders where the user is orderer or prescriber, at their locations (ACC-4), with the
    planned delivery date (the latest of the lines) and what the columns show."""
    orders = (
        orders_for_locations(location_ids)
        .filter(Q(orderer=user) | Q(prescriber=user))
        .select_related("orderer", "prescriber", "service_location", "recipient")
        .annotate(delivery_date=Max("lines__planned_delivery_date"))
    )
    return sorted_orders(orders, sort, MY_ORDER_SORTS)
