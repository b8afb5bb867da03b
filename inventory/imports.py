"""Catalogue import from a CSV file (`manage.py import_articles`). Every row is validated
first; if any row is bad nothing is imported and the bad rows are reported by line number.
Otherwise articles are created or updated by article number in one transaction."""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inventory.models import Article, IsoCode, Supplier
from sesam.lib.scanning import normalise_gtin
from sesam.models import ProductArea

REQUIRED = ["number", "name", "supplier", "iso_code", "type", "product_area"]
OPTIONAL = {
    "supplier_number": "",
    "description": "",
    "unit": "st",
    "pack_size": "1",
    "in_assortment": "ja",
    "status": "active",
    "product": "",
    "delivery_days": "5",
    "price": "0",
    "fee_kind": "none",
    "fee_amount": "0",
    "is_individual": "nej",
    "central_only": "nej",
    "warranty_months": "0",
    "replacement_group": "",
    "gtin": "",
}
COLUMNS_HELP = """\
Columns (header row required, in any order; `;` or `,` separated, UTF-8):
  number*          article number (1-20 letters, digits, '-' or '.'); existing numbers are updated
  name*            benämning (max 200)
  supplier*        the supplier's name, exactly as registered
  iso_code*        ISO 9999 code, e.g. 220615 or "22 06 15" (must exist)
  type*            main | accessory | spare_part | service (or huvudhjälpmedel, tillbehör,
                   reservdel, tjänst)
  product_area*    product area code, e.g. horsel
  supplier_number  lev. artikelnr (max 40)
  description      beskrivning
  unit             enhet (default st, max 10)
  pack_size        antal per förpackning (integer ≥ 1, default 1)
  in_assortment    ja/nej (default ja)
  status           active | phasing_out | discontinued (or aktiv, utgående, utgått)
  product          produkt (the supplier's grouping, max 120)
  delivery_days    leveranstid kundavtal in days (0-365, default 5)
  price            pris in kronor, e.g. 1234,50 (≥ 0, default 0)
  fee_kind         none | standard | charger | charger_kit (or ingen, patientavgift, laddare,
                   laddkit)
  fee_amount       patientavgift in kronor (≥ 0; must be 0 when fee_kind is none)
  is_individual    ja/nej: individmärkt (default nej)
  central_only     ja/nej: only from Hjälpmedelsverksamhet (ART-9, default nej)
  warranty_months  garanti in months (0-240, default 0)
  replacement_group ersättningsgrupp (max 40)
  gtin             GS1 GTIN that a scanner reads (8-14 digits with check digit, BEY-6)
(* required)"""

NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,19}$")
TRUE = {"ja", "j", "true", "1", "yes", "y", "x"}
FALSE = {"nej", "n", "false", "0", "no", ""}
MAX_LENGTHS = {
    "name": 200,
    "supplier_number": 40,
    "unit": 10,
    "product": 120,
    "replacement_group": 40,
}


def _enum(choices) -> dict[str, str]:
    """Accepts a choice's code or its (Swedish) label, any case."""
    mapping = {}
    for value, label in choices:
        mapping[str(value).lower()] = value
        mapping[str(label).lower()] = value
    return mapping


TYPES = _enum(Article.Type.choices)
STATUSES = _enum(Article.Status.choices)
FEE_KINDS = _enum(Article.FeeKind.choices) | {"ingen": Article.FeeKind.NONE}


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(text: str, delimiter: str | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the rows with their line numbers (1 = the header)."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    rows = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        rows.append((reader.line_num, row))
    return header, rows


def import_articles(
    text: str, *, delimiter: str | None = None, dry_run: bool = False
) -> ImportResult:
    result = ImportResult()
    header, rows = read_rows(text, delimiter)
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED and name not in OPTIONAL]
    if missing:
        result.errors.append(f"Rad 1: kolumn saknas: {', '.join(missing)}.")
    if unknown:
        result.errors.append(f"Rad 1: okänd kolumn: {', '.join(unknown)}.")
    if not rows:
        result.errors.append("Filen innehåller inga artikelrader.")
    if result.errors:
        return result
    lookups = _lookups(rows)
    seen: dict[str, int] = {}
    cleaned = []
    for line, row in rows:
        values, errors = _clean(row, lookups)
        number = values.get("number")
        if number and number in seen:
            errors.append(f"artikelnummer {number} finns redan på rad {seen[number]}")
        elif number:
            seen[number] = line
        result.errors.extend(f"Rad {line}: {message}." for message in errors)
        cleaned.append(values)
    result.errors.extend(_supplier_number_twins(rows, cleaned))
    result.rows = len(cleaned)
    if result.errors or dry_run:
        return result
    try:
        _write(cleaned, result)
    except IntegrityError as error:  # e.g. two articles swapping supplier's numbers
        first_line = str(error).strip().splitlines()[0]
        result.errors.append(f"Databasen vägrade importen: {first_line}")
    return result


