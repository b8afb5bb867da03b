"""Writes of orders: the cart (draft), sending, central dispatch (ORD).

A draft is an Order with status DRAFT, one per user (ORD-1). Sending is one transaction:
lock the draft, check every rule again, allocate or withdraw stock (inventory.services, which
locks balances in primary-key order), number the order, record devices and history."""

import datetime
import uuid

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory import services as stock
from inventory.models import Article, Individual, StockBalance, StockMovement, Warehouse
from orders.exceptions import OrderRefused
from orders.models import Order, OrderEvent, OrderLine
from recipients import services as devices
from recipients.models import Recipient
from sesam.lib.numbers import next_number
from sesam.lib.personnummer import is_adult
from sesam.lib.workdays import add_workdays
from sesam.models import ServiceLocation, User
from sesam.services import send_message

CENTRAL_NUMBER, PURCHASING_NUMBER = "70", "750"
CENTRAL_SHIPPING_DAYS = 2  # ORD-D2: from 70 to the unit, in working days
MAX_QUANTITY = 999


# --- who may do what ---------------------------------------------------------------------


def allowed_prescribers(user: User) -> list[User]:
    """ACC-3: a prescriber prescribes as themself or a linked prescriber; an orderer without
    prescribing right only in the name of a linked prescriber."""
    linked = list(user.linked_prescribers.filter(is_active=True, is_prescriber=True))
    return ([user] if user.is_prescriber else []) + [p for p in linked if p.pk != user.pk]


def _require_location(user: User, location: ServiceLocation) -> None:
    if not user.memberships.filter(service_location=location).exists():
        raise OrderRefused(
            _("Du är inte kopplad till tjänstestället %(name)s.") % {"name": location.name}
        )


def _require_active(recipient: Recipient) -> None:
    if not recipient.is_active:
        raise OrderRefused(_("Mottagaren är inte aktiv – kontakta Hjälpmedel"))


# --- the cart ----------------------------------------------------------------------------


def current_draft(user: User) -> Order | None:
    return Order.objects.filter(orderer=user, status=Order.Status.DRAFT).first()


def start_order(
    *,
    by: User,
    recipient: Recipient,
    prescriber: User,
    service_location: ServiceLocation,
    kind: str = Order.Kind.PRESCRIPTION,
) -> Order:
    """ORD-1: Skapa ny beställning. An empty cart is reused; a cart with lines must be sent or
    emptied first (one draft per user, a database constraint)."""
    _require_active(recipient)
    _require_location(by, service_location)
    if prescriber not in allowed_prescribers(by):
        raise OrderRefused(
            _("Du får inte registrera beställningar i %(name)s namn.")
            % {"name": prescriber.full_name}
        )
    with transaction.atomic():
        draft = (
            Order.objects.select_for_update().filter(orderer=by, status=Order.Status.DRAFT).first()
        )
        if draft and draft.lines.exists():
            raise OrderRefused(
                _("Du har redan en pågående beställning. Skicka eller töm den först.")
            )
        draft = draft or Order(orderer=by)
        draft.kind, draft.recipient, draft.prescriber = kind, recipient, prescriber
        draft.service_location = service_location
        draft.payment_commitment = recipient.payment_commitment
        draft.delivery_contact = _default_contact(by)
        draft.save()
        return draft


def discard_draft(*, by: User) -> None:
    """Töm varukorgen: the user's draft and its lines are removed."""
    with transaction.atomic():
        Order.objects.filter(orderer=by, status=Order.Status.DRAFT).delete()


def line_warehouse(
    *, article: Article, source: str, service_location: ServiceLocation
) -> Warehouse:
    """ORD-2: own store → the location's warehouse; central → 70 when the article is stocked
    there (it has a balance row at 70), otherwise the purchasing warehouse 750."""
    if source == OrderLine.Source.OWN_STORE:
        if service_location.is_private:
            raise OrderRefused(_("Privata mottagningar har inget eget förråd."))
        try:
            return service_location.warehouse
        except Warehouse.DoesNotExist:
            raise OrderRefused(_("Tjänstestället har inget eget förråd.")) from None
    stocked = StockBalance.objects.filter(
        warehouse__number=CENTRAL_NUMBER, article=article
    ).exists()
    return Warehouse.objects.get(number=CENTRAL_NUMBER if stocked else PURCHASING_NUMBER)


