"""Makulera beställning (SRC-4)."""

from django.db import transaction
from django.utils.translation import gettext as _

from billing import services as billing
from inventory import services as stock
from inventory.models import StockMovement
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.services.common import lock_order, record_event, require_location
from recipients import services as devices
from sesam.models import User

CANCELLABLE_KINDS = (Order.Kind.PRESCRIPTION, Order.Kind.REFILL)


def cancel_refusal(order: Order) -> str:
    """Why the order cannot be cancelled now, or "" when it can (SRC-4): only while no
    purchase order exists and the central warehouse has not started picking; never for
    own-store or individual orders (already delivered)."""
    if order.kind not in CANCELLABLE_KINDS:
        return _("En beställning ur eget förråd är redan levererad och kan inte makuleras.")
    if order.status != Order.Status.REGISTERED:
        return _("Beställningen har status %(status)s och kan inte makuleras.") % {
            "status": order.get_status_display().lower()
        }
    purchase_orders = _prefetched(order, "purchase_orders")
    if order.purchase_orders.exists() if purchase_orders is None else purchase_orders:
        return _(
            "Det finns en inköpsorder – makulera raderna under Kvittera direktleverans "
            "och kontakta leverantören."
        )
    started = [OrderLine.Status.PICKING, OrderLine.Status.DELIVERED]
    lines = _prefetched(order, "lines")
    if (
        order.lines.filter(status__in=started).exists()
        if lines is None
        else any(line.status in started for line in lines)
    ):
        return _("Centrallagret har börjat plocka beställningen.")
    return ""


def _prefetched(order: Order, name: str) -> list | None:
    """The order's related rows as the order page read them (prefetched), or None: then the
    question is one query (as for the freshly locked order in cancel_order)."""
    rows = getattr(order, "_prefetched_objects_cache", {}).get(name)
    return None if rows is None else list(rows)


def cancel_order(*, by: User, order: Order) -> Order:
    """Ja, makulera: releases allocations on 70, cancels lines and devices, records it."""
    with transaction.atomic():
        order = lock_order(order.pk)  # ORD-D10: the order, then its lines, then balances
        require_location(by, order.service_location)
        refusal = cancel_refusal(order)
        if refusal:
            raise OrderRefused(refusal)
        lines = list(
            order.lines.select_for_update(of=("self",))
            .select_related("warehouse", "article")
            .order_by("pk")
        )
        releases = [
            stock.Change(line.warehouse, line.article, allocated=-line.allocated)
            for line in lines
            if line.allocated
        ]
        if releases:
            stock.apply_changes(
                releases, reason=StockMovement.Reason.DELIVERY, reference=order.number, by=by
            )
        for line in lines:
            line.status, line.allocated = OrderLine.Status.CANCELLED, 0
            devices.cancel_devices(order_line_id=line.pk)
        OrderLine.objects.bulk_update(lines, ["status", "allocated"])
        billing.cancel_line_charges(by=by, order_line_ids=[line.pk for line in lines])
        record_event(order, None, order.status, Order.Status.CANCELLED, by, note=_("Makulerad"))
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
        return order
