"""Skicka beställning (ORD-7, ORD-10, ORD-12, ORD-13) and central allocation (ORD-2)."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import services as billing
from inventory import services as stock
from inventory.models import Individual, StockMovement, Warehouse
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.selectors import forget_cart_summary
from orders.services.cart import (
    check_article,
    check_delivery,
    check_individual,
    check_refill_article,
    check_rights,
)
from orders.services.common import (
    CENTRAL_SHIPPING_DAYS,
    allowed_prescribers,
    record_event,
    require_active,
    require_location,
)
from recipients import services as devices
from sesam.lib.numbers import next_number
from sesam.lib.workdays import add_workdays
from sesam.models import User

# --- sending -----------------------------------------------------------------------------


def submit_order(*, by: User, idempotency_key: uuid.UUID | str) -> Order:
    """ORD-7: Skicka beställning. Sending the same cart twice (double click, retry, back
    button) returns the order already sent: the key is the draft's idempotency key."""
    forget_cart_summary(by)
    with transaction.atomic():
        # Lock by key whatever the status: a second send waits here for the first and then
        # finds the order already sent.
        draft = (
            Order.objects.select_for_update(of=("self",))
            .filter(orderer=by, idempotency_key=idempotency_key)
            .select_related("recipient", "service_location")
            .first()
        )
        if draft is None:
            raise OrderRefused(_("Beställningen finns inte – starta en ny beställning."))
        if draft.status != Order.Status.DRAFT:
            return draft
        lines = list(
            draft.lines.select_related("article", "warehouse", "individual").order_by("position")
        )
        _check_before_sending(draft, lines, by)
        now = timezone.now()
        draft.number, draft.sent_at = next_number(day=timezone.localdate(now)), now
        if lines[0].source == OrderLine.Source.OWN_STORE:
            _send_from_own_store(draft, lines, by)
        else:
            _send_central(draft, lines, by)
        return draft


def _check_before_sending(draft: Order, lines: list[OrderLine], by: User) -> None:
    if not lines:
        raise OrderRefused(_("Beställningen har inga rader."))
    if draft.recipient is not None:
        require_active(draft.recipient)
        if draft.prescriber not in allowed_prescribers(by):
            raise OrderRefused(_("Du får inte registrera beställningar i förskrivarens namn."))
    require_location(by, draft.service_location)
    for line in lines:
        if draft.kind == Order.Kind.REFILL:
            check_refill_article(line.article)
        if line.reused:  # BEY-3: the reserved individual is still in 70 (no purchase)
            check_individual(line.individual, line.warehouse)
            continue
        check_article(
            article=line.article, source=line.source, warehouse=line.warehouse, comment=line.comment
        )
    check_rights(draft, [line.article for line in lines])
    own_store = lines[0].source == OrderLine.Source.OWN_STORE
    if not own_store:
        check_delivery(
            draft,
            method=draft.delivery_method,
            address=draft.delivery_address or "\n".join(draft.service_location.address_lines),
            consolidated=draft.consolidated,
        )
        if not draft.delivery_address:
            draft.delivery_address = "\n".join(draft.service_location.address_lines)


def _snapshot(line: OrderLine) -> None:
    article = line.article
    line.article_number, line.article_name = article.number, article.name
    line.unit_price, line.fee_amount = article.price, article.fee_amount if line.patient_fee else 0


