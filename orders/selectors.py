"""Reads of orders shared by views and the top bar."""

from django.db.models import Count, Prefetch, Q

from inventory.models import StockBalance
from orders.models import Order, OrderLine


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
        "article", "warehouse", "individual", "purchase_order"
    ).order_by("position")
    return (
        orders_for_locations(location_ids)
        .select_related("recipient", "prescriber", "orderer", "service_location")
        .prefetch_related(
            Prefetch("lines", queryset=lines), "purchase_orders__supplier", "events__by"
        )
        .get(number=number)
    )