def _supplier_number_twins(rows, cleaned) -> list[str]:
    """ART-D8: a supplier's article number names one article — refused when two rows give
    it, or when another article (not in the file) has it already."""
    errors, seen, wanted = [], {}, {}
    numbers = {values["number"] for values in cleaned if values.get("number")}
    for (line, _row), values in zip(rows, cleaned, strict=True):
        supplier, supplier_number = values.get("supplier"), values.get("supplier_number")
        if supplier is None or not supplier_number:
            continue
        key = (supplier.pk, supplier_number)
        if key in seen:
            errors.append(
                (
                    line,
                    f"Rad {line}: leverantörens artikelnummer {supplier_number} för "
                    f"{supplier.name} finns redan på rad {seen[key]}.",
                )  # fmt: skip
            )
        else:
            seen[key], wanted[key] = line, values.get("number")
    taken = Article.objects.filter(
        supplier_id__in={pk for pk, _ in wanted},
        supplier_number__in={number for _, number in wanted},
    ).exclude(number__in=numbers)
    for article in taken.select_related("supplier"):
        line = seen.get((article.supplier_id, article.supplier_number))
        if line is not None:
            errors.append(
                (
                    line,
                    f"Rad {line}: leverantörens artikelnummer {article.supplier_number} "
                    f"för {article.supplier.name} har redan artikel {article.number}.",
                )  # fmt: skip
            )
    return [message for _line, message in sorted(errors)]


def _lookups(rows) -> dict:
    suppliers = {row.get("supplier", "").strip() for _line, row in rows}
    codes = {_iso(row.get("iso_code", "")) for _line, row in rows}
    areas = {row.get("product_area", "").strip().lower() for _line, row in rows}
    return {
        "suppliers": {s.name: s for s in Supplier.objects.filter(name__in=suppliers)},
        "iso": {i.code: i for i in IsoCode.objects.filter(code__in=codes)},
        "areas": {a.code: a for a in ProductArea.objects.filter(code__in=areas)},
    }


def _iso(value: str) -> str:
    return "".join((value or "").split())


