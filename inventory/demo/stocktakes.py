"""The demo region's stocktakes (STK-3), made through the services: last count of Lund's
store (4101), finished with differences on two batteries and one hearing aid not found (now
in 99 Utredningslager), and an open one for Malmö (4102) with a first count saved.

They touch none of the articles, individuals or balances that other apps' demo data and the
browser tests rely on (KEY_ARTICLES, KEY_INDIVIDUALS); Lund's is finished, so a new one can
be started there."""

from inventory import services
from inventory.models import Stocktake, Warehouse
from sesam.models import User

# Lund: counted quantities that differ from the books, and the individual not found.
LUND_DIFFERENCES = {"51095": -1, "51097": +1}
# The third Utgående hearing aid (4101101 is a key individual, 4101102 went back to its
# supplier in the returns demo).
LUND_NOT_FOUND = "4101103"
# Malmö: the first count saved so far.
MALMO_COUNTED = {"50140": 0}  # counted as in the books
MALMO_FOUND = ["4102001"]


def seed() -> str:
    if Stocktake.objects.filter(warehouse__number__in=["4101", "4102"]).exists():
        return "stocktakes already there"
    admin = User.objects.filter(username="admin").first()
    anna = User.objects.filter(username="audionom").first()
    lund = Warehouse.objects.filter(number="4101").first()
    malmo = Warehouse.objects.filter(number="4102").first()
    if None in (admin, anna, lund, malmo):
        return "no stocktakes (users or stores missing)"
    finished = services.start_stocktake(warehouse=lund, by=admin)
    _count(finished, anna, differences=LUND_DIFFERENCES, not_found={LUND_NOT_FOUND})
    services.finish_stocktake(stocktake=finished, by=anna)
    open_ = services.start_stocktake(warehouse=malmo, by=admin)
    _count(open_, anna, differences=MALMO_COUNTED, found=MALMO_FOUND, partial=True)
    return f"stocktakes {finished.number} (4101, finished) and {open_.number} (4102, open)"


def _count(stocktake, by, *, differences, not_found=(), found=None, partial=False):
    """Counts the sheet: the books' quantity plus `differences` by article number (with
    `partial`, only those articles); individuals found except `not_found` (or only `found`)."""
    lines = list(
        stocktake.lines.select_related("article").prefetch_related("individuals__individual")
    )
    counts = {
        line.pk: line.sheet_quantity + differences.get(line.article.number, 0)
        for line in lines
        if not line.article.is_individual and (not partial or line.article.number in differences)
    }
    ticks = {
        mark.individual_id: (
            mark.individual.number in found
            if found is not None
            else mark.individual.number not in not_found
        )
        for line in lines
        for mark in line.individuals.all()
    }
    services.save_counts(stocktake=stocktake, counts=counts, found=ticks, by=by)
