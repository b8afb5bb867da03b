"""BEY-13: the stocktake's count sheet as a spreadsheet — downloaded (through the portal's one
writer, `sesam.lib.tabular`) and uploaded back filled in (read with openpyxl). A file is
taken whole or not at all: every bad row is reported with its line number, and nothing is
saved until the whole file is valid; then the counts go through `save_counts` like the form's.

Columns: Artikelnummer, Benämning, Enhet, Individnummer, Räknat antal, Hittad. A row without
an individual number is an article's count (Räknat antal: a whole number, empty = not
counted); a row with one is that individual (Hittad: Ja/Nej, empty = Nej)."""

from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _

from inventory.models import STOCKTAKE_MAX_COUNT, Stocktake
from inventory.selectors import count_sheet_lines

HEADER = ["Artikelnummer", "Benämning", "Enhet", "Individnummer", "Räknat antal", "Hittad"]
YES, NO = {"ja", "j", "x", "1", "yes"}, {"nej", "n", "", "0", "no"}
MAX_ROWS = 20_000


def sheet_rows(stocktake: Stocktake):
    """The count sheet as rows: an article's line, or one row per individual of it."""
    for line in count_sheet_lines(stocktake):
        article = line.article
        if article.is_individual:
            for mark in line.marks:
                found = "Ja" if mark.found else ""
                yield [
                    article.number,
                    article.name,
                    article.unit,
                    mark.individual.number,
                    None,
                    found,
                ]
        else:
            yield [article.number, article.name, article.unit, "", line.counted, ""]


def sheet_filters(stocktake: Stocktake):
    return [
        (_("Inventering"), stocktake.number),
        (_("Lager"), f"{stocktake.warehouse.number} {stocktake.warehouse.name}"),
    ]


@dataclass
class Upload:
    counts: dict[int, int | None] = field(default_factory=dict)
    found: dict[int, bool] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seen: set = field(default_factory=set)


def read_upload(stocktake: Stocktake, file) -> Upload:
    """The counts and found individuals of an uploaded sheet, matched to the stocktake's lines
    by article number and individual number; every bad row is an error naming its line."""
    result = Upload()
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not xlsx
        result.errors.append(_("Filen kunde inte läsas som ett Excel-ark (.xlsx)."))
        return result
    rows = book.active.iter_rows(values_only=True, max_row=MAX_ROWS + 10)
    lines = {line.article.number: line for line in count_sheet_lines(stocktake)}
    marks = {
        (number, mark.individual.number.upper()): mark
        for number, line in lines.items()
        for mark in line.marks
    }
    header_seen = False
    for row_number, row in enumerate(rows, start=1):
        cells = ["" if cell is None else str(cell).strip() for cell in (row or ())]
        if not header_seen:
            header_seen = cells[: len(HEADER)] == HEADER
            continue
        if not any(cells):
            continue
        cells += [""] * (len(HEADER) - len(cells))
        article, _name, _unit, individual, counted, found = cells[: len(HEADER)]
        error = _read_row(result, lines, marks, article, individual, counted, found)
        if error:
            result.errors.append(_("Rad %(row)s: %(error)s") % {"row": row_number, "error": error})
    if not header_seen:
        result.errors.append(_("Rubrikraden saknas: %(header)s.") % {"header": ", ".join(HEADER)})
    return result


def _read_row(result, lines, marks, article, individual, counted, found) -> str:
    key = (article, individual.upper())
    if key in result.seen:
        return _("%(what)s står redan på en tidigare rad.") % {
            "what": f"{article} {individual}".strip()
        }
    result.seen.add(key)
    line = lines.get(article)
    if line is None:
        return _("artikel %(number)s finns inte på inventeringsunderlaget.") % {"number": article}
    if individual:
        mark = marks.get((article, individual.upper()))
        if mark is None:
            return _("individ %(number)s av artikel %(article)s finns inte på underlaget.") % {
                "number": individual,
                "article": article,
            }
        if found.lower() not in YES | NO:
            return _("Hittad ska vara Ja eller Nej, inte %(value)s.") % {"value": found}
        result.found[mark.individual_id] = found.lower() in YES
        return ""
    if line.article.is_individual:
        return _("artikel %(number)s är individmärkt: ange en rad per individ.") % {
            "number": article
        }
    if counted == "":
        result.counts[line.pk] = None
        return ""
    try:
        quantity = int(float(counted.replace(",", ".")))
    except ValueError:
        return _("räknat antal %(value)s är inget heltal.") % {"value": counted}
    if str(quantity) != counted.replace(",", ".").removesuffix(".0") or not (
        0 <= quantity <= STOCKTAKE_MAX_COUNT
    ):
        return _("räknat antal ska vara ett heltal mellan 0 och %(max)s.") % {
            "max": STOCKTAKE_MAX_COUNT
        }
    result.counts[line.pk] = quantity
    return ""
