"""Stock refill (ORD-14) and purchase orders (ORD-8)."""

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from inventory.models import Warehouse
from inventory.reorder import refill_suggestions
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine, PurchaseOrder
from orders.services.cart import add_line, start_draft
from orders.services.common import lock_order, require_location
from sesam.lib.numbers import next_number
from sesam.models import ServiceLocation, User


def start_refill(*, by: User, service_location: ServiceLocation) -> Order:
    """ORD-14: Lagerpåfyllnad. The service location decides the warehouse the goods go to.
    Private clinics hold no stock (ACC-7)."""
    require_location(by, service_location)
    if service_location.is_private:
        raise OrderRefused(
            _("Privata mottagningar har inget eget lager och kan inte göra lagerpåfyllnad.")
        )
    if not hasattr(service_location, "warehouse"):
        raise OrderRefused(_("Tjänstestället har inget eget förråd."))
    return start_draft(
        by=by,
        kind=Order.Kind.REFILL,
        recipient=None,
        prescriber=None,
        service_location=service_location,
        delivery_method=Order.DeliveryMethod.TO_UNIT,
        delivery_address="\n".join(service_location.address_lines),
        delivery_contact=by.contact_line,
        consolidated=False,
    )


def suggest_refill(*, by: User, service_location: ServiceLocation) -> list[OrderLine]:
    """BEY-8: Föreslå påfyllnad — the refill cart filled up to the store's reorder levels:
    for each article whose balance plus what is ordered and not yet received is below its
    minimum, a line up to its refill level. Articles that may not be purchased (ART-7) are
    left out. Returns the lines added."""
    draft = start_refill(by=by, service_location=service_location)
    warehouse = service_location.warehouse
    open_lines = OrderLine.objects.filter(
        order__service_location=service_location,
        order__kind=Order.Kind.REFILL,
        status__in=[
            OrderLine.Status.DRAFT,
            OrderLine.Status.REGISTERED,
            OrderLine.Status.WAITING,
            OrderLine.Status.PICKING,
        ],
    ).filter(Q(order=draft) | ~Q(status=OrderLine.Status.DRAFT))
    on_order = dict(
        open_lines.values("article_id").annotate(n=Sum("quantity")).values_list("article_id", "n")
    )
    added = []
    for suggestion in refill_suggestions(warehouse, on_order):
        try:
            added.append(
                add_line(
                    by=by,
                    article=suggestion.article,
                    quantity=suggestion.quantity,
                    source=OrderLine.Source.CENTRAL,
                )
            )
        except OrderRefused:
            continue  # e.g. Utgående: cannot be purchased (ART-7)
    return added


def create_purchase_orders(*, by: User, order: Order) -> list[PurchaseOrder]:
    """ORD-8: Skapa inköpsorder — one purchase order per supplier of the sent order's open
    lines on 750 (service purchases included). Creating them twice creates them once: the
    order row is locked, lines already on a purchase order are skipped, and the database
    holds one purchase order per (order, supplier). Returns all the order's purchase orders."""
    with transaction.atomic():
        order = lock_order(order.pk)
        if order.status in (Order.Status.DRAFT, Order.Status.CANCELLED):
            raise OrderRefused(_("Inköpsorder kan bara skapas för en skickad beställning."))
        require_location(by, order.service_location)
        lines = list(
            order.lines.select_for_update(of=("self",))
            .filter(warehouse__kind=Warehouse.Kind.PURCHASING, purchase_order__isnull=True)
            .exclude(status__in=[OrderLine.Status.CANCELLED, OrderLine.Status.DELIVERED])
            .select_related("article")
            .order_by("pk")
        )
        existing = {po.supplier_id: po for po in order.purchase_orders.all()}
        for supplier_id in sorted({line.article.supplier_id for line in lines}):
            po = existing.get(supplier_id)
            if po is None:
                po = PurchaseOrder.objects.create(
                    number=next_number(), order=order, supplier_id=supplier_id, created_by=by
                )
                existing[supplier_id] = po
            OrderLine.objects.filter(
                pk__in=[line.pk for line in lines if line.article.supplier_id == supplier_id]
            ).update(purchase_order=po)
        return sorted(existing.values(), key=lambda po: po.number)
