"""Writes of inventory. Stock changes only here (STK-4): every change of a balance is one
StockMovement, inside one transaction that locks the balance rows in primary-key order."""

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from billing import services as billing
from inventory import selectors
from inventory.exceptions import (
    IndividualChanged,
    IndividualNumberTaken,
    IndividualUnavailable,
    InsufficientStock,
    NotAnIndividualArticle,
    SipNumberTaken,
    StocktakeFinished,
    StocktakeRefused,
    SupplierReturnRefused,
)
from inventory.models import (
    STOCKTAKE_MAX_COUNT,
    Article,
    ArticleColumnChoice,
    Individual,
    IndividualEvent,
    StockBalance,
    StockMovement,
    Stocktake,
    StocktakeIndividual,
    StocktakeLine,
    SupplierReturn,
    Warehouse,
)
from sesam.exceptions import SesamError
from sesam.lib.numbers import next_number
from sesam.models import User
from sesam.services import send_message


@dataclass(frozen=True)
class Change:
    """One change to a balance: `quantity` on the shelf (+ in, − out) and `allocated`
    (+ reserve for a sent central order, − release or consume)."""

    warehouse: Warehouse
    article: Article
    quantity: int = 0
    allocated: int = 0


def lock_balances(pairs) -> dict[tuple[int, int], StockBalance]:
    """Creates missing balance rows, then locks all of them in primary-key order (one fixed
    order for every transaction, so two sends never deadlock). Keys: (warehouse_id, article_id).
    Must run inside a transaction."""
    keys = sorted({(w.pk, a.pk) for w, a in pairs})
    StockBalance.objects.bulk_create(
        [StockBalance(warehouse_id=w, article_id=a) for w, a in keys], ignore_conflicts=True
    )
    query = StockBalance.objects.none()
    for warehouse_id, article_id in keys:
        query = query | StockBalance.objects.filter(
            warehouse_id=warehouse_id, article_id=article_id
        )
    locked = query.select_for_update().order_by("pk")
    return {(b.warehouse_id, b.article_id): b for b in locked}


def apply_changes(
    changes: list[Change], *, reason: str, reference: str = "", note: str = "", by: User | None
) -> list[StockBalance]:
    """Applies stock changes atomically. Refuses (InsufficientStock, nothing changed) when a
    shelf quantity would go below zero or below what is allocated, or an allocation would
    exceed what is free. The database constraints back the same rules."""
    with transaction.atomic():
        balances = lock_balances([(c.warehouse, c.article) for c in changes])
        # Sum per balance first: two lines of the same article must fit together.
        totals: dict[tuple[int, int], list[int]] = {}
        for c in changes:
            total = totals.setdefault((c.warehouse.pk, c.article.pk), [0, 0])
            total[0] += c.quantity
            total[1] += c.allocated
        for c in changes:
            key = (c.warehouse.pk, c.article.pk)
            balance, (d_quantity, d_allocated) = balances[key], totals[key]
            new_quantity, new_allocated = (
                balance.quantity + d_quantity,
                balance.allocated + d_allocated,
            )
            if new_quantity < 0 or new_allocated < 0 or new_allocated > new_quantity:
                raise InsufficientStock(
                    article=c.article, warehouse=c.warehouse, available=balance.available
                )
        for key, (d_quantity, d_allocated) in totals.items():
            if d_quantity or d_allocated:
                StockBalance.objects.filter(pk=balances[key].pk).update(
                    quantity=F("quantity") + d_quantity, allocated=F("allocated") + d_allocated
                )
        StockMovement.objects.bulk_create(
            [
                StockMovement(
                    warehouse=c.warehouse,
                    article=c.article,
                    quantity=c.quantity,
                    reason=reason,
                    reference=reference,
                    note=note,
                    by=by,
                )
                for c in changes
                if c.quantity
            ]
        )
        for balance in balances.values():
            balance.refresh_from_db(fields=["quantity", "allocated"])
        return list(balances.values())


def add_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reason: str = StockMovement.Reason.RECEIPT,
    reference: str = "",
    note: str = "",
) -> StockBalance:
    """Goods arrive in a warehouse (receipt, return)."""
    _require_positive(quantity)
    (balance,) = apply_changes(
        [Change(warehouse, article, quantity=quantity)],
        reason=reason,
        reference=reference,
        note=note,
        by=by,
    )
    return balance


