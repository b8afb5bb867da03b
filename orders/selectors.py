"""Reads of orders shared by views and the top bar."""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory.models import Article, StockBalance, Warehouse
from inventory.rights import Rights, from_rows, rights_rows
from orders.exceptions import OrderRefused
from orders.models import Order, OrderEvent, OrderLine, PurchaseOrder, Receipt
from sesam import frame
from sesam.lib import search
from sesam.lib.arrays import one_of
from sesam.lib.precompiled import Precompiled
from sesam.lib.urls import url_maker
from sesam.models import User

# The user's draft as the top bar shows it, kept on the user object for the rest of the
# request (request.user is loaded afresh for each request): the view and the top bar read it
# once. The orders services that change the draft forget it (forget_cart_summary).
_CART_SUMMARY = "_orders_cart_summary"


def cart_summary(user) -> Order | None:
    """The top bar's cart (HOME-1): the user's draft with its line count, read with the user
    (sesam.frame, CART_ANNOTATIONS) or in one query, then once a request."""
    draft = getattr(user, _CART_SUMMARY, _MISSING)
    if draft is not _MISSING:
        return draft
    if not hasattr(user, "cart_order_id"):
        draft = (
            Order.objects.filter(orderer=user, status=Order.Status.DRAFT)
            .annotate(line_count=Count("lines"))
            .only("pk", "kind")
            .first()
        )
    elif user.cart_order_id is not None:  # as .only("pk", "kind") gives it: the rest deferred
        draft = Order.from_db(None, ["id", "kind"], [user.cart_order_id, user.cart_kind])
        draft.line_count = user.cart_line_count
    else:
        draft = None  # read with the user: no draft
    setattr(user, _CART_SUMMARY, draft)
    return draft


def forget_cart_summary(user) -> None:
    """The draft changed: the next cart_summary reads it again."""
    frame.forget(user, _CART_SUMMARY, *CART_ANNOTATIONS)


_MISSING = object()


def _draft_of_user():
    return Order.objects.filter(orderer=OuterRef("pk"), status=Order.Status.DRAFT)


