"""Inventering (STK-3, STK-4)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from billing import services as billing
from inventory.exceptions import (
    InsufficientStock,
    StocktakeFinished,
    StocktakeRefused,
)
from inventory.models import (
    STOCKTAKE_MAX_COUNT,
    Article,
    Individual,
    IndividualEvent,
    StockBalance,
    StockMovement,
    Stocktake,
    StocktakeIndividual,
    StocktakeLine,
    Warehouse,
)
from inventory.services.individuals import place_individuals
from inventory.services.stock import Change, apply_changes
from sesam.lib.numbers import next_number
from sesam.models import User
from sesam.services import send_message

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
