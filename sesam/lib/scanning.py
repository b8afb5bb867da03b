"""BEY-6: a handheld scanner's GS1 barcode, typed into a field as keyboard input, read with
`biip`. A scanner sends GS1-128 or GS1 DataMatrix either with its symbology identifier
(`]C1`, `]d2`) and FNC1 as the group separator (ASCII 29), or as human-readable text with
parenthesised AIs, `(01)07350000401103(21)NL26287887`. The parts the portal uses: AI 01 GTIN
(the article), 21 serial number, 10 lot (batch), 17 expiry date.

A value that does not look like a GS1 string (a serial number typed by hand) is not parsed:
serial numbers cannot hold brackets or control characters (IND-D123), so the two never mix."""

import datetime
import re
from dataclasses import dataclass

from biip import ParseError
from biip.gs1_messages import GS1Message
from biip.gtin import Gtin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

GROUP_SEPARATOR = "\x1d"
# AI 01 + 14 digits followed by more data: an element string without a symbology identifier.
_RAW_GTIN_FIRST = re.compile(r"^01\d{14}.")


@dataclass(frozen=True)
class Scan:
    gtin: str = ""
    serial: str = ""
    lot: str = ""
    expiry: datetime.date | None = None


class ScanError(ValueError):
    """A GS1 string that cannot be read; the message is Swedish."""


def looks_scanned(value: str) -> bool:
    text = (value or "").strip()
    return (
        text.startswith(("(", "]")) or GROUP_SEPARATOR in text or bool(_RAW_GTIN_FIRST.match(text))
    )


def parse_scan(value: str) -> Scan | None:
    """The GS1 parts of a scanned value, None when it was typed by hand; ScanError when it
    looks scanned but cannot be read."""
    if not looks_scanned(value):
        return None
    text = value.strip()
    try:
        if text.startswith("("):
            message = GS1Message.parse_hri(text)
        else:
            text = re.sub(r"^\](C1|d2|Q3|e0)", "", text)
            message = GS1Message.parse(text)
    except ParseError as error:
        raise ScanError(_("Streckkoden kunde inte läsas: %(error)s") % {"error": error}) from None
    parts = {element.ai.ai: element for element in message.element_strings}
    expiry = parts["17"].date if "17" in parts else None
    return Scan(
        gtin=parts["01"].value if "01" in parts else "",
        serial=parts["21"].value if "21" in parts else "",
        lot=parts["10"].value if "10" in parts else "",
        expiry=expiry,
    )


def normalise_gtin(value: str) -> str:
    """A GTIN (8, 12, 13 or 14 digits) as the 14 digits AI 01 carries; ValidationError when
    it is none (its check digit is wrong)."""
    try:
        return Gtin.parse((value or "").strip()).as_gtin_14()
    except ParseError:
        raise ValidationError(
            _("%(value)s är inget giltigt GTIN (8–14 siffror med rätt kontrollsiffra).")
            % {"value": value},
            code="gtin",
        ) from None


def validate_gtin(value: str) -> None:
    """A Django validator: an empty value is left to `blank`."""
    if value:
        normalise_gtin(value)


# AI 21 (serial number) holds at most 20 characters of GS1's character set 82 — our serial
# alphabet (IND-D123) less the space.
_AI_21 = re.compile(r"[A-Za-z0-9./-]{1,20}", re.ASCII)


def gs1_element_string(*, gtin: str, serial: str = "") -> str:
    """The element string a label's GS1 barcode carries (BEY-6 labels, the reverse of
    `parse_scan`): AI 01 with the 14-digit GTIN, then AI 21 with the serial number. AI 01 is
    fixed-length and AI 21 comes last, so no FNC1 separator is needed between them. Raises
    ValidationError for a bad GTIN, ValueError for a serial AI 21 cannot carry (see
    `fits_ai_21`)."""
    text = "01" + normalise_gtin(gtin)
    if serial:
        if not fits_ai_21(serial):
            raise ValueError("AI 21 holds 1–20 characters without spaces")
        text += "21" + serial
    return text


def fits_ai_21(serial: str) -> bool:
    return bool(_AI_21.fullmatch(serial or ""))


def gs1_human_readable(element_string: str) -> str:
    """`0107350000401103` `21NL26287887` → `(01)07350000401103(21)NL26287887`, the text
    under a GS1 barcode."""
    text = f"(01){element_string[2:16]}"
    if len(element_string) > 16:
        text += f"(21){element_string[18:]}"
    return text