# The cart read with the user (sesam.frame): at most one draft per user (ORD-1, the
# constraint orders_order_one_draft_per_user gives the index).
CART_ANNOTATIONS = {
    "cart_prescriber_rights": lambda: _cart_prescriber_rights(),  # BEY-1
    "cart_order_id": lambda: Subquery(_draft_of_user().values("pk")[:1]),
    "cart_kind": lambda: Subquery(_draft_of_user().values("kind")[:1]),
    "cart_line_count": lambda: Coalesce(
        Subquery(
            OrderLine.objects.filter(
                order__orderer=OuterRef("pk"), order__status=Order.Status.DRAFT
            )
            .order_by()
            .values("order")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    ),
}


# QUA-D560: the wizard's reads of the draft have a fixed shape: built once a process.
_DRAFT = Precompiled(
    lambda user_pk: (
        Order.objects.filter(orderer=user_pk, status=Order.Status.DRAFT)
        .select_related(
            "recipient", "prescriber", "service_location", "service_location__warehouse"
        )
        .order_by("pk")[:1]
    )
)
_DRAFT_LINES = Precompiled(
    lambda order_pk: (
        OrderLine.objects.filter(order=order_pk)
        .select_related("article", "warehouse")
        .order_by("position")
    )
)
_DRAFT_LINES_WITH_BALANCES = Precompiled(
    lambda order_pk: (
        OrderLine.objects.filter(order=order_pk)
        .select_related("article", "warehouse")
        .annotate(available_balance=_available_balance())
        .order_by("position")
    )
)
_DELIVERY_RELATIONS = ["recipient", "prescriber", "service_location"]
_DELIVERY_LINES = Precompiled(
    lambda user_pk: (
        OrderLine.objects.filter(order__orderer=user_pk, order__status=Order.Status.DRAFT)
        .select_related("warehouse", *[f"order__{relation}" for relation in _DELIVERY_RELATIONS])
        .order_by("position")
    )
)
_DELIVERY_EMPTY = Precompiled(
    lambda user_pk: (
        Order.objects.filter(orderer=user_pk, status=Order.Status.DRAFT)
        .select_related(*_DELIVERY_RELATIONS)
        .order_by("pk")[:1]
    )
)


def draft_for(user, *, balances: bool = False) -> Order | None:
    """The user's draft with everything the review step and the line dialog show (and,
    from its lines, the top bar's cart summary for this request). An individual is read
    only for a line that has one (ORD-13). `balances`: each line carries its available
    balance (`available_balance`, for with_available: the cart)."""
    found = _DRAFT.run(user.pk)
    draft = found[0] if found else None
    if draft is not None:
        lines = (_DRAFT_LINES_WITH_BALANCES if balances else _DRAFT_LINES).run(draft.pk)
        for line in lines:
            line.order = draft
        _prefetched(draft, "lines", lines)
        draft.line_count = len(lines)
        prefetch_related_objects([line for line in lines if line.individual_id], "individual")
    setattr(user, _CART_SUMMARY, draft)
    return draft


def draft_for_delivery(user) -> Order | None:
    """The user's draft as Leveransuppgifter needs it: recipient, prescriber, location and
    the lines with their warehouse (and the top bar's cart summary). A cart with lines is
    read in one query, from its lines joined to the draft (few joins: cheaper to plan than
    two queries are to make)."""
    lines = _DELIVERY_LINES.run(user.pk)
    if lines:
        draft = lines[0].order
        for line in lines:
            line.order = draft
    else:  # an empty cart
        found = _DELIVERY_EMPTY.run(user.pk)
        draft = found[0] if found else None
    if draft is not None:
        _prefetched(draft, "lines", lines)
        draft.line_count = len(lines)
    setattr(user, _CART_SUMMARY, draft)
    return draft


def _prefetched(instance, name: str, rows: list) -> None:
    """Leaves a related manager as prefetch_related leaves it, holding `rows` (then
    `instance.<name>.all()` is those rows without a query)."""
    queryset = getattr(instance, name).all()
    queryset._result_cache, queryset._prefetch_done = list(rows), True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _available_balance() -> Subquery:
    """A line's available balance in its warehouse (quantity − allocated; none: NULL)."""
    balance = StockBalance.objects.filter(
        warehouse_id=OuterRef("warehouse_id"), article_id=OuterRef("article_id")
    )
    return Subquery(balance.values(available=F("quantity") - F("allocated"))[:1])


def cart_rights(user, draft: Order | None) -> Rights:
    """BEY-1: the rights of the prescriber the user's cart is registered in the name of (an
    orderer is held to them), read with the user (sesam.frame); none for a refill."""
    if draft is None or draft.kind == Order.Kind.REFILL:
        return Rights(False)

    def read():
        expression = _cart_prescriber_rights()
        users = User.objects.filter(pk=user.pk).annotate(rows=expression)
        return users.values_list("rows", flat=True).first()

    return from_rows(frame.get(user, "cart_prescriber_rights", read))


def _cart_prescriber_rights():
    # inside the rights' own subquery: the user is two levels out
    prescribing = Order.objects.filter(
        orderer=OuterRef(OuterRef("pk")), status=Order.Status.DRAFT
    ).exclude(kind=Order.Kind.REFILL)
    return rights_rows(
        Subquery(prescribing.values("prescriber_id")[:1]),
        Subquery(prescribing.values("prescriber__profession_id")[:1]),
    )


_LINE_DIALOG_DRAFT = Precompiled(
    lambda user_pk: (
        Order.objects.filter(orderer=user_pk, status=Order.Status.DRAFT)
        .select_related("service_location__warehouse")
        .annotate(
            first_source=Subquery(
                OrderLine.objects.filter(order=OuterRef("pk"))
                .order_by("position")
                .values("source")[:1]
            )
        )
        .order_by("pk")[:1]
    )
)


def line_dialog_draft(user) -> Order | None:
    """The user's draft as the Beställ dialog needs it: its location (and store) and the
    source of its first line (`first_source`, None while empty), in one query."""
    found = _LINE_DIALOG_DRAFT.run(user.pk)
    return found[0] if found else None


_DIALOG_ARTICLE = Precompiled(
    lambda article_pk: Article.objects.filter(pk=article_pk).select_related("supplier", "iso_code")
)


def dialog_article(article_pk: int) -> Article | None:
    """The article of the Beställ dialog (ORD-2) with its supplier and ISO code, or None."""
    found = _DIALOG_ARTICLE.run(article_pk)
    return found[0] if found else None


def with_available(lines) -> list:
    """Sets `line.available` on each line: the available balance of its warehouse (None where
    the warehouse shows no balance, i.e. 750, ART-4). From the lines' `available_balance`
    where draft_for read it, else one query for all lines."""
    lines = list(lines)
    if all(hasattr(line, "available_balance") for line in lines):
        for line in lines:
            balance = line.available_balance or 0
            line.available = balance if line.warehouse.shows_balance else None
        return lines
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
        one_of("service_location_id", location_ids)
    )