def withdraw_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reason: str = StockMovement.Reason.WITHDRAWAL,
    reference: str = "",
    note: str = "",
) -> StockBalance:
    """Goods leave a warehouse from its free (unallocated) quantity; never below zero."""
    _require_positive(quantity)
    (balance,) = apply_changes(
        [Change(warehouse, article, quantity=-quantity)],
        reason=reason,
        reference=reference,
        note=note,
        by=by,
    )
    return balance


def move_stock(
    *,
    source: Warehouse,
    target: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reference: str = "",
    note: str = "",
) -> list[StockBalance]:
    """Goods move between two warehouses in one transaction."""
    _require_positive(quantity)
    if source.pk == target.pk:
        raise ValueError("source and target are the same warehouse")
    return apply_changes(
        [Change(source, article, quantity=-quantity), Change(target, article, quantity=quantity)],
        reason=StockMovement.Reason.MOVE,
        reference=reference,
        note=note,
        by=by,
    )


def adjust_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    counted: int,
    by: User | None,
    note: str = "",
    reason: str = StockMovement.Reason.ADJUSTMENT,
) -> StockBalance:
    """Sets the shelf quantity to what was counted; the difference is logged as a movement."""
    if counted < 0:
        raise ValueError("a counted quantity cannot be negative")
    with transaction.atomic():
        balance = lock_balances([(warehouse, article)])[(warehouse.pk, article.pk)]
        difference = counted - balance.quantity
        if not difference:
            return balance
        (balance,) = apply_changes(
            [Change(warehouse, article, quantity=difference)], reason=reason, note=note, by=by
        )
        return balance


def ensure_stocked(*, warehouse: Warehouse, articles: list[Article]) -> None:
    """Marks articles as stocked in a warehouse: a balance row (0 when new, no movement since
    nothing moved). "Stocked at 70" means such a row exists (ORD-2 picks 70 then)."""
    StockBalance.objects.bulk_create(
        [StockBalance(warehouse=warehouse, article=article) for article in articles],
        ignore_conflicts=True,
    )


def _require_positive(quantity: int) -> None:
    if quantity <= 0:
        raise ValueError(_("Antalet måste vara minst 1."))


# --- Individuals (IND) -------------------------------------------------------------------


def normalise_individual_number(value: str) -> str:
    """Individual numbers are kept in capitals without spaces, so that uniqueness cannot be
    dodged by case or a stray space (IND-4, RCV-4)."""
    return "".join(value.split()).upper()


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
    for number in numbers:
        if not number:
            raise SesamError(_("Ange ett individnummer för varje enhet."))
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
                serial_number=new.serial_number.strip(),
                sip_number=normalise_sip_number(new.sip_number),
                article=article,
                status=Individual.Status.IN_STOCK,
                warehouse=warehouse,
                purchase_date=new.purchase_date,
                purchase_price=new.purchase_price,
                last_maintenance=new.last_maintenance,
                text_info=new.text_info,
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
    new = serial_number.strip()
    if new == individual.serial_number:
        return individual
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
            raise IndividualChanged()
        IndividualEvent.objects.create(
            individual=individual, kind=kind, from_value=old, to_value=new, by=by
        )
    setattr(individual, field, new)
    return individual


# --- Sök artikel settings (ART-5) ---------------------------------------------------------


def save_article_columns(*, by: User, columns: list[str]) -> ArticleColumnChoice:
    """ART-5: the result columns the user chose, kept until changed. Unknown keys are
    dropped; the order is the catalogue's. The article number is kept when neither number
    nor name is chosen, so that every row still links to its article."""
    chosen = [key for key in ArticleColumnChoice.COLUMNS if key in set(columns)]
    if not chosen:
        raise SesamError(_("Välj minst en kolumn att visa."))
    if "number" not in chosen and "name" not in chosen:
        chosen.insert(0, "number")
    choice, _created = ArticleColumnChoice.objects.update_or_create(
        user=by, defaults={"columns": chosen}
    )
    return choice


