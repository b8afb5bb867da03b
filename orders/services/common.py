"""Shared rules and history of the order services."""

from django.urls import reverse
from django.utils.translation import gettext as _

from orders.exceptions import OrderRefused
from orders.models import Order, OrderEvent, OrderLine
from recipients.models import Recipient
from recipients.services import ensure_active
from sesam.models import ServiceLocation, User
from sesam.services import send_message

CENTRAL_SHIPPING_DAYS = 2  # ORD-D2: from 70 to the unit, in working days
MAX_QUANTITY = 999


# --- who may do what ---------------------------------------------------------------------


def allowed_prescribers(user: User) -> list[User]:
    """ACC-3: a prescriber prescribes as themself or a linked prescriber; an orderer without
    prescribing right only in the name of a linked prescriber."""
    linked = list(user.linked_prescribers.filter(is_active=True, is_prescriber=True))
    return ([user] if user.is_prescriber else []) + [p for p in linked if p.pk != user.pk]


def require_location(user: User, location: ServiceLocation) -> None:
    if not user.memberships.filter(service_location=location).exists():
        raise OrderRefused(
            _("Du är inte kopplad till tjänstestället %(name)s.") % {"name": location.name}
        )


def require_active(recipient: Recipient) -> None:
    """REC-3, through the recipients app's own rule."""
    ensure_active(recipient)


# --- locking (ORD-D10) ----------------------------------------------------------------------


def lock_orders(order_ids) -> dict[int, Order]:
    """Locks orders in primary-key order, first of all (then their lines, then stock balances
    through inventory.services.lock_balances): every orders service takes its locks in this
    one order, so two of them never deadlock, and a service that settles an order's status
    from its lines (`settle_order_status`) sees every sibling line as the others left it."""
    return {
        order.pk: order
        for order in Order.objects.select_for_update(of=("self",))
        .filter(pk__in=set(order_ids))
        .select_related("service_location", "recipient", "orderer", "prescriber")
        .order_by("pk")
    }


def lock_order(order_id: int) -> Order:
    """One order, locked (see `lock_orders`)."""
    order = lock_orders([order_id]).get(order_id)
    if order is None:
        raise OrderRefused(_("Beställningen finns inte."))
    return order


def settle_order_status(order: Order, by: User) -> None:
    """The order's status follows its lines: all cancelled → Makulerad; every live line
    delivered → Levererad; some delivered → Dellevererad; otherwise unchanged. The caller
    holds the order's lock (`lock_orders`), so the sibling lines read here are settled."""
    statuses = set(order.lines.values_list("status", flat=True))
    live = statuses - {OrderLine.Status.CANCELLED}
    if not live:
        new = Order.Status.CANCELLED
    elif live == {OrderLine.Status.DELIVERED}:
        new = Order.Status.DELIVERED
    elif OrderLine.Status.DELIVERED in live:
        new = Order.Status.PARTLY_DELIVERED
    else:
        new = order.status
    if new != order.status:
        record_event(order, None, order.status, new, by)
        order.status = new
        order.save(update_fields=["status"])


# --- messages (HOME-5) -----------------------------------------------------------------------


def tell_about_order(order: Order, *, subject: str, body: str) -> None:
    """A message to the order's orderer and prescriber, linking to the order page."""
    send_message(
        to=[order.orderer, order.prescriber],
        subject=subject,
        body=body,
        link=reverse("orders:detail", args=[order.number]),
    )


def tell_delivered(order: Order, lines: list[OrderLine]) -> None:
    """HOME-5: lines of the order were delivered (from 70, or received from a supplier)."""
    tell_about_order(
        order,
        subject=_("Beställning %(number)s är levererad") % {"number": order.number},
        body=", ".join(f"{line.quantity} × {line.article_name}" for line in lines),
    )


# --- history -----------------------------------------------------------------------------


def record_event(
    order: Order, line: OrderLine | None, old: str, new: str, by: User | None, note: str = ""
) -> None:
    """The history row of a change of the order (line None) or of one of its lines. Every
    service that moves an order's status records it here, so a move that Order.TRANSITIONS
    does not allow is refused here (inside the caller's transaction, which it rolls back)."""
    if line is None and new not in Order.TRANSITIONS.get(old, set()):
        raise OrderRefused(
            _("En beställning med status %(old)s kan inte få status %(new)s.")
            % {"old": Order.Status(old).label, "new": Order.Status(new).label}
        )
    OrderEvent.objects.create(
        order=order, line=line, from_status=old, to_status=new, by=by, note=note
    )
