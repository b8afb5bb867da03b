"""Hjälpmedel's work on central orders in admin: dates, picking, dispatch (ORD-11)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import services as billing
from inventory import services as stock
from inventory.models import Individual, StockMovement, Warehouse
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.services.common import (
    lock_order,
    record_event,
    settle_order_status,
    tell_about_order,
    tell_delivered,
)
from recipients import services as devices
from sesam.models import User

# --- Hjälpmedel's work on central orders (admin) -----------------------------------------


def set_planned_delivery_date(*, by: User, line: OrderLine, day: datetime.date) -> OrderLine:
    """A delivery date moved: the line, its devices, and a message to orderer and prescriber."""
    with transaction.atomic():
        order = lock_order(line.order_id)  # ORD-D10: the order before its line
        locked = OrderLine.objects.select_for_update().get(pk=line.pk)
        locked.order = order
        if locked.status in (OrderLine.Status.DELIVERED, OrderLine.Status.CANCELLED):
            raise OrderRefused(_("Raden är redan levererad eller makulerad."))
        old, locked.planned_delivery_date = locked.planned_delivery_date, day
        locked.save(update_fields=["planned_delivery_date"])
        devices.set_planned_delivery_date(order_line_id=locked.pk, day=day)
        record_event(
            locked.order,
            locked,
            locked.status,
            locked.status,
            by,
            note=f"Planerat leveransdatum {old} → {day}",
        )
        tell_about_order(
            order,
            subject=_("Nytt leveransdatum för beställning %(number)s") % {"number": order.number},
            body=_("%(article)s levereras nu planerat %(day)s.")
            % {"article": locked.article_name, "day": day},
        )
        return locked


def start_picking(*, by: User, order: Order) -> Order:
    """The central warehouse starts picking: from now on the order cannot be cancelled (SRC-4)."""
    with transaction.atomic():
        changed = Order.objects.filter(pk=order.pk, status=Order.Status.REGISTERED).update(
            status=Order.Status.PICKING
        )
        if not changed:
            raise OrderRefused(_("Beställningen är inte registrerad och kan inte börja plockas."))
        OrderLine.objects.filter(
            order=order, status=OrderLine.Status.REGISTERED, warehouse__kind=Warehouse.Kind.CENTRAL
        ).update(status=OrderLine.Status.PICKING)
        record_event(order, None, Order.Status.REGISTERED, Order.Status.PICKING, by)
        order.refresh_from_db()
        return order


def deliver_from_central(*, by: User, order: Order) -> list[OrderLine]:
    """Hjälpmedel delivers an order's lines on 70 (ORD-11: they arrive already received):
    the allocation is consumed (a line that waited takes free stock now), individuals are
    picked oldest first and delivered to the recipient, devices are delivered, the orderer
    and prescriber get a message (HOME-5). Lines 70 still cannot cover keep waiting."""
    with transaction.atomic():
        order = lock_order(order.pk)
        if order.status not in (
            Order.Status.REGISTERED,
            Order.Status.PICKING,
            Order.Status.PARTLY_DELIVERED,
        ):
            raise OrderRefused(
                _("Beställningen kan inte levereras i status %(status)s.")
                % {"status": order.get_status_display()}
            )
        lines = list(
            order.lines.select_for_update(of=("self",))
            .filter(
                warehouse__kind=Warehouse.Kind.CENTRAL,
                status__in=[
                    OrderLine.Status.REGISTERED,
                    OrderLine.Status.WAITING,
                    OrderLine.Status.PICKING,
                ],
            )
            .select_related("article", "warehouse")
            .order_by("pk")
        )
        pairs = [(line.warehouse, line.article) for line in lines]
        if order.kind == Order.Kind.REFILL:  # lock the unit's balances too, in the same pk order
            pairs += [(order.service_location.warehouse, line.article) for line in lines]
        balances = stock.lock_balances(pairs)
        delivered, today = [], timezone.localdate()
        for line in lines:
            balance = balances[(line.warehouse_id, line.article_id)]
            extra = line.quantity - line.allocated
            if extra and balance.available < extra:
                continue
            if line.reused:  # BEY-3: exactly the individual reserved for the line
                picked = _reserved_individual(line)
            else:
                picked = _pick_individuals(line) if line.article.is_individual else []
            if line.article.is_individual and len(picked) < line.quantity:
                continue
            _hand_over(order, line, picked, by)
            balance.refresh_from_db(fields=["quantity", "allocated"])
            if order.recipient_id:  # a reused line's device has its individual since sending
                devices.deliver_devices(
                    order_line_id=line.pk, individuals=[] if line.reused else picked, day=today
                )
            if order.recipient_id and not order.trial_until:  # BEY-2: charges at conversion
                billing.record_delivery_charges(  # BIL-D2: a 70 line is received when delivered
                    by=by, order=order, line=line, day=today, individual_numbers=_numbers(picked)
                )
            old = line.status
            line.status, line.allocated, line.delivered_at = (
                OrderLine.Status.DELIVERED,
                0,
                timezone.now(),
            )
            line.planned_delivery_date = today
            line.save(
                update_fields=["status", "allocated", "delivered_at", "planned_delivery_date"]
            )
            record_event(order, line, old, line.status, by)
            delivered.append(line)
        if delivered:
            settle_order_status(order, by)
            tell_delivered(order, delivered)
        return delivered


def _hand_over(order: Order, line: OrderLine, picked: list[Individual], by: User) -> None:
    """The goods of a line leave 70: to the recipient, or for a refill into the unit's own
    store (its balance rises and the individuals lie there)."""
    out = stock.Change(
        line.warehouse, line.article, quantity=-line.quantity, allocated=-line.allocated
    )
    if order.kind == Order.Kind.REFILL:
        target = order.service_location.warehouse
        stock.apply_changes(
            [out, stock.Change(target, line.article, quantity=line.quantity)],
            reason=StockMovement.Reason.MOVE,
            reference=order.number,
            by=by,
        )
        if picked:
            stock.place_individuals(
                individuals=picked,
                source=line.warehouse,
                target=target,
                reference=order.number,
                by=by,
            )
        return
    stock.apply_changes([out], reason=StockMovement.Reason.DELIVERY, reference=order.number, by=by)
    if picked:
        stock.hand_out_individuals(
            individuals=picked,
            warehouse=line.warehouse,
            to=order.recipient.personnummer,
            reference=order.number,
            by=by,
        )


def _numbers(individuals: list[Individual]) -> list[str]:
    return [individual.number for individual in individuals]


def _reserved_individual(line: OrderLine) -> list[Individual]:
    """BEY-3: the refurbished individual a reused line reserved, if it still lies in 70."""
    return list(
        Individual.objects.select_for_update().filter(
            pk=line.individual_id,
            warehouse=line.warehouse,
            status=Individual.Status.IN_STOCK,
            blocked_by="",
        )
    )


def _pick_individuals(line: OrderLine) -> list[Individual]:
    """Oldest first (first in, first out) among the article's individuals in the warehouse;
    never one marked for reuse (BEY-3: only a reused line takes those, BEY-D402)."""
    return list(
        Individual.objects.select_for_update(skip_locked=True)
        .filter(article=line.article, warehouse=line.warehouse, status=Individual.Status.IN_STOCK)
        .filter(blocked_by="", refurbished_at__isnull=True)  # BEY-5: never a recalled one
        .order_by("created_at", "pk")[: line.quantity]
    )