def hand_out_individuals(
    *, individuals: list[Individual], warehouse: Warehouse, to: str, reference: str, by: User | None
) -> None:
    """Individuals leave `warehouse` for a recipient (ORD-11, ORD-13): compare-and-set on their
    place, so an individual is handed out once. `to` names the receiver in the history. The
    caller moves the stock balance in the same transaction."""
    ids = [individual.pk for individual in individuals]
    changed = Individual.objects.filter(
        pk__in=ids, status=Individual.Status.IN_STOCK, warehouse=warehouse, blocked_by=""
    ).update(status=Individual.Status.DELIVERED, warehouse=None)
    if changed != len(ids):
        if blocked := Individual.objects.filter(pk__in=ids).exclude(blocked_by="").first():
            raise IndividualUnavailable(
                _("Individ %(n)s är spärrad av återkallelse %(r)s och får inte lämnas ut.")
                % {"n": blocked.number, "r": blocked.blocked_by}
            )
        raise IndividualUnavailable(
            _("En individ finns inte längre på lager %(w)s.") % {"w": warehouse.number}
        )
    IndividualEvent.objects.bulk_create(
        [
            IndividualEvent(
                individual_id=pk,
                kind=IndividualEvent.Kind.DELIVERED,
                from_value=warehouse.number,
                to_value=to,
                reference=reference,
                by=by,
            )
            for pk in ids
        ]
    )


