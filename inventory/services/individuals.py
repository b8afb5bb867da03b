"""Individuals (IND): registering, renumbering, handing out, placing and taking back."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory.exceptions import (
    IndividualChanged,
    IndividualNumberTaken,
    IndividualUnavailable,
    NotAnIndividualArticle,
    SipNumberTaken,
)
from inventory.models import (
    Article,
    Individual,
    IndividualEvent,
    StockMovement,
    Warehouse,
)
from inventory.services.stock import Change, apply_changes
from sesam.exceptions import SesamError
from sesam.lib.arrays import EqualsAny
from sesam.lib.device_numbers import (
    individual_number_refusal,
    normalise_individual_number,
    normalise_serial_number,
    serial_number_refusal,
)
from sesam.models import User

# --- Individuals (IND) -------------------------------------------------------------------


def normalise_sip_number(value: str) -> str:
    """SIP numbers are kept stripped and in capitals, so that the uniqueness check and the
    database's case-insensitive unique index (on UPPER(sip_number)) agree (IND-3, IND-D6)."""
    return value.strip().upper()


@dataclass(frozen=True)
class NewIndividual:
    """One unit arriving in a warehouse (receipt, seeding, import)."""

    number: str
    serial_number: str = ""
    sip_number: str = ""
    purchase_date: datetime.date | None = None
    purchase_price: Decimal | None = None
    last_maintenance: datetime.date | None = None
    text_info: str = ""
    lot: str = ""  # BEY-6: from a scanned GS1 code
    expiry_date: datetime.date | None = None


def create_individuals(
    *,
    article: Article,
    warehouse: Warehouse,
    individuals: list[NewIndividual],
    by: User | None,
    reason: str = StockMovement.Reason.RECEIPT,
    reference: str = "",
) -> list[Individual]:
    """Individuals of an individual-marked article arrive in a warehouse: in one transaction
    the individuals are created (status På lager), the warehouse's balance rises by their
    count (one stock movement, STK-4) and each gets a "created" event. Refuses a number that
    exists already or is given twice (IndividualNumberTaken); nothing is created then."""
    if not article.is_individual:
        raise NotAnIndividualArticle(article)
    numbers = [normalise_individual_number(new.number) for new in individuals]
    if not numbers:
        return []
    seen: set[str] = set()
    for number, new in zip(numbers, individuals, strict=True):
        if not number:
            raise SesamError(_("Ange ett individnummer för varje enhet."))
        if refusal := individual_number_refusal(number):  # IND-D123
            raise SesamError(refusal)
        if new.serial_number.strip() and (refusal := serial_number_refusal(new.serial_number)):
            raise SesamError(refusal)
        if number in seen:
            raise IndividualNumberTaken(number)
        seen.add(number)
    with transaction.atomic():
        taken = (
            Individual.objects.annotate(upper_number=Upper("number"))
            .filter(upper_number__in=numbers)
            .values_list("number", flat=True)
        )
        for number in taken[:1]:
            raise IndividualNumberTaken(number)
        rows = [
            Individual(
                number=number,
                serial_number=normalise_serial_number(new.serial_number),
                sip_number=normalise_sip_number(new.sip_number),
                article=article,
                status=Individual.Status.IN_STOCK,
                warehouse=warehouse,
                purchase_date=new.purchase_date,
                purchase_price=new.purchase_price,
                last_maintenance=new.last_maintenance,
                text_info=new.text_info,
                lot=new.lot,
                expiry_date=new.expiry_date,
            )
            for number, new in zip(numbers, individuals, strict=True)
        ]
        try:
            with transaction.atomic():
                created = Individual.objects.bulk_create(rows)
        except IntegrityError as error:
            # A concurrent receipt took a number (or a SIP number) in between.
            raise IndividualNumberTaken(", ".join(numbers)) from error
        apply_changes(
            [Change(warehouse, article, quantity=len(created))],
            reason=reason,
            reference=reference,
            by=by,
        )
        IndividualEvent.objects.bulk_create(
            [
                IndividualEvent(
                    individual=individual,
                    kind=IndividualEvent.Kind.CREATED,
                    to_value=warehouse.number,
                    reference=reference,
                    by=by,
                )
                for individual in created
            ]
        )
    return created


def change_individual_number(*, individual: Individual, new_number: str, by: User) -> Individual:
    """IND-4 Byte av individnummer: the new number must be unique. Compare-and-set on the
    number the user saw; the change is recorded (who, when, from, to)."""
    new = normalise_individual_number(new_number)
    if not new:
        raise SesamError(_("Ange det nya individnumret."))
    if refusal := individual_number_refusal(new):  # IND-D123
        raise SesamError(refusal)
    if new == individual.number:
        raise SesamError(_("Det nya individnumret är samma som det nuvarande."))
    if Individual.objects.filter(number__iexact=new).exclude(pk=individual.pk).exists():
        raise IndividualNumberTaken(new)
    return _change_field(
        individual,
        "number",
        new,
        kind=IndividualEvent.Kind.NUMBER_CHANGED,
        by=by,
        taken=IndividualNumberTaken,
    )


