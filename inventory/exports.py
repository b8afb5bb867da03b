"""BEY-10: the columns of the inventory lists' exports — Sök artikel (the user's chosen
columns, ART-5), Lager (STK-1) and Individ (IND-1) — as `sesam.lib.search.ExportColumn`s
read by `values_list` (no model instance, no query per row)."""

from django.utils.translation import gettext as _

from inventory.models import Article, ArticleColumnChoice, Individual
from sesam.lib.search import ExportColumn, labels


def _display_code(code):
    """An ISO code as the table shows it (IsoCode.display_code: pairs of digits)."""
    if not code:
        return ""
    return " ".join(code[i : i + 2] for i in range(0, len(code), 2))


def article_columns(keys: list[str]) -> list[ExportColumn]:
    """Sök artikel: the user's chosen columns in their order (ART-5); Bild is no column of a
    file, and the balances load per row on screen, so they are none either (BEY-D462)."""
    types = labels(Article.Type.choices)
    fields = {
        "number": ("number", None),
        "name": ("name", None),
        "supplier": ("supplier__name", None),
        "unit": ("unit", None),
        "supplier_number": ("supplier_number", None),
        "delivery_days": ("delivery_days", None),
        "pack_size": ("pack_size", None),
        "type": ("type", types.get),
        "in_assortment": ("in_assortment", None),
        "product": ("product", None),
        "iso_code": ("iso_code__code", _display_code),
    }
    return [
        ExportColumn(str(ArticleColumnChoice.COLUMNS[key]), *fields[key])
        for key in keys
        if key in fields
    ]


def stock_columns() -> list[ExportColumn]:
    """Lager: the page's columns, the balance and the levels as numbers (the unit apart)."""
    types = labels(Article.Type.choices)
    return [
        ExportColumn(_("Artikel"), "article__number"),
        ExportColumn(_("Benämning"), "article__name"),
        ExportColumn(_("Artikeltyp"), "article__type", types.get),
        ExportColumn(_("Leverantör"), "article__supplier__name"),
        ExportColumn(_("Saldo"), "quantity"),
        ExportColumn(_("Enhet"), "article__unit"),
        ExportColumn(_("Tillgängligt"), ("quantity", "allocated"), lambda q, a: q - a),
        ExportColumn(_("Minsta saldo"), "minimum"),
        ExportColumn(_("Fyll på till"), "refill_to"),
    ]


def individual_columns() -> list[ExportColumn]:
    """Individ: the page's columns; Status as the page shows it (På lager (store))."""
    statuses = labels(Individual.Status.choices)
    in_stock = _("På lager (%(warehouse)s)")

    def place(status, number, name):
        if status == Individual.Status.IN_STOCK and number:
            return in_stock % {"warehouse": f"{number} {name}"}
        return statuses.get(status, status)

    return [
        ExportColumn(_("Individnummer"), "number"),
        ExportColumn(_("Serienummer"), "serial_number"),
        ExportColumn(_("SIP-nummer"), "sip_number"),
        ExportColumn(_("Artikel"), "article__number"),
        ExportColumn(_("Benämning"), "article__name"),
        ExportColumn(_("Status"), ("status", "warehouse__number", "warehouse__name"), place),
    ]
