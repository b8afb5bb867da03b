"""Personnummer helpers (REC-1, REC-9). Placeholder API, completed by the recipients work."""

import datetime

from django.conf import settings


def birth_date(personnummer: str) -> datetime.date:
    day = int(personnummer[6:8])
    if day > 60:  # samordningsnummer
        day -= 60
    return datetime.date(int(personnummer[:4]), int(personnummer[4:6]), day)


def age_on(personnummer: str, day: datetime.date) -> int:
    born = birth_date(personnummer)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_adult(personnummer: str, day: datetime.date) -> bool:
    return age_on(personnummer, day) >= settings.SESAM_ADULT_AGE


def normalise(value: str) -> str:
    """Placeholder until the recipients work lands: 12 digits, optional hyphen after the date."""
    from django.core.exceptions import ValidationError

    digits = value.strip().replace(" ", "")
    if len(digits) == 13 and digits[8] == "-":
        digits = digits[:8] + digits[9:]
    if not (digits.isdigit() and len(digits) == 12):
        raise ValidationError("Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN.")
    return digits
