"""Kvittera direktleverans (RCV-1…RCV-8) and Makulera rader (RCV-6)."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory import services as stock
from inventory.models import StockMovement
from inventory.services import NewIndividual
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine, Receipt
from orders.services.common import (
    PURCHASING_NUMBER,
    record_event,
    require_location,
    settle_order_status,
)
from recipients import services as devices
from sesam.models import User
from sesam.services import send_message

OPEN = (OrderLine.Status.REGISTERED, OrderLine.Status.WAITING)


@dataclass(frozen=True)
class LineReceipt:
    """What the user enters for one ticked line: the á-pris (required when the line's price is
    0, RCV-3) and, for an individual-marked article, one individual per unit (RCV-4)."""

    line_id: int
    unit_price: Decimal | None = None
    individuals: tuple[NewIndividual, ...] = field(default_factory=tuple)


def _lock_open_lines(by: User, line_ids: list[int]) -> list[OrderLine]:
    # The parent before its children, as Skapa inköpsorder and Makulera lock them: locking
    # the lines first and then updating the order's status deadlocked with them (QUA-D6).
    order_ids = OrderLine.objects.filter(pk__in=line_ids).values("order_id")
    list(Order.objects.select_for_update().filter(pk__in=order_ids).order_by("pk").values("pk"))
    lines = list(
        OrderLine.objects.select_for_update(of=("self",))
        .filter(pk__in=line_ids)
        .select_related(
            "order", "order__service_location", "order__recipient", "article", "warehouse"
        )
        .order_by("pk")
    )
    if len(lines) != len(set(line_ids)):
        raise OrderRefused(_("En rad finns inte."))
    for line in lines:
        require_location(by, line.order.service_location)  # ACC-5: anyone at the location
        if line.warehouse.number != PURCHASING_NUMBER or line.order.status == Order.Status.DRAFT:
            raise OrderRefused(
                _("Rad %(n)s är ingen direktleverans från leverantör.") % {"n": line.position}
            )
        if line.status not in OPEN:
            raise OrderRefused(
                _("Rad %(n)s (%(name)s) är redan %(status)s.")
                % {
                    "n": line.position,
                    "name": line.article_name,
                    "status": line.get_status_display().lower(),
                }
            )
    return lines


def receive_lines(*, by: User, receipts: list[LineReceipt]) -> list[Receipt]:
    """RCV-7: each ticked line is received whole (RCV-5), once. Refill lines raise the unit's
    stock (individuals land in its warehouse); prescription lines become the recipient's
    delivered devices. The receipt records who, when and the price (RCV-8). All in one
    transaction: a refused line leaves every line unreceived."""
    if not receipts:
        raise OrderRefused(_("Markera de rader som har levererats."))
    with transaction.atomic():
        lines = _lock_open_lines(by, [r.line_id for r in receipts])
        by_id = {r.line_id: r for r in receipts}
        done, now = [], timezone.now()
        for line in lines:
            entry = by_id[line.pk]
            price = _price(line, entry)
            reference = line.purchase_order.number if line.purchase_order_id else line.order.number
            _bring_in(line, _with_purchase(entry, price, now.date()), reference, by)
            receipt = Receipt.objects.create(line=line, unit_price=price, by=by)
            old = line.status
            line.status, line.delivered_at, line.planned_delivery_date = (
                OrderLine.Status.DELIVERED,
                now,
                now.date(),
            )
            line.save(update_fields=["status", "delivered_at", "planned_delivery_date"])
            record_event(line.order, line, old, line.status, by, note=_("Kvitterad"))
            done.append(receipt)
        for order in {line.order_id: line.order for line in lines}.values():
            settle_order_status(order, by)
            received = [line for line in lines if line.order_id == order.pk]
            send_message(
                to=[order.orderer, order.prescriber],
                subject=_("Beställning %(number)s är levererad") % {"number": order.number},
                body=", ".join(f"{line.quantity} × {line.article_name}" for line in received),
                link=f"/bestallning/{order.number}/",
            )
        return done


def _price(line: OrderLine, entry: LineReceipt) -> Decimal:
    """RCV-3: a line whose price is 0 needs its unit price (á-pris) before it can be received."""
    price = entry.unit_price if entry.unit_price is not None else line.unit_price
    if price is None or price <= 0:
        raise OrderRefused(
            _("Ange á-pris för %(name)s. Är följesedelns pris en totalsumma, dela den med antalet.")
            % {"name": line.article_name}
        )
    return price


def _with_purchase(entry: LineReceipt, price: Decimal, day) -> LineReceipt:
    """The individuals received carry their purchase date and price (IND-2 shows them)."""
    units = tuple(
        replace(
            new,
            purchase_date=new.purchase_date or day,
            purchase_price=price if new.purchase_price is None else new.purchase_price,
        )
        for new in entry.individuals
    )
    return replace(entry, individuals=units)


def _bring_in(line: OrderLine, entry: LineReceipt, reference: str, by: User) -> None:
    article, order = line.article, line.order
    if article.is_individual and (
        len(entry.individuals) != line.quantity
        or any(not new.serial_number.strip() for new in entry.individuals)
    ):
        raise OrderRefused(
            _(
                "Ange individnummer och serienummer för var och en av de %(q)s "
                "enheterna av %(name)s."
            )
            % {"q": line.quantity, "name": line.article_name}
        )
    if not article.is_individual and entry.individuals:
        raise OrderRefused(_("%(name)s är inte individmärkt.") % {"name": line.article_name})
    if order.kind == Order.Kind.REFILL:
        target = order.service_location.warehouse
        if article.is_individual:
            stock.create_individuals(
                article=article,
                warehouse=target,
                individuals=list(entry.individuals),
                by=by,
                reference=reference,
            )
        else:
            stock.add_stock(
                warehouse=target,
                article=article,
                quantity=line.quantity,
                by=by,
                reference=reference,
            )
        return
    created = []
    if article.is_individual:
        # The units pass through the purchasing warehouse on their way to the recipient, so
        # each individual has a history and the stock movements sum to zero on 750.
        created = stock.create_individuals(
            article=article,
            warehouse=line.warehouse,
            individuals=list(entry.individuals),
            by=by,
            reference=reference,
        )
        stock.apply_changes(
            [stock.Change(line.warehouse, article, quantity=-len(created))],
            reason=StockMovement.Reason.DELIVERY,
            reference=reference,
            by=by,
        )
        stock.hand_out_individuals(
            individuals=created,
            warehouse=line.warehouse,
            to=order.recipient.personnummer,
            reference=order.number,
            by=by,
        )
    devices.deliver_devices(order_line_id=line.pk, individuals=created)


def cancel_lines(*, by: User, line_ids: list[int]) -> list[OrderLine]:
    """RCV-6: Makulera rader — lines that cannot be delivered are cancelled (the user tells
    the supplier). Their devices leave the Beställt tab."""
    if not line_ids:
        raise OrderRefused(_("Markera de rader som ska makuleras."))
    with transaction.atomic():
        lines = _lock_open_lines(by, line_ids)
        for line in lines:
            old, line.status = line.status, OrderLine.Status.CANCELLED
            line.save(update_fields=["status"])
            devices.cancel_devices(order_line_id=line.pk)
            record_event(line.order, line, old, line.status, by, note=_("Makulerad rad"))
        for order in {line.order_id: line.order for line in lines}.values():
            settle_order_status(order, by)
        return lines