def block_individuals(*, individual_ids: list[int], reference: str, by: User) -> list[int]:
    """BEY-5: stock individuals of a recall are blocked from delivery (hand_out_individuals
    refuses them) until released. Only individuals in stock and not yet blocked are blocked
    (compare-and-set); returns their ids. Each gets an event naming the recall."""
    with transaction.atomic():
        blocked = list(
            Individual.objects.filter(
                pk__in=individual_ids, status=Individual.Status.IN_STOCK, blocked_by=""
            )
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(pk__in=blocked).update(blocked_by=reference)
        IndividualEvent.objects.bulk_create(
            IndividualEvent(
                individual_id=pk, kind=IndividualEvent.Kind.BLOCKED, to_value=reference, by=by
            )
            for pk in blocked
        )
    return blocked


def release_individuals(*, individual_ids: list[int], reference: str, by: User) -> list[int]:
    """BEY-5: the block of recall `reference` is lifted (a block by another recall stays)."""
    with transaction.atomic():
        released = list(
            Individual.objects.filter(pk__in=individual_ids, blocked_by=reference)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Individual.objects.filter(pk__in=released).update(blocked_by="")
        IndividualEvent.objects.bulk_create(
            IndividualEvent(
                individual_id=pk, kind=IndividualEvent.Kind.RELEASED, from_value=reference, by=by
            )
            for pk in released
        )
    return released


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
    ).update(warehouse=target)
    if changed != len(ids):
        raise IndividualUnavailable(
            _("En individ finns inte längre på lager %(w)s.") % {"w": source.number}
        )
    IndividualEvent.objects.bulk_create(
        [
            IndividualEvent(
                individual_id=pk,
                kind=kind,
                from_value=source.number,
                to_value=target.number,
                reference=reference,
                by=by,
            )
            for pk in ids
        ]
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
    IndividualEvent.objects.bulk_create(
        [
            IndividualEvent(
                individual_id=pk,
                kind=IndividualEvent.Kind.RETURNED,
                from_value=source,
                to_value=warehouse.number,
                reference=reference,
                by=by,
            )
            for pk in ids
        ]
    )


# --- Retur till leverantör (RET-6, ACC-6) ---------------------------------------------------


def return_to_supplier(
    *, by: User, individual: Individual, comment: str, key: uuid.UUID | str | None = None
) -> SupplierReturn:
    """RET-6: an individual in one of the user's own stores (ACC-6) leaves the stock for its
    supplier, for credit (Kreditering); the comment says why. In one transaction: a numbered
    SupplierReturn, the individual compare-and-set from På lager to Returnerad till
    leverantör, the store's balance lowered by a stock movement (STK-4) and an IndividualEvent.
    `key` makes it idempotent: a second call with the same key returns the first return."""
    comment = comment.strip()
    if not comment:
        raise SupplierReturnRefused(_("Skriv i Kommentar varför individen returneras."))
    key = key or uuid.uuid4()
    if existing := SupplierReturn.objects.filter(key=key, individual=individual).first():
        return existing
    mine = by.memberships.values_list("service_location_id", flat=True)
    if refusal := selectors.supplier_return_refusal(individual, mine):
        raise SupplierReturnRefused(refusal)
    warehouse, article = individual.warehouse, individual.article
    with transaction.atomic():
        changed = Individual.objects.filter(
            pk=individual.pk, status=Individual.Status.IN_STOCK, warehouse=warehouse
        ).update(status=Individual.Status.RETURNED_TO_SUPPLIER, warehouse=None)
        if changed != 1:
            if existing := SupplierReturn.objects.filter(key=key).first():
                return existing  # a double submit that lost the race
            raise IndividualUnavailable(
                _("Individen finns inte längre på lager %(w)s.") % {"w": warehouse.number}
            )
        supplier_return = SupplierReturn.objects.create(
            number=next_number(),
            key=key,
            individual=individual,
            supplier=article.supplier,
            warehouse=warehouse,
            comment=comment,
            by=by,
        )
        apply_changes(
            [Change(warehouse, article, quantity=-1)],
            reason=StockMovement.Reason.SUPPLIER_RETURN,
            reference=supplier_return.number,
            note=comment[:200],
            by=by,
        )
        IndividualEvent.objects.create(
            individual=individual,
            kind=IndividualEvent.Kind.RETURNED_TO_SUPPLIER,
            from_value=warehouse.number,
            to_value=article.supplier.name,
            reference=supplier_return.number,
            by=by,
        )
    individual.status, individual.warehouse = Individual.Status.RETURNED_TO_SUPPLIER, None
    return supplier_return


# --- Inventering (STK-3, STK-4) --------------------------------------------------------------

# STK-3: the count sheet holds main devices, accessories and spare parts, never services.
SHEET_TYPES = [Article.Type.MAIN, Article.Type.ACCESSORY, Article.Type.SPARE_PART]


def start_stocktake(*, warehouse: Warehouse, by: User) -> Stocktake:
    """Hjälpmedel starts the stocktake of an own store (ACC-9, STK-3): a number from the one
    series and the count sheet, in one transaction. One open stocktake per warehouse (backed by
    the database's partial unique constraint)."""
    if warehouse.kind != Warehouse.Kind.LOCAL:
        raise StocktakeRefused(
            _("Lager %(w)s är inget eget förråd och inventeras inte här.") % {"w": warehouse}
        )
    already_open = StocktakeRefused(
        _("Lager %(w)s har redan en pågående inventering.") % {"w": warehouse.number}
    )
    with transaction.atomic():
        if Stocktake.objects.filter(warehouse=warehouse, status=Stocktake.Status.STARTED).exists():
            raise already_open
        stocktake = Stocktake(
            number=next_number(), warehouse=warehouse, started_by=by, started_at=timezone.now()
        )
        try:
            with transaction.atomic():
                stocktake.save()
        except IntegrityError as error:  # a concurrent start won
            raise already_open from error
        _make_count_sheet(stocktake)
        _announce(stocktake)
    return stocktake


def _announce(stocktake: Stocktake) -> None:
    """The unit's users learn of the stocktake in their messages (HOME-5), with a link to the
    count sheet (the manual: Hjälpmedel informs each unit in good time)."""
    warehouse = stocktake.warehouse
    send_message(
        to=User.objects.filter(
            memberships__service_location=warehouse.service_location_id, is_active=True
        ),
        subject=_("Inventering av lager %(w)s") % {"w": warehouse.number},
        body=_(
            "Hjälpmedel har startat inventering %(number)s av lager %(w)s. Räkna lagret och "
            "slutför inventeringen under Mer… → Lager → Inventering."
        )
        % {"number": stocktake.number, "w": warehouse},
        link=reverse("inventory:stocktake", args=[warehouse.number, stocktake.number]),
    )


def _make_count_sheet(stocktake: Stocktake) -> None:
    """STK-3: the articles used in the warehouse since its last finished stocktake (any stock
    movement since then; every movement ever before the first one) or with a balance, or with
    an individual lying there; of the sheet's types. Each line keeps the balance of the moment;
    each individual lying there gets a row to tick."""
    warehouse = stocktake.warehouse
    last = (
        Stocktake.objects.filter(warehouse=warehouse, status=Stocktake.Status.FINISHED)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    moved = StockMovement.objects.filter(warehouse=warehouse)
    if last is not None:
        moved = moved.filter(at__gt=last)
    balances = dict(
        StockBalance.objects.filter(warehouse=warehouse).values_list("article_id", "quantity")
    )
    individuals = list(
        Individual.objects.filter(warehouse=warehouse, status=Individual.Status.IN_STOCK)
        .order_by("pk")
        .values_list("pk", "article_id")
    )
    candidates = (
        {article for article, quantity in balances.items() if quantity > 0}
        | set(moved.order_by().values_list("article_id", flat=True).distinct())
        | {article for _pk, article in individuals}
    )
    article_ids = sorted(
        Article.objects.filter(pk__in=candidates, type__in=SHEET_TYPES).values_list("pk", flat=True)
    )
    with_individuals = {article for _pk, article in individuals}
    individual_marked = set(
        Article.objects.filter(pk__in=article_ids, is_individual=True).values_list("pk", flat=True)
    )
    lines = StocktakeLine.objects.bulk_create(
        StocktakeLine(
            stocktake=stocktake,
            article_id=pk,
            sheet_quantity=balances.get(pk, 0),
            # An individual-marked article with no individual here has nothing to tick: its
            # count is 0 from the start (its balance is only ever moved with individuals).
            **(
                {"counted": 0, "book_at_count": balances.get(pk, 0)}
                if pk in individual_marked and pk not in with_individuals
                else {}
            ),
        )
        for pk in article_ids
    )
    by_article = {line.article_id: line for line in lines}
    StocktakeIndividual.objects.bulk_create(
        StocktakeIndividual(line=by_article[article], individual_id=pk)
        for pk, article in individuals
        if article in by_article
    )


def _lock_open(stocktake: Stocktake) -> Stocktake:
    """The stocktake row, locked (the parent before its lines); refused once it is finished."""
    locked = (
        Stocktake.objects.select_for_update(of=("self",))
        .select_related("warehouse", "warehouse__service_location")
        .get(pk=stocktake.pk)
    )
    if Stocktake.Status.FINISHED not in Stocktake.TRANSITIONS[locked.status]:
        raise StocktakeFinished(locked)
    return locked


def save_counts(
    *,
    stocktake: Stocktake,
    counts: Mapping[int, int | None],
    found: Mapping[int, bool],
    by: User,
) -> None:
    """Spara (STK-3): counted quantities per line id (None: not counted yet) and individuals
    (by id) ticked as found or not; saved as often as needed until the finish. A count that
    changes keeps the balance in the books at that moment (`book_at_count`), which is what the
    finish reconciles against (STK-D5). For an individual-marked article the count is the
    number of its individuals found. Refuses lines or individuals not on this sheet, counts
    outside 0–99 999 and a finished stocktake; nothing is saved then."""
    for quantity in counts.values():
        if quantity is not None and not 0 <= quantity <= STOCKTAKE_MAX_COUNT:
            raise StocktakeRefused(
                _("Ange ett antal mellan 0 och %(max)s.")
                % {"max": f"{STOCKTAKE_MAX_COUNT:,}".replace(",", "\u00a0")}
            )
    with transaction.atomic():
        locked = _lock_open(stocktake)
        lines = {
            line.pk: line
            for line in StocktakeLine.objects.filter(
                stocktake=locked, pk__in=list(counts)
            ).select_related("article")
        }
        if len(lines) != len(counts) or any(line.article.is_individual for line in lines.values()):
            raise StocktakeRefused(_("En rad hör inte till inventeringsunderlaget."))
        marks = {
            mark.individual_id: mark
            for mark in StocktakeIndividual.objects.filter(
                line__stocktake=locked, individual_id__in=list(found)
            )
        }
        if len(marks) != len(found):
            raise StocktakeRefused(_("En individ finns inte på inventeringsunderlaget."))
        ticked = [mark for pk, mark in marks.items() if mark.found != bool(found[pk])]
        for mark in ticked:
            mark.found = bool(found[mark.individual_id])
        StocktakeIndividual.objects.bulk_update(ticked, ["found"])
        changed = [line for pk, line in lines.items() if line.counted != counts[pk]]
        individual_lines = list(
            StocktakeLine.objects.filter(pk__in={mark.line_id for mark in marks.values()})
            .annotate(n_found=Count("individuals", filter=Q(individuals__found=True)))
            .order_by("pk")
        )
        quantities = {**counts, **{line.pk: line.n_found for line in individual_lines}}
        changed += individual_lines
        books = dict(
            StockBalance.objects.filter(
                warehouse=locked.warehouse, article_id__in=[line.article_id for line in changed]
            ).values_list("article_id", "quantity")
        )
        now = timezone.now()
        for line in changed:
            quantity = quantities[line.pk]
            line.counted = quantity
            line.book_at_count = None if quantity is None else books.get(line.article_id, 0)
            line.counted_by, line.counted_at = (None, None) if quantity is None else (by, now)
        StocktakeLine.objects.bulk_update(
            changed, ["counted", "book_at_count", "counted_by", "counted_at"]
        )


@dataclass(frozen=True)
class StocktakeResult:
    """What a finish did: the lines whose balance changed and the individuals moved to 99."""

    stocktake: Stocktake
    adjusted: list[StocktakeLine]
    missing: list[Individual]


def uncounted_message(n: int) -> str:
    """STK-D7: every line is counted and saved before the finish."""
    return ngettext(
        "%(n)s artikel är inte räknad. Ange antal för alla artiklar (0 om den inte finns på "
        "hyllan), bocka i de individer du hittar och spara varje sida innan du slutför.",
        "%(n)s artiklar är inte räknade. Ange antal för alla artiklar (0 om de inte finns på "
        "hyllan), bocka i de individer du hittar och spara varje sida innan du slutför.",
        n,
    ) % {"n": n}


def finish_stocktake(*, stocktake: Stocktake, by: User) -> StocktakeResult:
    """Slutför inventering (STK-3, STK-4), once, in one transaction: the stocktake row is
    locked first, then the sheet's individuals and the balances, each in primary-key order
    (individuals before balances, as an own-store delivery locks them). Each counted article's
    balance changes by counted − the books when the count was saved (movements after the count
    stay, STK-D5), as a logged movement (reason Inventering). An individual not ticked as found
    that still lies here moves to 99 Utredningslager (its balance with it, an event on it). A
    second finish is refused (compare-and-set on the status)."""
    with transaction.atomic():
        locked = _lock_open(stocktake)
        warehouse = locked.warehouse
        lines = list(locked.lines.select_related("article").order_by("article__number"))
        uncounted = sum(1 for line in lines if line.counted is None)
        if uncounted:
            raise StocktakeRefused(uncounted_message(uncounted))
        marks = list(StocktakeIndividual.objects.filter(line__stocktake=locked).order_by("pk"))
        here = {
            individual.pk: individual
            for individual in Individual.objects.select_for_update(of=("self",))
            .select_related("article")
            .filter(pk__in=[mark.individual_id for mark in marks])
            .order_by("pk")
        }
        missing_marks = [
            mark
            for mark in marks
            if not mark.found
            and here[mark.individual_id].status == Individual.Status.IN_STOCK
            and here[mark.individual_id].warehouse_id == warehouse.pk
        ]
        investigation = _investigation_warehouse() if missing_marks else None
        missing_per_line: dict[int, int] = {}
        for mark in missing_marks:
            missing_per_line[mark.line_id] = missing_per_line.get(mark.line_id, 0) + 1
        changes: list[Change] = []
        for line in lines:
            if line.article.is_individual:
                line.difference = -missing_per_line.get(line.pk, 0)
                if line.difference:
                    changes.append(Change(investigation, line.article, quantity=-line.difference))
            else:
                line.difference = line.counted - line.book_at_count
            if line.difference:
                changes.append(Change(warehouse, line.article, quantity=line.difference))
        if changes:
            try:
                apply_changes(
                    changes, reason=StockMovement.Reason.STOCKTAKE, reference=locked.number, by=by
                )
            except InsufficientStock as error:
                raise StocktakeRefused(
                    _(
                        "Saldot för %(article)s skulle bli lägre än noll eller än det som är "
                        "reserverat: det har tagits ut mer sedan artikeln räknades. Räkna om "
                        "artikeln och spara, slutför sedan."
                    )
                    % {"article": f"{error.article.number} {error.article.name}"}
                ) from error
        missing = [here[mark.individual_id] for mark in missing_marks]
        if missing:
            place_individuals(
                individuals=missing,
                source=warehouse,
                target=investigation,
                reference=locked.number,
                by=by,
                kind=IndividualEvent.Kind.NOT_FOUND,
            )
            StocktakeIndividual.objects.filter(pk__in=[m.pk for m in missing_marks]).update(
                missing=True
            )
        StocktakeLine.objects.bulk_update(lines, ["difference"])
        now = timezone.now()
        finished = Stocktake.objects.filter(pk=locked.pk, status=Stocktake.Status.STARTED).update(
            status=Stocktake.Status.FINISHED, finished_by=by, finished_at=now
        )
        if finished != 1:
            raise StocktakeFinished(locked)
        locked.status, locked.finished_by, locked.finished_at = (
            Stocktake.Status.FINISHED,
            by,
            now,
        )
        location = warehouse.service_location
        if missing and location.is_private:
            # STK-3: a private clinic pays for the individuals it lost (ACC-7: normally it holds
            # no warehouse; this runs only when Hjälpmedel has given it one).
            for individual in missing:
                billing.record_missing_individual_charge(
                    by=by,
                    individual=individual,
                    service_location=location,
                    amount=individual.purchase_price or individual.article.price,
                )
    return StocktakeResult(
        stocktake=locked,
        adjusted=[line for line in lines if line.difference],
        missing=missing,
    )


def _investigation_warehouse() -> Warehouse:
    """99 Utredningslager: where individuals not found at a stocktake go (STK-3)."""
    warehouse = (
        Warehouse.objects.filter(kind=Warehouse.Kind.INVESTIGATION).order_by("number").first()
    )
    if warehouse is None:
        raise StocktakeRefused(
            _("Utredningslager saknas. Kontakta Hjälpmedel innan inventeringen slutförs.")
        )
    return warehouse


def restore_found_individual(*, individual: Individual, by: User) -> Individual:
    """An individual not found at a stocktake turns up after all: Hjälpmedel (told by the
    unit, the manual) moves it from 99 Utredningslager back to the store it was missed in, with
    its balance (reason Flytt) and an event. Refused for an individual that is not in 99 or
    whose store is unknown."""
    with transaction.atomic():
        locked = (
            Individual.objects.select_for_update(of=("self",))
            .select_related("warehouse", "article")
            .get(pk=individual.pk)
        )
        if (
            locked.status != Individual.Status.IN_STOCK
            or locked.warehouse.kind != Warehouse.Kind.INVESTIGATION
        ):
            raise StocktakeRefused(
                _("Individ %(number)s ligger inte på utredningslager.") % {"number": locked.number}
            )
        missed = (
            locked.events.filter(kind=IndividualEvent.Kind.NOT_FOUND).order_by("-at", "-pk").first()
        )
        store = missed and Warehouse.objects.filter(number=missed.from_value).first()
        if store is None:
            raise StocktakeRefused(
                _("Det framgår inte vilket lager individ %(number)s saknades i.")
                % {"number": locked.number}
            )
        apply_changes(
            [
                Change(locked.warehouse, locked.article, quantity=-1),
                Change(store, locked.article, quantity=1),
            ],
            reason=StockMovement.Reason.MOVE,
            reference=missed.reference,
            note=_("Återfunnen efter inventering"),
            by=by,
        )
        place_individuals(
            individuals=[locked],
            source=locked.warehouse,
            target=store,
            reference=missed.reference,
            by=by,
            kind=IndividualEvent.Kind.FOUND_AGAIN,
        )
        locked.warehouse = store
    return locked
