"""Reading a population-register extract (CSV) for `import_recipients`: every row is checked
and every bad row reported by its line number, so that a file is imported whole or not at all."""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from recipients.models import Recipient
from recipients.services import RegisterRecord
from sesam.lib import personnummer

# column (as in the file's header) → (key, required)
COLUMNS = {
    "personnummer": ("personnummer", True),
    "förnamn": ("first_name", True),
    "efternamn": ("last_name", True),
    "adress": ("street", True),
    "postnummer": ("postal_code", True),
    "ort": ("city", True),
    "skyddad identitet": ("protected_identity", True),
    "hemregion": ("home_region", False),
    "aktiv": ("is_active", False),
}
HELP = """\
The file is UTF-8 (a BOM is fine), separated by semicolons or commas, with a header row naming
the columns (case, å/ä/ö and _ for space do not matter; order is free):

  personnummer       12 digits, YYYYMMDDNNNN (a hyphen after the date is accepted) — required
  förnamn            first name(s) — required
  efternamn          last name — required
  adress             street address — required unless skyddad identitet
  postnummer         5 digits, "NNN NN" or "NNNNN" — required unless skyddad identitet
  ort                postal town — required unless skyddad identitet
  skyddad identitet  ja/nej (also j/n, 1/0, true/false; empty = nej) — the column is required
  hemregion          the home region for people not registered in the region
                     (e.g. "Region Halland"); empty = registered in the region
  aktiv              ja/nej, optional (empty or missing = ja)
"""

YES = {"ja", "j", "1", "true", "x", "yes"}
NO = {"nej", "n", "0", "false", "no", ""}
POSTAL_CODE = re.compile(r"^([0-9]{3}) ?([0-9]{2})$")
MAX_LENGTHS = {
    name: Recipient._meta.get_field(name).max_length
    for name in ["first_name", "last_name", "street", "city", "home_region"]
}
LABELS = {key: column for column, (key, _required) in COLUMNS.items()}


@dataclass
class ParseResult:
    records: list[RegisterRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "Rad 3: …"


def _fold(name: str) -> str:
    """Header names compare without case, accents, underscores or extra spaces."""
    text = unicodedata.normalize("NFKD", name.strip().lower().replace("_", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


_HEADER_KEYS = {_fold(column): key for column, (key, _required) in COLUMNS.items()}


def parse(text: str) -> ParseResult:
    """Reads the whole extract; `errors` lists every problem found, by line number."""
    result = ParseResult()
    text = text.removeprefix("\ufeff")
    if not text.strip():
        result.errors.append("Filen är tom.")
        return result
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    keys = [_HEADER_KEYS.get(_fold(name)) for name in header]
    unknown = [name for name, key in zip(header, keys, strict=True) if key is None and name.strip()]
    missing = [c for c, (key, required) in COLUMNS.items() if required and key not in keys]
    if unknown:
        result.errors.append(f"Rad 1: okända kolumner: {', '.join(unknown)}.")
    if missing:
        result.errors.append(f"Rad 1: kolumner saknas: {', '.join(missing)}.")
    if result.errors:
        return result
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            result.errors.append(f"Rad {line}: {len(row)} fält, men rubrikraden har {len(header)}.")
            continue
        values = {key: cell.strip() for key, cell in zip(keys, row, strict=True) if key}
        record, problems = _record(values)
        if record is not None and record.personnummer in seen:
            problems.append(f"personnumret finns redan på rad {seen[record.personnummer]}")
        if problems:
            result.errors.append(f"Rad {line}: {'; '.join(problems)}.")
        else:
            seen[record.personnummer] = line
            result.records.append(record)
    return result


def _record(values: dict[str, str]) -> tuple[RegisterRecord | None, list[str]]:
    """REC-5 (REC-D126): an error echoes a value of the row only when the row is plainly not
    of a person with protected identity; for one that is — or whose Skyddad identitet cannot be
    read (a shifted column may hold the address there) — it names the column, never the value."""
    problems = []
    flag = values.get("protected_identity", "").strip().lower()
    protected, readable = flag in YES, flag in YES | NO
    if not readable:
        problems.append("skyddad identitet ska vara ja eller nej")

    def shown(value: str) -> str:
        return f" {value!r}" if readable and not protected else ""

    try:
        number = personnummer.normalise(values["personnummer"])
    except ValidationError as error:
        number = None
        problems.append(f"personnummer{shown(values['personnummer'])}: {' '.join(error.messages)}")
    active = _flag(values.get("is_active", "") or "ja", "aktiv", problems, shown)
    required = ["first_name", "last_name"] + (
        [] if protected else ["street", "postal_code", "city"]
    )
    for key in required:
        if not values.get(key):
            problems.append(f"{LABELS[key]} saknas")
    for key, limit in MAX_LENGTHS.items():
        if len(values.get(key, "")) > limit:
            problems.append(f"{LABELS[key]} är längre än {limit} tecken")
    postal_code = values.get("postal_code", "")
    if postal_code:
        match = POSTAL_CODE.match(postal_code)
        if match:
            postal_code = f"{match[1]} {match[2]}"
        else:
            problems.append(f"postnummer{shown(postal_code)} ska vara fem siffror, NNN NN")
    if problems:
        return None, problems
    record = RegisterRecord(
        personnummer=number,
        first_name=values["first_name"],
        last_name=values["last_name"],
        street=values.get("street", ""),
        postal_code=postal_code,
        city=values.get("city", ""),
        protected_identity=protected,
        home_region=values.get("home_region", ""),
        is_active=active,
    )
    return record, []


def _flag(value: str, label: str, problems: list[str], shown) -> bool:
    folded = value.strip().lower()
    if folded in YES:
        return True
    if folded not in NO:
        echo = shown(value)
        problems.append(f"{label} ska vara ja eller nej" + (f", inte{echo}" if echo else ""))
    return False