def check_article(*, article: Article, source: str, warehouse: Warehouse, comment: str) -> None:
    """The refusals of the line dialog (ORD-3, ORD-15 with ART-7 and ART-9)."""
    if source == OrderLine.Source.OWN_STORE and article.central_only:
        raise OrderRefused(
            _(
                "%(name)s får endast förskrivas från Hjälpmedelsverksamheten, "
                "inte tas ur eget förråd."
            )
            % {"name": article.name}
        )
    if source == OrderLine.Source.CENTRAL and not article.can_be_purchased:
        raise OrderRefused(
            _(
                "%(name)s har status %(status)s och kan inte köpas in. "
                "Förskriv den från eget förråd om det finns saldo."
            )
            % {"name": article.name, "status": article.get_status_display()}
        )
    if article.type == Article.Type.SERVICE and not comment.strip():
        raise OrderRefused(_("Ett tjänsteköp kräver en kommentar om vad som beställs."))


def add_line(
    *,
    by: User,
    article: Article,
    quantity: int,
    source: str,
    comment: str = "",
    individual: Individual | None = None,
) -> OrderLine:
    """ORD-2: Beställ on a search hit adds a line to the user's cart."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise OrderRefused(_("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_QUANTITY})
    with transaction.atomic():
        draft = (
            Order.objects.select_for_update().filter(orderer=by, status=Order.Status.DRAFT).first()
        )
        if draft is None:
            raise OrderRefused(_("Starta en ny beställning först (Beställning → Ny beställning)."))
        if draft.kind == Order.Kind.REFILL:
            source = OrderLine.Source.CENTRAL
        existing = set(draft.lines.values_list("source", flat=True))
        if existing and source not in existing:
            raise OrderRefused(
                _(
                    "Beställningen har redan rader med leverans från %(source)s. "
                    "Skicka den först och gör en ny beställning för resten."
                )
                % {"source": OrderLine.Source(existing.pop()).label}
            )
        warehouse = line_warehouse(
            article=article, source=source, service_location=draft.service_location
        )
        check_article(article=article, source=source, warehouse=warehouse, comment=comment)
        if article.is_individual and source == OrderLine.Source.OWN_STORE and individual is None:
            raise OrderRefused(
                _("%(name)s är individmärkt: lämna ut den via Individ → Leverera individen.")
                % {"name": article.name}
            )
        if individual is not None:
            _check_individual(individual, warehouse)
            if draft.lines.filter(individual=individual).exists():
                raise OrderRefused(_("Individen finns redan i beställningen."))
            quantity, draft.kind = 1, Order.Kind.INDIVIDUAL
            draft.save(update_fields=["kind"])
        position = (draft.lines.aggregate(m=Max("position"))["m"] or 0) + 1
        return OrderLine.objects.create(
            order=draft,
            position=position,
            article=article,
            quantity=quantity,
            source=source,
            warehouse=warehouse,
            comment=comment.strip(),
            individual=individual,
            patient_fee=_patient_fee(draft, article),
        )


def _patient_fee(order: Order, article: Article) -> bool:
    """ORD-4 / BIL-1: recipients aged 20 or more pay the fee of articles that carry one."""
    if order.recipient is None or not article.has_fee:
        return False
    return is_adult(order.recipient.personnummer, timezone.localdate())


def _check_individual(individual: Individual, warehouse: Warehouse) -> None:
    """ORD-13: the individual must lie in stock in the chosen location's own warehouse."""
    if individual.status != Individual.Status.IN_STOCK or individual.warehouse_id != warehouse.pk:
        raise OrderRefused(
            _(
                "Individen %(number)s finns inte på lager %(warehouse)s och kan inte levereras  "
                "ärifrån."
            )
            % {"number": individual.number, "warehouse": warehouse.number}
        )


def _draft_line(by: User, line_id: int) -> OrderLine:
    line = (
        OrderLine.objects.select_for_update()
        .filter(pk=line_id, order__orderer=by, order__status=Order.Status.DRAFT)
        .first()
    )
    if line is None:
        raise OrderRefused(_("Raden finns inte i din pågående beställning."))
    return line


