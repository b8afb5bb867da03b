"""BEY-8/BEY-13: an own store's reorder levels as a spreadsheet — downloaded through the
portal's one writer (`sesam.lib.tabular`) and uploaded back filled in (read with openpyxl),
as the count sheet is (`inventory.count_sheets`). A file is taken whole or not at all: every
bad row is reported with its line number and nothing is saved until the whole file is valid;
then `reorder.set_reorder_levels` saves what differs, in one transaction.

Columns: Artikelnummer, Benämning, Minsta saldo, Fyll på till, Saldo. Rows are matched by
article number to the articles stocked in the store (those Lager lists); Benämning and Saldo
are for reading and are not read back. Both levels empty removes the article's level; Minsta
saldo empty with Fyll på till given is 0, as in the Lager row."""

from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _

from inventory.models import StockBalance, Warehouse
from inventory.reorder import MAX_LEVEL, level_refusal, with_levels

HEADER = ["Artikelnummer", "Benämning", "Minsta saldo", "Fyll på till", "Saldo"]
MAX_ROWS = 20_000


def _balances(warehouse: Warehouse):
    return (
        with_levels(StockBalance.objects.filter(warehouse=warehouse))
        .select_related("article")
        .order_by("article__number")
    )


def sheet_rows(warehouse: Warehouse):
    """One row per article stocked in the store, with its levels (empty without) and balance."""
    for balance in _balances(warehouse).iterator(chunk_size=2000):
        article = balance.article
        yield [article.number, article.name, balance.minimum, balance.refill_to, balance.quantity]


def sheet_filters(warehouse: Warehouse):
    return [
        (_("Beställningspunkter"), ""),
        (_("Lager"), f"{warehouse.number} {warehouse.name}"),
    ]


@dataclass
class Upload:
    # article id → (minimum, refill_to), or None to remove the level
    levels: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def read_upload(warehouse: Warehouse, file) -> Upload:
    """The levels of an uploaded sheet by article id; every bad row is an error naming its
    line in the file."""
    result = Upload()
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not xlsx
        result.errors.append(_("Filen kunde inte läsas som ett Excel-ark (.xlsx)."))
        return result
    stocked = dict(
        StockBalance.objects.filter(warehouse=warehouse).values_list(
            "article__number", "article_id"
        )
    )
    rows = book.active.iter_rows(values_only=True, max_row=MAX_ROWS + 10)
    header_seen, seen = False, set()
    for row_number, row in enumerate(rows, start=1):
        cells = ["" if cell is None else str(cell).strip() for cell in (row or ())]
        if not header_seen:
            header_seen = cells[: len(HEADER)] == HEADER
            continue
        if not any(cells):
            continue
        cells += [""] * (len(HEADER) - len(cells))
        number, _name, minimum, refill_to, _balance = cells[: len(HEADER)]
        error = _read_row(result, stocked, seen, number, minimum, refill_to)
        if error:
            result.errors.append(_("Rad %(row)s: %(error)s") % {"row": row_number, "error": error})
    if not header_seen:
        result.errors.append(_("Rubrikraden saknas: %(header)s.") % {"header": ", ".join(HEADER)})
    return result


def _read_row(result, stocked, seen, number, minimum, refill_to) -> str:
    if not number:
        return _("artikelnummer saknas.")
    if number in seen:
        return _("artikel %(number)s står redan på en tidigare rad.") % {"number": number}
    seen.add(number)
    article_id = stocked.get(number)
    if article_id is None:
        return _("artikel %(number)s finns inte på lagret.") % {"number": number}
    levels = []
    for label, value in ((_("minsta saldo"), minimum), (_("fyll på till"), refill_to)):
        try:
            levels.append(_whole_number(value))
        except ValueError:
            return _("%(what)s %(value)s ska vara ett heltal mellan 0 och %(max)s.") % {
                "what": label,
                "value": value,
                "max": MAX_LEVEL,
            }
    low, high = levels
    if low is None and high is None:
        result.levels[article_id] = None
        return ""
    if refusal := level_refusal(low or 0, high):
        return refusal
    result.levels[article_id] = (low or 0, high)
    return ""


def _whole_number(value: str) -> int | None:
    """A level as a cell holds it: empty, `12`, or `12.0` (a number cell read as float)."""
    if value == "":
        return None
    text = value.replace(",", ".").removesuffix(".0")
    if not text.isdigit() or not text.isascii() or int(text) > MAX_LEVEL:
        raise ValueError(value)
    return int(text)
