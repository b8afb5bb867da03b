"""BEY-6 labels: what the unit scans later it printed itself. An individual's label carries a
GS1-128 barcode of its article's GTIN (AI 01) and its serial number (AI 21); a shelf label in
an own store the article's GTIN alone. An article without a GTIN, or a serial number AI 21
cannot carry (over 20 characters or with a space), gets a plain Code 128 of the portal's own
number instead, which Individ and Artiklar find (BEY-D321). Printed on A4 sheets of 3 × 8
labels of 70 × 37 mm through the one WeasyPrint wrapper; a sheet gets no document number
(BEY-D320)."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _

from inventory.models import Article, Individual
from sesam.lib.scanning import fits_ai_21, gs1_element_string, gs1_human_readable

LABELS_PER_SHEET = 24  # 3 columns × 8 rows of 70 × 37 mm
MAX_LABELS = 10 * LABELS_PER_SHEET  # a shelf sheet: ten pages at most


@dataclass(frozen=True)
class Label:
    heading: str  # article number and name
    lines: tuple[str, ...]  # individual number, serial number
    code: str  # what the barcode carries (a GS1 element string, or a plain number)
    gs1: bool
    human_readable: str  # the text under the barcode


def individual_label(individual: Individual) -> Label:
    article = individual.article
    lines = [_("Individnr %(number)s") % {"number": individual.number}]
    if individual.serial_number:
        lines.append(_("Serienr %(serial)s") % {"serial": individual.serial_number})
    serial = individual.serial_number
    if article.gtin and (not serial or fits_ai_21(serial)):
        return _gs1_label(article, lines, gs1_element_string(gtin=article.gtin, serial=serial))
    return Label(
        heading=f"{article.number} {article.name}",
        lines=tuple(lines),
        code=individual.number,
        gs1=False,
        human_readable=individual.number,
    )


def shelf_label(article: Article) -> Label:
    lines = [_("Artikelnr %(number)s") % {"number": article.number}]
    if article.gtin:
        return _gs1_label(article, lines, gs1_element_string(gtin=article.gtin))
    return Label(
        heading=f"{article.number} {article.name}",
        lines=tuple(lines),
        code=article.number,
        gs1=False,
        human_readable=article.number,
    )


def _gs1_label(article: Article, lines: list[str], code: str) -> Label:
    return Label(
        heading=f"{article.number} {article.name}",
        lines=tuple(lines),
        code=code,
        gs1=True,
        human_readable=gs1_human_readable(code),
    )


def label_sheet_response(labels: list[Label], *, title: str) -> HttpResponse:
    """The labels on A4 sheets as an inline PDF, each with its barcode as an SVG."""
    from sesam.lib.pdf import barcode_data_uri, pdf_response  # WeasyPrint is heavy to import

    rendered = [
        {
            "label": label,
            "barcode": barcode_data_uri(
                label.code, symbology="gs1_128" if label.gs1 else "code128", height=9.0
            ),
        }
        for label in labels
    ]
    context = {"labels": rendered, "title": title}
    return pdf_response("inventory/pdf/labels.html", context, filename=title)