def change_sip_number(*, individual: Individual, sip_number: str, by: User) -> Individual:
    """IND-3: add, change or remove (empty) an individual's SIP number; unique among
    individuals. Compare-and-set on the value the user saw; the change is recorded."""
    new = normalise_sip_number(sip_number)
    if new == individual.sip_number:
        return individual
    if new and Individual.objects.filter(sip_number=new).exclude(pk=individual.pk).exists():
        raise SipNumberTaken(new)
    return _change_field(
        individual,
        "sip_number",
        new,
        kind=IndividualEvent.Kind.SIP_CHANGED,
        by=by,
        taken=SipNumberTaken,
    )


def change_serial_number(*, individual: Individual, serial_number: str, by: User) -> Individual:
    """IND-4: only an administrator changes a serial number (Django admin calls this); the
    change is recorded like the others."""
    new = normalise_serial_number(serial_number)
    if new == individual.serial_number:
        return individual
    if new and (refusal := serial_number_refusal(new)):  # IND-D123
        raise SesamError(refusal)
    return _change_field(
        individual, "serial_number", new, kind=IndividualEvent.Kind.SERIAL_CHANGED, by=by
    )


def _change_field(individual, field, new, *, kind, by, taken=None) -> Individual:
    """Compare-and-set one field on the value the user saw (someone else's change in between
    → IndividualChanged), and record it: who, when, from, to. `taken` is raised when the
    database refuses the value as not unique (a concurrent change took it)."""
    old = getattr(individual, field)
    with transaction.atomic():
        try:
            with transaction.atomic():
                changed = Individual.objects.filter(pk=individual.pk, **{field: old}).update(
                    **{field: new}
                )
        except IntegrityError as error:
            if taken is None:
                raise
            raise taken(new) from error
        if changed != 1:
            now = Individual.objects.filter(pk=individual.pk).values_list(field, flat=True)
            label = Individual._meta.get_field(field).verbose_name
            raise IndividualChanged(field=label, old=old, now=now.first() or "")
        IndividualEvent.objects.create(
            individual=individual, kind=kind, from_value=old, to_value=new, by=by
        )
    setattr(individual, field, new)
    return individual


def hand_out_individuals(
    *, individuals: list[Individual], warehouse: Warehouse, to: str, reference: str, by: User | None
) -> None:
    """Individuals leave `warehouse` for a recipient (ORD-11, ORD-13): compare-and-set on their
    place, so an individual is handed out once. `to` names the receiver in the history. The
    caller moves the stock balance in the same transaction."""
    ids = [individual.pk for individual in individuals]
    changed = Individual.objects.filter(
        pk__in=ids, status=Individual.Status.IN_STOCK, warehouse=warehouse, blocked_by=""
    ).update(
        status=Individual.Status.DELIVERED,
        warehouse=None,
        refurbished_at=None,  # BEY-3: reused now; a later return is judged anew
        refurbished_by=None,
    )
    if changed != len(ids):
        if blocked := Individual.objects.filter(pk__in=ids).exclude(blocked_by="").first():
            raise IndividualUnavailable(
                _("Individ %(n)s är spärrad av återkallelse %(r)s och får inte lämnas ut.")
                % {"n": blocked.number, "r": blocked.blocked_by}
            )
        raise IndividualUnavailable(
            _("En individ finns inte längre på lager %(w)s.") % {"w": warehouse.number}
        )
    _record_moves(
        ids,
        kind=IndividualEvent.Kind.DELIVERED,
        from_value=warehouse.number,
        to_value=to,
        reference=reference,
        by=by,
    )


def _pk_any(ids) -> Q:
    return Q(EqualsAny(F("pk"), ids, "bigint"))


def _events_of(ids, kind, by, *, from_value="", to_value="") -> None:
    """The same event for many individuals in one INSERT from an array: bulk_create builds
    and adapts an object per row (5 000 blocks of a recall: ≈ 0.5 s of Python, BEY-D441)."""
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {IndividualEvent._meta.db_table} "
            "(individual_id, kind, from_value, to_value, reference, by_id, at) "
            "SELECT id, %s, %s, %s, '', %s, %s FROM unnest(%s::bigint[]) AS id",
            [kind, from_value, to_value, by.pk if by else None, timezone.now(), list(ids)],
        )