_ORDER_DETAIL = Precompiled(
    lambda ids, number: (
        orders_for_locations(ids)
        .filter(number=number)
        .select_related("recipient", "prescriber", "orderer", "service_location")[:2]
    ),
    types=(list, str),
)
_ORDER_LINES = Precompiled(
    lambda order_pk: (
        OrderLine.objects.filter(order=order_pk).select_related("warehouse").order_by("position")
    )
)


def order_detail(location_ids, number: str) -> Order:
    """SRC-3: an order of the user's locations with its lines and purchase orders (raises
    Order.DoesNotExist otherwise); the order page adds its history (order_history). The
    lines join only their warehouse; purchase orders, receipts and individuals are read
    only where a line can have them, and the lines' purchase orders come from the order's
    (each query and join costs on every request; both reads are precompiled, QUA-D560)."""
    found = _ORDER_DETAIL.run(list(location_ids), number)
    if len(found) != 1:  # the number is unique: never two
        raise Order.DoesNotExist(number)
    order = found[0]
    lines = _ORDER_LINES.run(order.pk)
    for line in lines:
        line.order = order
    _prefetched(order, "lines", lines)
    _attach_line_details(order)
    return order


def _attach_line_details(order: Order) -> None:
    lines = list(order.lines.all())
    # ORD-8, RCV-8: only lines bought from a supplier (750) have purchase orders and receipts.
    direct = [line for line in lines if line.warehouse.kind == Warehouse.Kind.PURCHASING]
    if direct:
        purchase_orders = PurchaseOrder.objects.select_related("supplier", "send_by")
        prefetch_related_objects([order], Prefetch("purchase_orders", queryset=purchase_orders))
    else:
        _prefetched(order, "purchase_orders", [])
    by_pk = {po.pk: po for po in order.purchase_orders.all()}
    for line in direct:
        if line.purchase_order_id in by_pk:
            line.purchase_order = by_pk[line.purchase_order_id]
    prefetch_related_objects(
        direct, Prefetch("receipt", queryset=Receipt.objects.select_related("by"))
    )
    for line in lines:
        if line.warehouse.kind != Warehouse.Kind.PURCHASING:
            OrderLine.receipt.related.set_cached_value(line, None)
    prefetch_related_objects([line for line in lines if line.individual_id], "individual")


_ORDER_HISTORY = Precompiled(
    lambda order_pk: (
        OrderEvent.objects.filter(order=order_pk)
        .order_by("at", "pk")
        .values("at", "line_id", "from_status", "to_status", "note", by_name=F("by__full_name"))
    )
)


def order_history(order: Order) -> list[dict]:
    """SRC-3 Historik, oldest first, as rows: at, by_name (None for the system), the
    line's position (None for the order), from and to as labels, note. Values only; the
    positions come from the order's lines."""
    positions = {line.pk: line.position for line in order.lines.all()}
    rows = _ORDER_HISTORY.run(order.pk)
    for row in rows:
        row["position"] = positions.get(row["line_id"])
        row["to_label"] = OrderEvent.status_label(row["to_status"])
        row["from_label"] = row["from_status"] and OrderEvent.status_label(row["from_status"])
    return rows


# --- okvitterade direktleveranser (RCV-1, SRC-2, HOME-4) ----------------------------------


WAITING_SHOWN = 20  # Kvittera direktleverans lists the oldest this many


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


_WAITING_FOR_RECEIPT = Precompiled(
    lambda ids: (
        unreceived_orders(ids)
        .annotate(
            purchase_order_numbers=ArraySubquery(
                PurchaseOrder.objects.filter(order=OuterRef("pk"))
                .order_by("number")
                .values("number")
            )
        )
        .order_by("sent_at", "pk")
        .values(
            "number",
            "sent_at",
            "kind",
            "purchase_order_numbers",
            location=F("service_location__name"),
        )[:WAITING_SHOWN]
    ),
    types=(list,),
)


