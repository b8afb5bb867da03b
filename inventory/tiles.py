"""The start page's tile of the unit's own store (BEY-10 with BEY-8, sesam.tiles): articles
below their minimum, linked to Lager with Lagersaldo "Under minsta saldo"."""

from urllib.parse import urlencode

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from inventory.models import ReorderLevel, StockBalance, Warehouse
from inventory.reorder import below_minimum
from inventory.selectors import BalanceFilter
from sesam.tiles import Bar, Tile


def _count(queryset):
    counted = queryset.order_by().values("warehouse").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def below_minimum_tile(location) -> Tile | None:
    """One query: the unit's own store with its number of reorder points and of articles
    below minimum, empty (saldo 0) or not. No own store, or no reorder point: no tile."""
    if location.is_private:
        return None
    below = below_minimum(StockBalance.objects.filter(warehouse=OuterRef("pk")))
    store = (
        Warehouse.objects.filter(kind=Warehouse.Kind.LOCAL, service_location=location)
        .annotate(
            levels=_count(ReorderLevel.objects.filter(warehouse=OuterRef("pk"))),
            empty=_count(below.filter(quantity__lte=0)),
            low=_count(below.filter(quantity__gt=0)),
        )
        .values("number", "levels", "empty", "low")
        .order_by("pk")
        .first()
    )
    if store is None or not store["levels"]:
        return None
    url = reverse("inventory:stock_warehouse", args=[store["number"]])
    return Tile(
        key="minsta-saldo",
        title=_("Under minsta saldo"),
        count=store["empty"] + store["low"],
        url=f"{url}?{urlencode({'saldo': BalanceFilter.BELOW})}",
        bars=(
            Bar(_("Slut (saldo 0)"), store["empty"], "warn"),
            Bar(_("Under minsta saldo"), store["low"]),
        ),
        order=50,
    )
