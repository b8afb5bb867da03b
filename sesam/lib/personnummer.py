"""Swedish personnummer (REC-1, REC-9): always 12 digits, YYYYMMDDNNNN.

`normalise` accepts what people type (spaces anywhere, one hyphen after the 8-digit date) and
returns the 12 digits, or raises `ValidationError` with a Swedish message naming what is wrong:
empty, other characters, wrong length, impossible date, future date, wrong check digit. Each
kind has its own `code` so that forms and tests can tell them apart.

A samordningsnummer (coordination number) is accepted: its day of month is the birth day + 60.
python-stdnum checks the date and the Luhn check digit; the rest are our own rules.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer as stdnum_personnummer

COORDINATION_DAY_OFFSET = 60
# No one alive was born earlier; an older "date" is a typing error (e.g. 0912… for 1912…).
EARLIEST_BIRTH_YEAR = 1870

MESSAGES = {
    "required": _("Ange mottagarens personnummer (12 siffror, ÅÅÅÅMMDDNNNN)."),
    "characters": _(
        "Personnumret får bara innehålla siffror, och ett bindestreck efter födelsedatumet "
        "(ÅÅÅÅMMDD-NNNN)."
    ),
    "hyphen": _("Bindestrecket får bara stå efter födelsedatumet: ÅÅÅÅMMDD-NNNN."),
    "length": _("Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN (du angav %(count)s siffror)."),
    "date": _(
        "Personnumret innehåller inget giltigt datum (ÅÅÅÅMMDD). "
        "Kontrollera år, månad och dag – för samordningsnummer är dagen ökad med 60."
    ),
    "future": _("Födelsedatumet i personnumret ligger i framtiden. Kontrollera årtalet."),
    "checksum": _(
        "Kontrollsiffran (sista siffran) stämmer inte. "
        "Kontrollera att personnumret är rätt skrivet."
    ),
}

_DIGITS = re.compile(r"[0-9]*")  # ASCII digits only: str.isdigit() also accepts "١٢" or "²".


def _fail(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def normalise(value, *, today: datetime.date | None = None) -> str:
    """The 12 digits of a valid personnummer, or `ValidationError` naming what is wrong."""
    text = "".join(str(value or "").split())  # every kind of whitespace, anywhere
    if not text:
        raise _fail("required")
    if text.count("-") > 1 or not _DIGITS.fullmatch(text.replace("-", "")):
        raise _fail("characters")
    if "-" in text:
        date_part, _hyphen, serial = text.partition("-")
        if len(date_part) != 8 or len(serial) != 4:
            digits = date_part + serial
            if len(digits) != 12:
                raise _fail("length", count=len(digits))
            raise _fail("hyphen")
        text = date_part + serial
    if len(text) != 12:
        raise _fail("length", count=len(text))
    birth = _birth_date_or_none(text)
    if birth is None:
        raise _fail("date")
    if birth > (today or timezone.localdate()):
        raise _fail("future")
    if not luhn.is_valid(text[2:]):
        raise _fail("checksum")
    return text


def validate(value) -> None:
    """A Django validator: raises `ValidationError` unless `value` is a valid personnummer."""
    normalise(value)


def is_valid(value) -> bool:
    try:
        normalise(value)
    except ValidationError:
        return False
    return True


def is_coordination_number(personnummer: str) -> bool:
    return int(personnummer[6:8]) > COORDINATION_DAY_OFFSET


def _birth_date_or_none(digits: str) -> datetime.date | None:
    day = int(digits[6:8])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    # stdnum validates the calendar date (in its 13-character form YYYYMMDD-NNNN).
    try:
        birth = stdnum_personnummer.get_birth_date(f"{digits[:6]}{day:02d}-{digits[8:]}")
    except (StdnumError, ValueError):
        return None
    return birth if birth.year >= EARLIEST_BIRTH_YEAR else None


def birth_date(personnummer: str) -> datetime.date:
    """The birth date of a normalised personnummer (samordningsnummer: day − 60)."""
    birth = _birth_date_or_none(personnummer)
    if birth is None:
        raise _fail("date")
    return birth


def age_on(personnummer: str, day: datetime.date) -> int:
    """Completed years on `day` (REC-9). A person born on 29 February has their birthday on
    1 March in common years (28 February has not yet completed the year; REC-D4)."""
    birth = birth_date(personnummer)
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_adult(personnummer: str, day: datetime.date | None = None) -> bool:
    """REC-9: adult (patient fees apply, BIL-1) from `SESAM_ADULT_AGE` (20); younger is Barn."""
    return age_on(personnummer, day or timezone.localdate()) >= settings.SESAM_ADULT_AGE


def display(personnummer: str) -> str:
    """YYYYMMDD-NNNN, the way people read it."""
    return f"{personnummer[:8]}-{personnummer[8:]}" if len(personnummer) == 12 else personnummer
