"""BIL-6, IND-4, RCV-4 (IND-D123): the one check of individual and serial numbers, wherever a
person enters one (Kvittera direktleverans, Byte av individnummer, admin, any import; the
services that store them call it too). The alphabet is what real numbers use — ASCII letters
and digits, `-` `.` `/`, for a serial also single spaces inside, a letter or digit first — so
that a number can never start a formula (`=HYPERLINK(...)`, `+`, `-`, `@`) in a spreadsheet,
nor carry a control character, quotes or brackets into a document or an export.

An individual number is kept without spaces and in capitals (`normalise_individual_number`), a
serial number as typed with its whitespace tidied (`normalise_serial_number`); each check runs
on that form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

INDIVIDUAL_NUMBER_MAX = 40
SERIAL_NUMBER_MAX = 60

# A letter or digit first (a formula starts with = + - @ or a control character); then
# letters, digits and - . / — a serial number also single spaces between them.
_INDIVIDUAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*", re.ASCII)
_SERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]*(?: [A-Za-z0-9./-]+)*", re.ASCII)


def normalise_individual_number(value: str) -> str:
    """Individual numbers are kept in capitals without spaces, so that uniqueness cannot be
    dodged by case or a stray space (IND-4, RCV-4)."""
    return "".join((value or "").split()).upper()


def normalise_serial_number(value: str) -> str:
    """A serial number is kept as typed, stripped, each run of whitespace one space."""
    return " ".join((value or "").split())


def individual_number_refusal(value: str) -> str:
    """Why `value` (as typed) is no individual number; "" when it is one."""
    number = normalise_individual_number(value)
    if not number:
        return _("Ange individnummer.")
    if len(number) > INDIVIDUAL_NUMBER_MAX or not _INDIVIDUAL.fullmatch(number):
        return _(
            "Ett individnummer har 1–40 tecken: bokstäver, siffror och - . / (bokstäverna "
            "a–z), och börjar med en bokstav eller siffra."
        )
    return ""


def serial_number_refusal(value: str) -> str:
    """Why `value` (as typed) is no serial number; "" when it is one."""
    serial = normalise_serial_number(value)
    if not serial:
        return _("Ange serienummer.")
    if len(serial) > SERIAL_NUMBER_MAX or not _SERIAL.fullmatch(serial):
        return _(
            "Ett serienummer har 1–60 tecken: bokstäver, siffror, - . / och enstaka "
            "mellanslag (bokstäverna a–z), och börjar med en bokstav eller siffra."
        )
    return ""


def validate_individual_number(value: str) -> None:
    """A Django validator (model fields, forms, admin)."""
    if refusal := individual_number_refusal(value):
        raise ValidationError(refusal, code="individual_number")


def validate_serial_number(value: str) -> None:
    """A Django validator (model fields, forms, admin); empty is left to `blank`."""
    if value and (refusal := serial_number_refusal(value)):
        raise ValidationError(refusal, code="serial_number")
