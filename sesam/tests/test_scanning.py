"""BEY-6: a handheld scanner's GS1 string read with biip — parenthesised AIs, FNC1/GS
separators with a symbology identifier, or bare element strings; typed serials are left alone."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from sesam.lib.scanning import Scan, ScanError, normalise_gtin, parse_scan

GS = "\x1d"


@pytest.mark.parametrize(
    ("text", "scan"),
    [
        ("(01)07350000401103(21)NL26287887", Scan("07350000401103", "NL26287887")),
        (
            "]d2010735000040110317281231" + "10LOT7" + GS + "21NL26287887",
            Scan("07350000401103", "NL26287887", "LOT7", datetime.date(2028, 12, 31)),
        ),
        ("]C1010735000040110321AB-1" + GS + "10X", Scan("07350000401103", "AB-1", "X")),
        ("010735000040110321NL26287887", Scan("07350000401103", "NL26287887")),
    ],
)
def test_bey_6_real_gs1_strings_are_read(text, scan):
    assert parse_scan(text) == scan


@pytest.mark.parametrize("typed", ["NL26287887", "4101001", "AV24-118842", ""])
def test_bey_6_a_typed_serial_is_no_scan(typed):
    assert parse_scan(typed) is None


def test_bey_6_an_unreadable_code_is_a_swedish_error():
    with pytest.raises(ScanError, match="Streckkoden kunde inte läsas"):
        parse_scan("(01)123")


def test_bey_6_gtins_are_kept_as_14_digits_with_a_valid_check_digit():
    assert normalise_gtin("7350000401103") == "07350000401103"
    with pytest.raises(ValidationError):
        normalise_gtin("07350000401104")