def waiting_for_receipt(location_ids) -> list[dict]:
    """The oldest orders still waiting for a receipt (the first WAITING_SHOWN), as the
    receive page lists them before a number is chosen: rows of number, sent_at, kind (its
    label), location (its name) and purchase_order_numbers (in number order). One query,
    values only, precompiled (QUA-D560)."""
    rows = _WAITING_FOR_RECEIPT.run(list(location_ids))
    kinds = {value: str(label) for value, label in Order.Kind.choices}
    for row in rows:
        row["kind"] = kinds.get(row["kind"], row["kind"])
    return rows


def unreceived_count(location_ids) -> int:
    """Att göra → Kvittera direktleverans: how many orders wait for a receipt (one query)."""
    return unreceived_orders(location_ids).count()


@dataclass
class DirectDelivery:
    """What Kvittera direktleverans found for a number (RCV-1, RCV-2): the purchase order or
    the order, its open lines on 750 (with their purchase orders), and every 750 line id of it
    (a second receipt of a line is refused by the service, with its own message), and its
    lines already received with their receipts (RCV-8; a higher app links them, BEY-9)."""

    kind: str  # "inkop" | "bestallning"
    number: str
    order: Order
    purchase_order: PurchaseOrder | None
    lines: list
    line_ids: list[int]
    received: list = field(default_factory=list)

    @property
    def has_individuals(self) -> bool:
        return any(line.article.is_individual for line in self.lines)


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
        lines.select_related(
            "article", "article__supplier", "purchase_order", "warehouse", "receipt__by"
        )
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
        received=[line for line in lines if getattr(line, "receipt", None) is not None],
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

# Sortable columns (SRC-2 and Mina beställningar: one at a time, again reverses). Every sent
# order has sent_at (orders_order_sent_has_number): no NULLS LAST for it, so that the index
# orders_order_location_sent (sent_at DESC) gives the order and LIMIT stops early instead of
# sorting the whole period (make bench: Sök → Beställning, QUA-D13).
SORTING = search.Sorting(
    {
        "nummer": "number",
        "registrerad": "sent_at",
        "bestallare": "orderer__full_name",
        "forskrivare": "prescriber__full_name",
        "ordertyp": lambda: search.label_order("kind", Order.Kind.choices),
        "status": lambda: search.label_order("status", Order.Status.choices),
        "tjanstestalle": "service_location__name",
        "leveransdatum": "delivery_date",
    },
    then=(F("sent_at").desc(), "-pk"),
    never_null=frozenset({"registrerad"}),
)
SEARCH_SORTING = SORTING.only(
    "nummer", "registrerad", "bestallare", "forskrivare", "ordertyp", "status", "tjanstestalle"
)
MY_ORDER_SORTING = SORTING.only(
    "nummer", "registrerad", "ordertyp", "status", "tjanstestalle", "leveransdatum", "forskrivare"
)


def search_orders(
    location_ids,
    *,
    period: str = search.DEFAULT_PERIOD,
    unreceived: bool = False,
    sort: str = "",
):
    """SRC-2: the sent orders of these locations registered in the period, newest first by
    default, each marked `unreceived` (a page of them is read as rows by search_rows: one
    query, plus the count when there is more than a page). The index
    orders_order_location_sent serves the location and period."""
    orders = search.registered_in(orders_for_locations(location_ids), "sent_at", period).annotate(
        unreceived=Exists(_open_direct_lines().filter(order=OuterRef("pk")))
    )
    if unreceived:
        orders = orders.filter(unreceived=True)
    return SEARCH_SORTING.order_by(orders, sort)


# What a row of Sök → Beställning shows, read as values (no model instances per row).
SEARCH_ROW_FIELDS = (
    "number",
    "sent_at",
    "kind",
    "status",
    "orderer__full_name",
    "prescriber__full_name",
    "service_location__name",
    "unreceived",
)


def search_values(orders):
    """What a row of Sök → Beställning reads (values, no model instances per row)."""
    return orders.values(*SEARCH_ROW_FIELDS)


def dress_search_rows(rows: list[dict]) -> list[dict]:
    """The read rows as the result table shows them: the order page's URL, Registrerad in
    local time, the Swedish labels (SRC-2)."""
    kinds, statuses = search.labels(Order.Kind.choices), search.labels(Order.Status.choices)
    detail = url_maker("orders:detail")
    for row in rows:
        row["url"] = detail(row["number"])
        row["registered"] = timezone.localtime(row["sent_at"]).strftime("%Y-%m-%d %H:%M")
        row["kind"] = kinds.get(row["kind"], row["kind"])
        row["status"] = statuses.get(row["status"], row["status"])
    return rows


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
    return MY_ORDER_SORTING.order_by(orders, sort)


