"""IND-D123: the one check of individual and serial numbers. Whatever is typed, a number it
lets through is made of letters, digits and - . / (a serial also single spaces), starts with
a letter or digit, and is therefore never a formula to a spreadsheet (BIL-6)."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sesam.lib.device_numbers import (
    individual_number_refusal,
    normalise_individual_number,
    normalise_serial_number,
    serial_number_refusal,
)
from sesam.lib.tabular import neutralise

ALPHABET = set(string.ascii_letters + string.digits + "-./")
# Garbage with the characters that matter over-represented: formula starts, quotes, brackets.
garbage = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from('=+-@\t\r\n "(),;./AZaz09Åö')),
    max_size=80,
)


@given(garbage)
def test_ind_d123_an_accepted_individual_number_is_plain_and_never_a_formula(text):
    if individual_number_refusal(text):
        return
    number = normalise_individual_number(text)
    assert 1 <= len(number) <= 40 and set(number) <= ALPHABET
    assert number[0].isalnum() and neutralise(number) == number


@given(garbage)
def test_ind_d123_an_accepted_serial_number_is_plain_and_never_a_formula(text):
    if serial_number_refusal(text):
        return
    serial = normalise_serial_number(text)
    assert 1 <= len(serial) <= 60 and set(serial) <= ALPHABET | {" "}
    assert serial[0].isalnum() and "  " not in serial and neutralise(serial) == serial


@pytest.mark.parametrize(
    "number", ["7000001", "AU-1001", "au-1001", "HA-0042", "SI00000012", "41-01 x", "AB/12.3"]
)
def test_ind_d123_real_individual_numbers_pass(number):
    assert individual_number_refusal(number) == ""


@pytest.mark.parametrize("serial", ["SN000123", "AU25123456", "SN 24 123456", "A1/2.3-4"])
def test_ind_d123_real_serial_numbers_pass(serial):
    assert serial_number_refusal(serial) == ""


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("//evil.example","Klicka")', "+1", "-1", "@A1", "\x01A", "A'1", "Å1"]
)
def test_ind_d123_formulas_and_strange_characters_are_refused(text):
    assert "börjar med en bokstav eller siffra" in individual_number_refusal(text)
    assert "börjar med en bokstav eller siffra" in serial_number_refusal(text)
