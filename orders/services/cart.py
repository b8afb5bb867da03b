"""The cart: a draft Order, one per user (ORD-1…ORD-6, ORD-15)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory.models import Article, Individual, Warehouse
from inventory.rights import load_rights
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.selectors import forget_cart_summary, line_warehouse
from orders.services.common import (
    MAX_QUANTITY,
    allowed_prescribers,
    require_active,
    require_location,
)
from recipients.models import Recipient
from sesam.lib.addresses import same_address
from sesam.lib.personnummer import is_adult
from sesam.models import ServiceLocation, User

# --- the cart ----------------------------------------------------------------------------


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
    require_active(recipient)
    require_location(by, service_location)
    if prescriber not in allowed_prescribers(by):
        raise OrderRefused(
            _("Du får inte registrera beställningar i %(name)s namn.")
            % {"name": prescriber.full_name}
        )
    return start_draft(
        by=by,
        kind=kind,
        recipient=recipient,
        prescriber=prescriber,
        service_location=service_location,
        payment_commitment=recipient.payment_commitment,
        delivery_contact=by.contact_line,
    )


def lock_draft(by: User) -> Order | None:
    """The user's draft (cart), locked, or None (ORD-D10: the order before its lines). Its
    caller changes it: the top bar's summary is read again."""
    forget_cart_summary(by)
    return (
        Order.objects.select_for_update(of=("self",))
        .filter(orderer=by, status=Order.Status.DRAFT)
        .first()
    )


def start_draft(*, by: User, **fields) -> Order:
    """The start of Skapa ny beställning and Lagerpåfyllnad (ORD-1, ORD-14, ORD-D3): the user's
    empty draft is reused with `fields`, one with lines is refused. A concurrent double start
    (two tabs, a double click) meets the one-draft-per-user constraint: the loser's insert
    waits for the winner and fails, and the loser then reuses the winner's draft (ORD-D11)."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                draft = lock_draft(by)
                if draft and draft.lines.exists():
                    raise OrderRefused(
                        _("Du har redan en pågående beställning. Skicka eller töm den först.")
                    )
                draft = draft or Order(orderer=by)
                for name, value in fields.items():
                    setattr(draft, name, value)
                draft.save()
                return draft
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def discard_draft(*, by: User) -> None:
    """Töm varukorgen: the user's draft and its lines are removed."""
    forget_cart_summary(by)
    with transaction.atomic():
        Order.objects.filter(orderer=by, status=Order.Status.DRAFT).delete()


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


def check_rights(order: Order, articles: list[Article]) -> None:
    """BEY-1: a prescription's articles lie within its prescriber's rights — the prescriber's
    own, also when an orderer registers in their name. A refill prescribes nothing."""
    if order.kind == Order.Kind.REFILL or order.prescriber_id is None:
        return
    rights = load_rights(order.prescriber)
    for article in articles:
        reason = rights.refusal(article)
        if reason:
            raise OrderRefused(
                _("%(name)s ligger utanför förskrivningsrätten för %(prescriber)s. %(reason)s")
                % {"name": article.name, "prescriber": order.prescriber.full_name, "reason": reason}
            )


def check_refill_article(article: Article) -> None:
    """ORD-14 with ART-7: a refill buys goods for the unit's store, so only articles that may
    be purchased; [decision SUP-D2] no service purchases (they are bought for a recipient) and
    no central-only articles (ART-9: they could never leave the store again)."""
    if not article.can_be_purchased:
        raise OrderRefused(
            _("%(name)s har status %(status)s och kan inte köpas in till lager.")
            % {"name": article.name, "status": article.get_status_display()}
        )
    if article.type == Article.Type.SERVICE:
        raise OrderRefused(
            _("%(name)s är ett tjänsteköp. Tjänster beställs till en mottagare, inte till lager.")
            % {"name": article.name}
        )
    if article.central_only:
        raise OrderRefused(
            _(
                "%(name)s får endast förskrivas från Hjälpmedelsverksamheten och kan inte "
                "beställas till eget förråd."
            )
            % {"name": article.name}
        )


def add_line(
    *,
    by: User,
    article: Article,
    quantity: int,
    source: str,
    comment: str = "",
    individual: Individual | None = None,
    reuse_declined: str = "",
) -> OrderLine:
    """ORD-2: Beställ on a search hit adds a line to the user's cart. `reuse_declined`: why
    the prescriber declined the reused individuals offered (BEY-3), kept on a central line."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise OrderRefused(_("Ange ett antal mellan 1 och %(max)s.") % {"max": MAX_QUANTITY})
    with transaction.atomic():
        draft = lock_draft(by)
        if draft is None:
            raise OrderRefused(_("Starta en ny beställning först (Beställning → Ny beställning)."))
        if draft.kind == Order.Kind.REFILL:
            source = OrderLine.Source.CENTRAL
            check_refill_article(article)
        check_one_source(draft, source)
        warehouse = line_warehouse(
            article=article, source=source, service_location=draft.service_location
        )
        check_article(article=article, source=source, warehouse=warehouse, comment=comment)
        check_rights(draft, [article])
        if article.is_individual and source == OrderLine.Source.OWN_STORE and individual is None:
            raise OrderRefused(
                _("%(name)s är individmärkt: lämna ut den via Individ → Leverera individen.")
                % {"name": article.name}
            )
        if individual is not None:
            check_individual(individual, warehouse)
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
            patient_fee=patient_fee(draft, article),
            reuse_declined=reuse_declined.strip()[:200]
            if source == OrderLine.Source.CENTRAL and individual is None
            else "",
        )


def check_one_source(draft: Order, source: str) -> None:
    """ORD-2: a cart's lines come from one source."""
    existing = set(draft.lines.values_list("source", flat=True))
    if existing and source not in existing:
        raise OrderRefused(
            _(
                "Beställningen har redan rader med leverans från %(source)s. "
                "Skicka den först och gör en ny beställning för resten."
            )
            % {"source": OrderLine.Source(existing.pop()).label}
        )


