"""Likvärdiga artiklar (issue 20, item 4): the other articles of an article's replacement group
with their available balance at 70 and in the user's own store, so that a prescriber can pick
an equivalent that is in stock. One query, whatever the group's size."""

from dataclasses import dataclass

from django.db.models import F, IntegerField, OuterRef, Subquery, Value

from inventory.models import Article, StockBalance, Warehouse

LIMIT = 20  # a replacement group is a handful of articles; more is a catalogue error


@dataclass(frozen=True)
class Substitute:
    article: Article
    central: int | None  # None: not stocked at 70
    own_store: int | None  # None: no own store, or not kept there


def substitutes(article: Article, service_location) -> list[Substitute]:
    """The group's other active articles, those with stock at 70 first, then by number."""
    if not article.replacement_group:
        return []
    balances = StockBalance.objects.filter(article=OuterRef("pk"))

    def available(**where):
        return Subquery(balances.filter(**where).values(n=F("quantity") - F("allocated"))[:1])

    own = (
        available(warehouse__service_location=service_location, warehouse__kind="local")
        if service_location is not None and not service_location.is_private
        else None
    )
    rows = (
        Article.objects.filter(replacement_group=article.replacement_group)
        .exclude(pk=article.pk)
        .exclude(status=Article.Status.DISCONTINUED)
        .only("pk", "number", "name", "status", "in_assortment")
        .annotate(
            central=available(warehouse__kind=Warehouse.Kind.CENTRAL),
            own=own if own is not None else Value(None, IntegerField()),
        )
        .order_by(F("central").desc(nulls_last=True), "number")[:LIMIT]
    )
    return [Substitute(row, row.central, row.own) for row in rows]
