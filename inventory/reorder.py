"""BEY-8: reorder points per own store and article — the writes (levels) and the reads
(what is below its minimum, what a refill should bring). Kept beside the stock services."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from inventory.models import Article, ReorderLevel, StockBalance, Warehouse
from sesam.exceptions import SesamError
from sesam.models import User

MAX_LEVEL = 100_000


def set_reorder_level(
    *, by: User, warehouse: Warehouse, article: Article, minimum: int | None, refill_to: int | None
) -> ReorderLevel | None:
    """Sets (or with both empty removes) the article's levels on an own store. The view has
    scoped the warehouse to the user's locations."""
    if warehouse.kind != Warehouse.Kind.LOCAL:
        raise SesamError(_("Beställningspunkter finns bara för egna förråd."))
    if minimum is None and refill_to is None:
        ReorderLevel.objects.filter(warehouse=warehouse, article=article).delete()
        return None
    minimum = minimum or 0
    if refusal := level_refusal(minimum, refill_to):
        raise SesamError(refusal)
    with transaction.atomic():
        level, _created = ReorderLevel.objects.update_or_create(
            warehouse=warehouse,
            article=article,
            defaults={"minimum": minimum, "refill_to": refill_to, "updated_by": by},
        )
    return level


def level_refusal(minimum: int, refill_to: int | None) -> str:
    """BEY-8: why a minimum and refill-to level cannot be saved ("" when they can)."""
    if refill_to is None or refill_to < minimum or refill_to <= 0:
        return _("Fyll på till måste vara minst lika mycket som minsta saldo, och över 0.")
    if refill_to > MAX_LEVEL or minimum > MAX_LEVEL:
        return _("En nivå kan vara högst %(max)s.") % {"max": MAX_LEVEL}
    return ""


@dataclass(frozen=True)
class LevelsSaved:
    changed: int
    removed: int


def set_reorder_levels(
    *, by: User, warehouse: Warehouse, levels: Mapping[int, tuple[int, int] | None]
) -> LevelsSaved:
    """BEY-8/BEY-13: many levels of an own store at once (an uploaded sheet): article id →
    (minimum, refill_to), or None to remove the level. All or nothing, in one transaction:
    the store's row is locked first, so two uploads to one store follow each other; only
    levels that differ from the saved ones are written, so the same content saved twice
    changes nothing the second time. Every article must be stocked in the store (Lager's
    rows); the view has scoped the warehouse to the user's locations."""
    if warehouse.kind != Warehouse.Kind.LOCAL:
        raise SesamError(_("Beställningspunkter finns bara för egna förråd."))
    for pair in levels.values():
        if pair is not None and (refusal := level_refusal(*pair)):
            raise SesamError(refusal)
    with transaction.atomic():
        Warehouse.objects.select_for_update(no_key=True).filter(pk=warehouse.pk).get()
        stocked = StockBalance.objects.filter(warehouse=warehouse, article_id__in=list(levels))
        if stocked.count() != len(levels):
            raise SesamError(_("En artikel finns inte på lagret."))
        saved = {
            level.article_id: (level.minimum, level.refill_to)
            for level in ReorderLevel.objects.filter(
                warehouse=warehouse, article_id__in=list(levels)
            )
        }
        removed = sorted(pk for pk, pair in levels.items() if pair is None and pk in saved)
        changed = [
            ReorderLevel(
                warehouse=warehouse,
                article_id=pk,
                minimum=pair[0],
                refill_to=pair[1],
                updated_by=by,
            )
            for pk, pair in sorted(levels.items())
            if pair is not None and saved.get(pk) != tuple(pair)
        ]
        ReorderLevel.objects.filter(warehouse=warehouse, article_id__in=removed).delete()
        ReorderLevel.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["warehouse", "article"],
            update_fields=["minimum", "refill_to", "updated_by", "updated_at"],
        )
    return LevelsSaved(changed=len(changed), removed=len(removed))


def with_levels(balances: QuerySet[StockBalance]) -> QuerySet[StockBalance]:
    """Each balance with its store's `minimum` and `refill_to` (None without a level)."""
    level = ReorderLevel.objects.filter(
        warehouse=OuterRef("warehouse"), article=OuterRef("article")
    )
    return balances.annotate(
        minimum=Subquery(level.values("minimum")[:1]),
        refill_to=Subquery(level.values("refill_to")[:1]),
    )


def below_minimum(balances: QuerySet[StockBalance]) -> QuerySet[StockBalance]:
    return with_levels(balances).filter(quantity__lt=F("minimum"))


@dataclass(frozen=True)
class Suggestion:
    article: Article
    balance: int
    on_order: int
    minimum: int
    refill_to: int

    @property
    def quantity(self) -> int:
        return max(self.refill_to - self.balance - self.on_order, 0)


def refill_suggestions(warehouse: Warehouse, on_order: dict[int, int]) -> list[Suggestion]:
    """The articles of the store whose balance plus what is ordered and not yet received
    (`on_order`, article id → quantity) is below the minimum, with what fills them up."""
    levels = ReorderLevel.objects.filter(warehouse=warehouse).select_related("article")
    balances = dict(
        StockBalance.objects.filter(warehouse=warehouse).values_list("article_id", "quantity")
    )
    suggestions = []
    for level in levels.order_by("article__number"):
        have = balances.get(level.article_id, 0) + on_order.get(level.article_id, 0)
        if have < level.minimum:
            suggestions.append(
                Suggestion(
                    article=level.article,
                    balance=balances.get(level.article_id, 0),
                    on_order=on_order.get(level.article_id, 0),
                    minimum=level.minimum,
                    refill_to=level.refill_to,
                )
            )
    return [s for s in suggestions if s.quantity > 0]
