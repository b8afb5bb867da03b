"""BEY-8: reorder points per own store and article — the writes (levels) and the reads
(what is below its minimum, what a refill should bring). Kept beside the stock services."""

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
    if refill_to is None or refill_to < minimum or refill_to <= 0:
        raise SesamError(
            _("Fyll på till måste vara minst lika mycket som minsta saldo, och över 0.")
        )
    if refill_to > MAX_LEVEL:
        raise SesamError(_("En nivå kan vara högst %(max)s.") % {"max": MAX_LEVEL})
    with transaction.atomic():
        level, _created = ReorderLevel.objects.update_or_create(
            warehouse=warehouse,
            article=article,
            defaults={"minimum": minimum, "refill_to": refill_to, "updated_by": by},
        )
    return level


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