def purchase_order_document(purchase_order) -> dict:
    """DOC-2: what the purchase order PDF shows — the page's Skapa pdf and the e-mail to the
    supplier (BEY-7) print the same document. `purchase_order` comes with supplier, order (its
    orderer and service location) and created_by."""
    lines = list(
        purchase_order.lines.exclude(status="cancelled")
        .select_related("article")
        .order_by("position")
    )
    for line in lines:
        line.line_total = (line.unit_price or 0) * line.quantity
    return {
        "po": purchase_order,
        "order": purchase_order.order,
        "supplier": purchase_order.supplier,
        "lines": lines,
        "total": sum(line.line_total for line in lines),
        "number": purchase_order.number,
        "printed_at": timezone.localtime(),
    }


# --- where a line comes from (ORD-2) ------------------------------------------------------


def _own_store(service_location) -> Warehouse:
    if service_location.is_private:
        raise OrderRefused(_("Privata mottagningar har inget eget förråd."))
    try:
        return service_location.warehouse
    except Warehouse.DoesNotExist:
        raise OrderRefused(_("Tjänstestället har inget eget förråd.")) from None


_CENTRAL_BALANCE = Precompiled(
    lambda article_pk: (
        StockBalance.objects.filter(warehouse__kind=Warehouse.Kind.CENTRAL, article=article_pk)
        .select_related("warehouse")
        .order_by("pk")[:1]
    )
)


def _central(article) -> tuple[Warehouse, StockBalance | None]:
    """70 with its balance when the article is stocked there (it has a balance row at 70),
    otherwise the purchasing warehouse 750 (one of each kind, INV-D1); one query for 70."""
    found = _CENTRAL_BALANCE.run(article.pk)
    balance = found[0] if found else None
    if balance is not None:
        return balance.warehouse, balance
    return Warehouse.objects.get(kind=Warehouse.Kind.PURCHASING), None


def line_warehouse(*, article, source: str, service_location) -> Warehouse:
    """ORD-2: own store → the location's warehouse (refused for a private clinic or a
    location without one); central → 70 when the article is stocked there, otherwise 750."""
    if source == OrderLine.Source.OWN_STORE:
        return _own_store(service_location)
    return _central(article)[0]


def line_where(*, article, source: str, service_location) -> dict:
    """The line dialog's "from where, how many available" (ORD-2), or why not: the warehouse
    of `line_warehouse` and its available balance (None where no balance is shown)."""
    if source != OrderLine.Source.OWN_STORE:
        warehouse, balance = _central(article)
        return {"warehouse": warehouse, "available": balance.available if balance else None}
    try:
        warehouse = _own_store(service_location)
    except OrderRefused as error:
        return {"error": str(error)}
    balance = StockBalance.objects.filter(warehouse=warehouse, article=article).first()
    available = (balance.available if balance else 0) if warehouse.shows_balance else None
    return {"warehouse": warehouse, "available": available}


def shortages(order: Order, *, lines: list[OrderLine] | None = None) -> dict[int, int]:
    """Before sending (ORD-2): line id → what 70 has available, for the lines on 70 that it
    cannot cover now (the user is told; the line will wait). `lines`: the order's lines as
    selectors.with_available left them (warehouse and `available` set), read once by the
    cart page; else they are read here."""
    if lines is not None:
        lines = [line for line in lines if line.warehouse.kind == Warehouse.Kind.CENTRAL]
        # 70 is the one central warehouse (INV-D1): a line's available balance is 70's.
        available = {line.article_id: line.available for line in lines}
    else:
        lines = [
            line
            for line in order.lines.select_related("warehouse")
            if line.warehouse.kind == Warehouse.Kind.CENTRAL
        ]
        if not lines:
            return {}
        available = {
            b.article_id: b.available
            for b in StockBalance.objects.filter(
                warehouse__kind=Warehouse.Kind.CENTRAL,
                article_id__in=[line.article_id for line in lines],
            )
        }
    result, wanted = {}, {}
    for line in lines:
        wanted[line.article_id] = wanted.get(line.article_id, 0) + line.quantity
        if wanted[line.article_id] > available.get(line.article_id, 0):
            result[line.pk] = max(available.get(line.article_id, 0), 0)
    return result