def patient_fee(order: Order, article: Article) -> bool:
    """ORD-4 / BIL-1: recipients aged 20 or more pay the fee of articles that carry one."""
    if order.recipient is None or not article.has_fee:
        return False
    return is_adult(order.recipient.personnummer, timezone.localdate())


def check_individual(individual: Individual, warehouse: Warehouse) -> None:
    """ORD-13: the individual must lie in stock in the chosen location's own warehouse."""
    if individual.status != Individual.Status.IN_STOCK or individual.warehouse_id != warehouse.pk:
        raise OrderRefused(
            _(
                "Individen %(number)s finns inte på lager %(warehouse)s och kan inte levereras "
                "härifrån."
            )
            % {"number": individual.number, "warehouse": warehouse.number}
        )
    if individual.blocked_by:  # BEY-5: a recalled individual waits for its release
        raise OrderRefused(
            _("Individen %(number)s är spärrad av återkallelse %(recall)s.")
            % {"number": individual.number, "recall": individual.blocked_by}
        )


def _draft_line(by: User, line_id: int) -> OrderLine:
    """A line of the user's draft, locked after the draft (ORD-D10)."""
    draft = lock_draft(by)
    line = draft and OrderLine.objects.select_for_update().filter(pk=line_id, order=draft).first()
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


def delivery_addresses(order: Order) -> list[tuple[str, str]]:
    """ORD-6: the address list — the unit's, and the patient's registered one (never under
    protected identity, REC-5). Pairs of (method, address text)."""
    choices = [(Order.DeliveryMethod.TO_UNIT, "\n".join(order.service_location.address_lines))]
    if order.recipient and order.recipient.address_lines and order.kind != Order.Kind.REFILL:
        choices.append((Order.DeliveryMethod.TO_PATIENT, "\n".join(order.recipient.address_lines)))
    return choices


def only_unit_address(order: Order) -> bool:
    """REC-5 (REC-D122): an order for a recipient with protected identity goes to its unit's
    address and no other: nothing else is offered, and a typed address is refused."""
    return bool(order.recipient and order.recipient.protected_identity)


def set_delivery(
    *,
    by: User,
    method: str,
    address: str,
    contact: str,
    consolidated: bool,
    trial_until: datetime.date | None = None,
) -> Order:
    """ORD-6: Leveranssätt, address, contact and Samleverans of the user's cart; BEY-2:
    Leverans på prov until `trial_until`. Under protected identity the unit's address is
    stored as the unit has it (REC-D122)."""
    with transaction.atomic():
        draft = lock_draft(by)
        if draft is None:
            raise OrderRefused(_("Du har ingen pågående beställning."))
        check_delivery(draft, method=method, address=address, consolidated=consolidated)
        if only_unit_address(draft):
            address = "\n".join(draft.service_location.address_lines)
        check_trial(draft, trial_until)
        draft.trial_until = trial_until
        draft.delivery_method, draft.delivery_address = method, address.strip()
        draft.delivery_contact, draft.consolidated = contact.strip(), consolidated
        draft.save(
            update_fields=[
                "delivery_method",
                "delivery_address",
                "delivery_contact",
                "consolidated",
                "trial_until",
            ]
        )
        return draft


MAX_TRIAL_DAYS = 180


def check_trial(order: Order, trial_until: datetime.date | None) -> None:
    """BEY-2: a trial loan is a prescription to a recipient, delivered from 70 (a device
    bought from a supplier for one patient is not lent on trial), ending within 180 days."""
    if trial_until is None:
        return
    today = timezone.localdate()
    if order.kind == Order.Kind.REFILL or order.recipient_id is None:
        raise OrderRefused(_("Leverans på prov gäller förskrivning till en mottagare."))
    if not today < trial_until <= today + datetime.timedelta(days=MAX_TRIAL_DAYS):
        raise OrderRefused(
            _("Ange ett slutdatum för provet efter i dag och inom %(days)s dagar.")
            % {"days": MAX_TRIAL_DAYS}
        )
    if order.lines.exclude(warehouse__kind=Warehouse.Kind.CENTRAL).exists():
        raise OrderRefused(
            _("Leverans på prov går bara när alla rader levereras från centrallager 70.")
        )


def check_delivery(order: Order, *, method: str, address: str, consolidated: bool) -> None:
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
    unit_address = "\n".join(order.service_location.address_lines)
    if only_unit_address(order) and not same_address(address, unit_address):
        raise OrderRefused(
            _(
                "Mottagaren har skyddad identitet: leveransen går till enhetens adress. "
                "En annan adress kan inte anges."
            )
        )
    if consolidated and order.lines.filter(warehouse__kind=Warehouse.Kind.PURCHASING).exists():
        raise OrderRefused(
            _("Samleverans går inte när någon rad levereras direkt från leverantör (750).")
        )