def block_individuals(*, individual_ids: list[int], reference: str, by: User) -> list[int]:
    """BEY-5: stock individuals of a recall are blocked from delivery (hand_out_individuals
    refuses them) until released. Only individuals in stock and not yet blocked are blocked
    (compare-and-set); returns their ids. Each gets an event naming the recall. The ids go as
    one array (a recall blocks thousands: BEY-D441)."""
    with transaction.atomic():
        blocked = list(
            Individual.objects.filter(
                _pk_any(individual_ids), status=Individual.Status.IN_STOCK, blocked_by=""
            )
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(_pk_any(blocked)).update(blocked_by=reference)
        _events_of(blocked, IndividualEvent.Kind.BLOCKED, by, to_value=reference)
    return blocked


def release_individuals(*, individual_ids: list[int], reference: str, by: User) -> list[int]:
    """BEY-5: the block of recall `reference` is lifted (a block by another recall stays)."""
    with transaction.atomic():
        released = list(
            Individual.objects.filter(_pk_any(individual_ids), blocked_by=reference)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(_pk_any(released)).update(blocked_by="")
        _events_of(released, IndividualEvent.Kind.RELEASED, by, from_value=reference)
    return released


def mark_refurbished(*, individual_ids: list[int], by: User) -> list[int]:
    """BEY-3: Hjälpmedel marks returned individuals lying in 70 "Klar för återanvändning";
    the line dialog then offers them to central prescriptions. Compare-and-set: only
    individuals in stock at 70 and not yet marked are marked (returns their ids), each with
    an event; who and when are kept on the individual."""
    with transaction.atomic():
        marked = list(
            Individual.objects.filter(
                pk__in=individual_ids,
                status=Individual.Status.IN_STOCK,
                warehouse__kind=Warehouse.Kind.CENTRAL,
                refurbished_at__isnull=True,
            )
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(pk__in=marked).update(
            refurbished_at=timezone.now(), refurbished_by=by
        )
        IndividualEvent.objects.bulk_create(
            IndividualEvent(individual_id=pk, kind=IndividualEvent.Kind.REFURBISHED, by=by)
            for pk in marked
        )
    return marked


def unmark_refurbished(*, individual_ids: list[int], by: User) -> list[int]:
    """BEY-3: a mark made by mistake is taken back (returns the ids unmarked). A line that
    reserved the individual before keeps it (the reservation is the order's)."""
    with transaction.atomic():
        unmarked = list(
            Individual.objects.filter(pk__in=individual_ids, refurbished_at__isnull=False)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(pk__in=unmarked).update(refurbished_at=None, refurbished_by=None)
        IndividualEvent.objects.bulk_create(
            IndividualEvent(individual_id=pk, kind=IndividualEvent.Kind.NOT_REFURBISHED, by=by)
            for pk in unmarked
        )
    return unmarked


def place_individuals(
    *,
    individuals: list[Individual],
    source: Warehouse,
    target: Warehouse,
    reference: str,
    by: User | None,
    kind: str = IndividualEvent.Kind.MOVED,
) -> None:
    """Individuals move from one warehouse to another (a refill delivered from 70; `kind`
    NOT_FOUND: not found at a stocktake, into 99 Utredningslager)."""
    ids = [individual.pk for individual in individuals]
    changed = Individual.objects.filter(
        pk__in=ids, status=Individual.Status.IN_STOCK, warehouse=source
    ).update(warehouse=target, refurbished_at=None, refurbished_by=None)  # BEY-3: 70 only
    if changed != len(ids):
        raise IndividualUnavailable(
            _("En individ finns inte längre på lager %(w)s.") % {"w": source.number}
        )
    _record_moves(
        ids, kind=kind, from_value=source.number, to_value=target.number, reference=reference, by=by
    )


def take_back_individuals(
    *,
    individuals: list[Individual],
    warehouse: Warehouse,
    source: str,
    reference: str,
    by: User | None,
) -> None:
    """Delivered individuals come back into `warehouse` (a return to own store, RET-2; a pickup
    order's arrival at 70, PU-6): compare-and-set on their status, so an individual is taken
    back once. `source` names where it came from in the history (the recipient). The caller
    raises the balance in the same transaction."""
    ids = [individual.pk for individual in individuals]
    changed = Individual.objects.filter(
        pk__in=ids, status=Individual.Status.DELIVERED, warehouse__isnull=True
    ).update(status=Individual.Status.IN_STOCK, warehouse=warehouse)
    if changed != len(ids):
        raise IndividualUnavailable(
            _("En individ är inte längre utlämnad och kan inte tas i retur.")
        )
    _record_moves(
        ids,
        kind=IndividualEvent.Kind.RETURNED,
        from_value=source,
        to_value=warehouse.number,
        reference=reference,
        by=by,
    )


def _record_moves(ids, *, kind, from_value, to_value, reference, by) -> None:
    """One history row per individual moved (IND: who, when, from where, to where)."""
    IndividualEvent.objects.bulk_create(
        IndividualEvent(
            individual_id=pk,
            kind=kind,
            from_value=from_value,
            to_value=to_value,
            reference=reference,
            by=by,
        )
        for pk in ids
    )
