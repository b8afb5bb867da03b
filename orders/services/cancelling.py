"""Makulera beställning (SRC-4)."""

from django.db import transaction
from django.utils.translation import gettext as _

from inventory import services as stock
from inventory.models import StockMovement
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.services.common import record_event, require_location
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
    if order.purchase_orders.exists():
        return _(
            "Det finns en inköpsorder – makulera raderna under Kvittera direktleverans "
            "och kontakta leverantören."
        )
    if order.lines.filter(
        status__in=[OrderLine.Status.PICKING, OrderLine.Status.DELIVERED]
    ).exists():
        return _("Centrallagret har börjat plocka beställningen.")
    return ""


def cancel_order(*, by: User, order: Order) -> Order:
    """Ja, makulera: releases allocations on 70, cancels lines and devices, records it."""
    with transaction.atomic():
        # of=self: locking the joined service location row too would block every insert
        # that refers to the location (FOR KEY SHARE) until the cancel commits — a deadlock
        # with concurrent sends, found by the load run (QUA-D6).
        order = (
            Order.objects.select_for_update(of=("self",))
            .select_related("service_location")
            .get(pk=order.pk)
        )
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
        record_event(order, None, order.status, Order.Status.CANCELLED, by, note=_("Makulerad"))
        order.status = Order.Status.CANCELLED
        order.save(update_fields=["status"])
        return order
