"""Stock refill (ORD-14) and purchase orders (ORD-8)."""

from django.db import transaction
from django.utils.translation import gettext as _

from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine, PurchaseOrder
from orders.services.common import PURCHASING_NUMBER, require_location
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
    with transaction.atomic():
        draft = (
            Order.objects.select_for_update().filter(orderer=by, status=Order.Status.DRAFT).first()
        )
        if draft and draft.lines.exists():
            raise OrderRefused(
                _("Du har redan en pågående beställning. Skicka eller töm den först.")
            )
        draft = draft or Order(orderer=by)
        draft.kind, draft.recipient, draft.prescriber = Order.Kind.REFILL, None, None
        draft.service_location = service_location
        draft.delivery_method = Order.DeliveryMethod.TO_UNIT
        draft.delivery_address = "\n".join(service_location.address_lines)
        draft.delivery_contact = ", ".join(p for p in [by.full_name, by.phone, by.email] if p)
        draft.consolidated = False
        draft.save()
        return draft


def create_purchase_orders(*, by: User, order: Order) -> list[PurchaseOrder]:
    """ORD-8: Skapa inköpsorder — one purchase order per supplier of the sent order's open
    lines on 750 (service purchases included). Creating them twice creates them once: the
    order row is locked, lines already on a purchase order are skipped, and the database
    holds one purchase order per (order, supplier). Returns all the order's purchase orders."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status in (Order.Status.DRAFT, Order.Status.CANCELLED):
            raise OrderRefused(_("Inköpsorder kan bara skapas för en skickad beställning."))
        require_location(by, order.service_location)
        lines = list(
            order.lines.select_for_update(of=("self",))
            .filter(warehouse__number=PURCHASING_NUMBER, purchase_order__isnull=True)
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