def update_line(
    *, by: User, line_id: int, comment: str | None = None, quantity: int | None = None
) -> OrderLine:
    """ORD-5: the pen edits a line's comment; refills also change the quantity (ORD-14)."""
    with transaction.atomic():
        line = _draft_line(by, line_id)
        if comment is not None:
            if line.article.type == Article.Type.SERVICE and not comment.strip():
                raise OrderRefused(_("Ett tjänsteköp kräver en kommentar om vad som beställs."))
            line.comment = comment.strip()
        if quantity is not None:
            if line.individual_id or not 1 <= quantity <= MAX_QUANTITY:
                raise OrderRefused(
                    _("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_QUANTITY}
                )
            line.quantity = quantity
        line.save(update_fields=["comment", "quantity"])
        return line


def remove_line(*, by: User, line_id: int) -> None:
    """ORD-5: × removes a line from the cart."""
    with transaction.atomic():
        line = _draft_line(by, line_id)
        order = line.order
        line.delete()
        if (
            order.kind == Order.Kind.INDIVIDUAL
            and not order.lines.filter(individual__isnull=False).exists()
        ):
            Order.objects.filter(pk=order.pk).update(kind=Order.Kind.PRESCRIPTION)


def _default_contact(user: User) -> str:
    return ", ".join(part for part in [user.full_name, user.phone, user.email] if part)


def delivery_addresses(order: Order) -> list[tuple[str, str]]:
    """ORD-6: the address list — the unit's, and the patient's registered one (never under
    protected identity, REC-5). Pairs of (method, address text)."""
    choices = [(Order.DeliveryMethod.TO_UNIT, "\n".join(order.service_location.address_lines))]
    if order.recipient and order.recipient.address_lines and order.kind != Order.Kind.REFILL:
        choices.append((Order.DeliveryMethod.TO_PATIENT, "\n".join(order.recipient.address_lines)))
    return choices


def set_delivery(*, by: User, method: str, address: str, contact: str, consolidated: bool) -> Order:
    """ORD-6: Leveranssätt, address, contact and Samleverans of the user's cart."""
    with transaction.atomic():
        draft = (
            Order.objects.select_for_update().filter(orderer=by, status=Order.Status.DRAFT).first()
        )
        if draft is None:
            raise OrderRefused(_("Du har ingen pågående beställning."))
        _check_delivery(draft, method=method, address=address, consolidated=consolidated)
        draft.delivery_method, draft.delivery_address = method, address.strip()
        draft.delivery_contact, draft.consolidated = contact.strip(), consolidated
        draft.save(
            update_fields=[
                "delivery_method",
                "delivery_address",
                "delivery_contact",
                "consolidated",
            ]
        )
        return draft


def _check_delivery(order: Order, *, method: str, address: str, consolidated: bool) -> None:
    if method not in Order.DeliveryMethod.values:
        raise OrderRefused(_("Välj ett leveranssätt."))
    if method == Order.DeliveryMethod.TO_PATIENT:
        if order.kind == Order.Kind.REFILL:
            raise OrderRefused(_("En lagerpåfyllnad levereras alltid till mottagningen/enheten."))
        if order.recipient and order.recipient.protected_identity:
            raise OrderRefused(
                _(
                    "Mottagaren har skyddad identitet: leverans till patient är inte möjlig. "
                    "Leveransen går till enheten."
                )
            )
    if not address.strip():
        raise OrderRefused(_("Ange en leveransadress."))
    if consolidated and order.lines.filter(warehouse__number=PURCHASING_NUMBER).exists():
        raise OrderRefused(
            _("Samleverans går inte när någon rad levereras direkt från leverantör (750).")
        )


# --- sending -----------------------------------------------------------------------------


def submit_order(*, by: User, idempotency_key: uuid.UUID | str) -> Order:
    """ORD-7: Skicka beställning. Sending the same cart twice (double click, retry, back
    button) returns the order already sent: the key is the draft's idempotency key."""
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
        _require_active(draft.recipient)
        if draft.prescriber not in allowed_prescribers(by):
            raise OrderRefused(_("Du får inte registrera beställningar i förskrivarens namn."))
    _require_location(by, draft.service_location)
    for line in lines:
        check_article(
            article=line.article, source=line.source, warehouse=line.warehouse, comment=line.comment
        )
    own_store = lines[0].source == OrderLine.Source.OWN_STORE
    if not own_store:
        _check_delivery(
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
    individuals = _lock_individuals([line.individual_id for line in lines if line.individual_id])
    for line in lines:
        if line.individual_id:
            _check_individual(individuals[line.individual_id], line.warehouse)
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
    _event(draft, None, Order.Status.DRAFT, Order.Status.DELIVERED, by)


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
            if line.warehouse.number == CENTRAL_NUMBER
        ]
    )
    free = {key: balance.available for key, balance in balances.items()}
    allocations = []
    for line in lines:
        _snapshot(line)
        line.status = OrderLine.Status.REGISTERED
        if line.warehouse.number == CENTRAL_NUMBER:
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
    _event(draft, None, Order.Status.DRAFT, Order.Status.REGISTERED, by)


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
    )