def _send_from_own_store(draft: Order, lines: list[OrderLine], by: User) -> None:
    """ORD-12/ORD-13: withdraw everything at once (refused whole with what is left), deliver."""
    # ORD-D10: the balances before the individuals, as central delivery takes them.
    stock.lock_balances([(line.warehouse, line.article) for line in lines])
    individuals = _lock_individuals([line.individual_id for line in lines if line.individual_id])
    for line in lines:
        if line.individual_id:
            check_individual(individuals[line.individual_id], line.warehouse)
    stock.apply_changes(
        [stock.Change(line.warehouse, line.article, quantity=-line.quantity) for line in lines],
        reason=StockMovement.Reason.WITHDRAWAL,
        reference=draft.number,
        by=by,
    )
    today, now = timezone.localdate(), timezone.now()
    draft.kind = Order.Kind.INDIVIDUAL if individuals else Order.Kind.OWN_STORE
    draft.status = Order.Status.DELIVERED
    draft.delivery_method, draft.consolidated = Order.DeliveryMethod.TO_UNIT, False
    draft.save()
    for line in lines:
        _snapshot(line)
        line.status, line.delivered_at, line.planned_delivery_date = (
            OrderLine.Status.DELIVERED,
            now,
            today,
        )
    OrderLine.objects.bulk_update(
        lines,
        [
            "article_number",
            "article_name",
            "unit_price",
            "fee_amount",
            "status",
            "delivered_at",
            "planned_delivery_date",
        ],
    )
    for line in lines:
        if line.individual_id:
            stock.hand_out_individuals(
                individuals=[line.individual],
                warehouse=line.warehouse,
                to=draft.recipient.personnummer,
                reference=draft.number,
                by=by,
            )
        _record_devices(draft, line)
        devices.deliver_devices(order_line_id=line.pk, day=today)
        billing.record_delivery_charges(by=by, order=draft, line=line, day=today)
    record_event(draft, None, Order.Status.DRAFT, Order.Status.DELIVERED, by)


def _lock_individuals(ids: list[int]) -> dict[int, Individual]:
    return {
        i.pk: i for i in Individual.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }


def _send_central(draft: Order, lines: list[OrderLine], by: User) -> None:
    """ORD-2: lines on 70 allocate their quantity (available drops); a line 70 cannot cover
    waits with a later planned date. Lines on 750 wait for a purchase order (ORD-8)."""
    today = timezone.localdate()
    balances = stock.lock_balances(
        [
            (line.warehouse, line.article)
            for line in lines
            if line.warehouse.kind == Warehouse.Kind.CENTRAL
        ]
    )
    free = {key: balance.available for key, balance in balances.items()}
    allocations = []
    for line in lines:
        _snapshot(line)
        line.status = OrderLine.Status.REGISTERED
        if line.warehouse.kind == Warehouse.Kind.CENTRAL:
            key = (line.warehouse_id, line.article_id)
            if free[key] >= line.quantity:
                free[key] -= line.quantity
                line.allocated = line.quantity
                allocations.append(
                    stock.Change(line.warehouse, line.article, allocated=line.quantity)
                )
                line.planned_delivery_date = add_workdays(today, CENTRAL_SHIPPING_DAYS)
            else:
                line.status = OrderLine.Status.WAITING
                line.planned_delivery_date = add_workdays(
                    today, line.article.delivery_days + CENTRAL_SHIPPING_DAYS
                )
        else:
            line.planned_delivery_date = add_workdays(today, line.article.delivery_days)
    if allocations:
        stock.apply_changes(
            allocations, reason=StockMovement.Reason.DELIVERY, reference=draft.number, by=by
        )
    draft.status = Order.Status.REGISTERED
    draft.save()
    OrderLine.objects.bulk_update(
        lines,
        [
            "article_number",
            "article_name",
            "unit_price",
            "fee_amount",
            "status",
            "allocated",
            "planned_delivery_date",
        ],
    )
    for line in lines:
        _record_devices(draft, line)
    record_event(draft, None, Order.Status.DRAFT, Order.Status.REGISTERED, by)


def _record_devices(order: Order, line: OrderLine) -> None:
    if order.recipient_id is None:
        return
    devices.record_ordered_devices(
        recipient=order.recipient,
        article=line.article,
        quantity=line.quantity,
        order_line_id=line.pk,
        order_number=order.number,
        prescriber=order.prescriber,
        service_location=order.service_location,
        planned_delivery_date=line.planned_delivery_date,
        individual=line.individual,
        trial_until=order.trial_until,
    )
