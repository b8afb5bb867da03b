"""Shared set-up of the stocktake tests: Lund's store 4101 with spare parts, individuals,
a service article and 99 Utredningslager."""

from django.db.models import Sum

from inventory import services
from inventory.models import Article, StockBalance, StockMovement, Warehouse
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory, WarehouseFactory


def investigation():
    return WarehouseFactory(number="99", name="Utredningslager", kind=Warehouse.Kind.INVESTIGATION)


def stock_lund(store, by):
    """Domes 10, filters 4, a hearing aid with individuals 4101001–4101003, a service article
    with a balance (never on the sheet) and a battery stocked with 0 and no movement."""
    dome = ArticleFactory(number="50140", name="Dome öppen 8 mm", type=Article.Type.SPARE_PART)
    filters = ArticleFactory(number="50150", name="Vaxfilter RIC", type=Article.Type.SPARE_PART)
    aid = ArticleFactory(number="40110", name="Hörapparat Aria", is_individual=True)
    repair = ArticleFactory(number="60110", name="Reparation", type=Article.Type.SERVICE)
    battery = ArticleFactory(number="51095", name="Batteri 10", type=Article.Type.ACCESSORY)
    services.add_stock(warehouse=store, article=dome, quantity=10, by=by)
    services.add_stock(warehouse=store, article=filters, quantity=4, by=by)
    services.add_stock(warehouse=store, article=repair, quantity=1, by=by)
    services.create_individuals(
        article=aid, warehouse=store, by=by,
        individuals=[NewIndividual("4101001"), NewIndividual("4101002"), NewIndividual("4101003")],
    )  # fmt: skip
    services.ensure_stocked(warehouse=store, articles=[battery])
    return {"dome": dome, "filters": filters, "aid": aid, "repair": repair, "battery": battery}


def lines_by_number(stocktake):
    return {line.article.number: line for line in stocktake.lines.select_related("article")}


def count_all(stocktake, by, *, counts=None, missing=()):
    """Saves a count of every line: `counts` by article number (else the sheet's balance),
    every individual found except the numbers in `missing`."""
    counts = counts or {}
    lines = lines_by_number(stocktake)
    services.save_counts(
        stocktake=stocktake,
        counts={
            line.pk: counts.get(number, line.sheet_quantity)
            for number, line in lines.items()
            if not line.article.is_individual
        },
        found={
            mark.individual_id: mark.individual.number not in missing
            for line in lines.values()
            for mark in line.individuals.select_related("individual")
        },
        by=by,
    )


def assert_balances_are_sums_of_movements():
    """STK-4: every balance equals the sum of its movements."""
    for balance in StockBalance.objects.all():
        moved = StockMovement.objects.filter(
            warehouse=balance.warehouse_id, article=balance.article_id
        ).aggregate(s=Sum("quantity"))["s"]
        assert balance.quantity == (moved or 0), balance