def shortages(order: Order) -> dict[int, int]:
    """Before sending (ORD-2): line id → what 70 has available, for the lines on 70 that it
    cannot cover now (the user is told; the line will wait)."""
    lines = [
        line
        for line in order.lines.select_related("warehouse")
        if line.warehouse.number == CENTRAL_NUMBER
    ]
    if not lines:
        return {}
    available = {
        b.article_id: b.available
        for b in StockBalance.objects.filter(
            warehouse__number=CENTRAL_NUMBER, article_id__in=[line.article_id for line in lines]
        )
    }
    result, wanted = {}, {}
    for line in lines:
        wanted[line.article_id] = wanted.get(line.article_id, 0) + line.quantity
        if wanted[line.article_id] > available.get(line.article_id, 0):
            result[line.pk] = max(available.get(line.article_id, 0), 0)
    return result


# --- Hjälpmedel's work on central orders (admin) -----------------------------------------


def set_planned_delivery_date(*, by: User, line: OrderLine, day: datetime.date) -> OrderLine:
    """A delivery date moved: the line, its devices, and a message to orderer and prescriber."""
    with transaction.atomic():
        locked = OrderLine.objects.select_for_update().select_related("order").get(pk=line.pk)
        if locked.status in (OrderLine.Status.DELIVERED, OrderLine.Status.CANCELLED):
            raise OrderRefused(_("Raden är redan levererad eller makulerad."))
        old, locked.planned_delivery_date = locked.planned_delivery_date, day
        locked.save(update_fields=["planned_delivery_date"])
        devices.set_planned_delivery_date(order_line_id=locked.pk, day=day)
        _event(
            locked.order,
            locked,
            locked.status,
            locked.status,
            by,
            note=f"Planerat leveransdatum {old} → {day}",
        )
        order = locked.order
        send_message(
            to=[order.orderer, order.prescriber],
            subject=_("Nytt leveransdatum för beställning %(number)s") % {"number": order.number},
            body=_("%(article)s levereras nu planerat %(day)s.")
            % {"article": locked.article_name, "day": day},
            link=f"/bestallning/{order.number}/",
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
            order=order, status=OrderLine.Status.REGISTERED, warehouse__number=CENTRAL_NUMBER
        ).update(status=OrderLine.Status.PICKING)
        _event(order, None, Order.Status.REGISTERED, Order.Status.PICKING, by)
        order.refresh_from_db()
        return order


def deliver_from_central(*, by: User, order: Order) -> list[OrderLine]:
    """Hjälpmedel delivers an order's lines on 70 (ORD-11: they arrive already received):
    the allocation is consumed (a line that waited takes free stock now), individuals are
    picked oldest first and delivered to the recipient, devices are delivered, the orderer
    and prescriber get a message (HOME-5). Lines 70 still cannot cover keep waiting."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
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
                warehouse__number=CENTRAL_NUMBER,
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
            picked = _pick_individuals(line) if line.article.is_individual else []
            if line.article.is_individual and len(picked) < line.quantity:
                continue
            _hand_over(order, line, picked, by)
            balance.refresh_from_db(fields=["quantity", "allocated"])
            if order.recipient_id:
                devices.deliver_devices(order_line_id=line.pk, individuals=picked, day=today)
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
            _event(order, line, old, line.status, by)
            delivered.append(line)
        if delivered:
            _settle_order_status(order, by)
            send_message(
                to=[order.orderer, order.prescriber],
                subject=_("Beställning %(number)s är levererad") % {"number": order.number},
                body=", ".join(f"{line.quantity} × {line.article_name}" for line in delivered),
                link=f"/bestallning/{order.number}/",
            )
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


def _pick_individuals(line: OrderLine) -> list[Individual]:
    """Oldest first (first in, first out) among the article's individuals in the warehouse."""
    return list(
        Individual.objects.select_for_update(skip_locked=True)
        .filter(article=line.article, warehouse=line.warehouse, status=Individual.Status.IN_STOCK)
        .order_by("created_at", "pk")[: line.quantity]
    )


def _settle_order_status(order: Order, by: User) -> None:
    statuses = set(order.lines.values_list("status", flat=True)) - {OrderLine.Status.CANCELLED}
    new = (
        Order.Status.DELIVERED
        if statuses <= {OrderLine.Status.DELIVERED}
        else Order.Status.PARTLY_DELIVERED
    )
    if new != order.status:
        _event(order, None, order.status, new, by)
        order.status = new
        order.save(update_fields=["status"])


# --- history -----------------------------------------------------------------------------


def _event(
    order: Order, line: OrderLine | None, old: str, new: str, by: User | None, note: str = ""
) -> None:
    OrderEvent.objects.create(
        order=order, line=line, from_status=old, to_status=new, by=by, note=note
    )