def _clean(row: dict, lookups: dict) -> tuple[dict, list[str]]:
    """One row's values for an Article, and what is wrong with it (Swedish, for the user)."""
    raw = {name: (row.get(name) or OPTIONAL.get(name, "")).strip() for name in REQUIRED}
    raw |= {name: (row.get(name) or default).strip() for name, default in OPTIONAL.items()}
    errors: list[str] = []
    values: dict = {}
    if None in row:
        errors.append("fler fält än kolumner")
    for name in REQUIRED:
        if not raw[name]:
            errors.append(f"{name} saknas")
    if raw["number"] and not NUMBER_PATTERN.match(raw["number"]):
        errors.append(f"ogiltigt artikelnummer {raw['number']!r}")
    else:
        values["number"] = raw["number"]
    for name, limit in MAX_LENGTHS.items():
        if len(raw[name]) > limit:
            errors.append(f"{name} är längre än {limit} tecken")
    for name in ("name", "supplier_number", "description", "unit", "product", "replacement_group"):
        values[name] = raw[name]
    _lookup(raw["supplier"], lookups["suppliers"], "supplier", "okänd leverantör", values, errors)
    _lookup(_iso(raw["iso_code"]), lookups["iso"], "iso_code", "okänd ISO-kod", values, errors)
    area = raw["product_area"].lower()
    _lookup(area, lookups["areas"], "product_area", "okänt produktområde", values, errors)
    _choice(raw["type"], TYPES, "type", "artikeltyp", values, errors)
    _choice(raw["status"], STATUSES, "status", "status", values, errors)
    _choice(raw["fee_kind"], FEE_KINDS, "fee_kind", "avgiftstyp", values, errors)
    _integer(raw["pack_size"], "pack_size", 1, 100000, values, errors)
    _integer(raw["delivery_days"], "delivery_days", 0, 365, values, errors)
    _integer(raw["warranty_months"], "warranty_months", 0, 240, values, errors)
    _money(raw["price"], "price", values, errors)
    _money(raw["fee_amount"], "fee_amount", values, errors)
    for name in ("in_assortment", "is_individual", "central_only"):
        _boolean(raw[name], name, values, errors)
    if raw["gtin"]:
        try:
            values["gtin"] = normalise_gtin(raw["gtin"])
        except ValidationError:
            errors.append(f"ogiltigt GTIN {raw['gtin']!r}")
    else:
        values["gtin"] = ""
    if values.get("fee_kind") == Article.FeeKind.NONE and values.get("fee_amount"):
        errors.append("fee_amount måste vara 0 när fee_kind är none")
    return values, errors


def _lookup(key, table, name, message, values, errors):
    if not key:
        return
    if key in table:
        values[name] = table[key]
    else:
        errors.append(f"{message} {key!r}")


def _choice(raw, mapping, name, label, values, errors):
    value = mapping.get(raw.lower())
    if value is None:
        errors.append(f"ogiltig {label} {raw!r}")
    else:
        values[name] = value


def _integer(raw, name, low, high, values, errors):
    try:
        number = int(raw.replace(" ", ""))
    except ValueError:
        errors.append(f"{name} är inget heltal: {raw!r}")
        return
    if not low <= number <= high:
        errors.append(f"{name} måste vara mellan {low} och {high}")
    else:
        values[name] = number


def _money(raw, name, values, errors):
    text = raw.replace(" ", "").replace("\u00a0", "").replace(",", ".").removesuffix("kr")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        errors.append(f"{name} är inget belopp: {raw!r}")
        return
    if not amount.is_finite() or amount < 0 or amount >= Decimal("100000000"):
        errors.append(f"{name} måste vara ett belopp från 0 kr")
    elif amount != amount.quantize(Decimal("0.01")):
        errors.append(f"{name} har fler än två decimaler")
    else:
        values[name] = amount.quantize(Decimal("0.01"))


def _boolean(raw, name, values, errors):
    value = raw.lower()
    if value in TRUE:
        values[name] = True
    elif value in FALSE:
        values[name] = False
    else:
        errors.append(f"{name} ska vara ja eller nej, inte {raw!r}")


FIELDS = [
    "name",
    "description",
    "supplier",
    "supplier_number",
    "unit",
    "pack_size",
    "type",
    "in_assortment",
    "status",
    "iso_code",
    "product",
    "delivery_days",
    "price",
    "fee_kind",
    "fee_amount",
    "is_individual",
    "central_only",
    "warranty_months",
    "replacement_group",
    "product_area",
    "gtin",
]


def _write(rows: list[dict], result: ImportResult) -> None:
    with transaction.atomic():
        existing = {
            a.number: a
            for a in Article.objects.select_for_update().filter(
                number__in=[row["number"] for row in rows]
            )
        }
        new, changed = [], []
        for values in rows:
            article = existing.get(values["number"])
            if article is None:
                new.append(Article(number=values["number"], **{f: values[f] for f in FIELDS}))
                continue
            if all(getattr(article, f) == values[f] for f in FIELDS):
                result.unchanged += 1
                continue
            for name in FIELDS:
                setattr(article, name, values[name])
            changed.append(article)
        Article.objects.bulk_create(new)
        Article.objects.bulk_update(changed, FIELDS)
    result.created, result.updated = len(new), len(changed)
