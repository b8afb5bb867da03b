"""REC-1 (validation) and REC-9 (age) of sesam.lib.personnummer."""

import contextlib
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sesam.lib import personnummer

TEST_NUMBERS = Path(__file__).resolve().parents[2] / "tests/data/skatteverket-testpersonnummer.txt"
TODAY = datetime.date(2026, 11, 28)


def _code(value, today=TODAY):
    with pytest.raises(ValidationError) as caught:
        personnummer.normalise(value, today=today)
    return caught.value.code, caught.value.messages[0]


def test_rec_1_accepts_every_official_test_number():
    numbers = TEST_NUMBERS.read_text().split()
    assert len(numbers) > 40_000
    rejected = [n for n in numbers if not personnummer.is_valid(n)]
    assert rejected == []


def test_rec_1_accepts_hyphen_after_the_date_and_spaces():
    assert personnummer.normalise("19121212-1212", today=TODAY) == "191212121212"
    assert personnummer.normalise(" 1912 1212 1212 ", today=TODAY) == "191212121212"


def test_rec_1_accepts_samordningsnummer_day_plus_60():
    # The test list has no samordningsnummer: take the official 200605012384 and add 60 to the
    # day (01 → 61), recomputing the check digit.
    number = _with_check_digit("20060561238")
    assert personnummer.normalise(number, today=TODAY) == number
    assert personnummer.is_coordination_number(number)
    assert personnummer.birth_date(number) == datetime.date(2006, 5, 1)


def test_rec_1_rejects_empty():
    code, message = _code("   ")
    assert code == "required"
    assert "Ange mottagarens personnummer" in message


def test_rec_1_rejects_wrong_check_digit():
    code, message = _code("191212121213")
    assert code == "checksum"
    assert "Kontrollsiffran" in message


def test_rec_1_rejects_impossible_date():
    assert _code("191213121210")[0] == "date"  # month 13
    assert _code("190102291218")[0] == "date"  # 29 February in a common year
    assert _code("191212921213")[0] == "date"  # day 92 = samordningsnummer day 32
    assert "giltigt datum" in _code("191213121210")[1]


def test_rec_1_rejects_future_date():
    future = _with_check_digit("20261129123")  # Luhn-valid, born the day after TODAY
    code, message = _code(future, today=TODAY)
    assert code == "future"
    assert "framtiden" in message


def test_rec_1_rejects_11_digits_and_10_digits_with_the_12_digit_message():
    for value in ["19121212121", "1212121212", "121212-1212"]:
        code, message = _code(value)
        assert code == "length"
        assert message.startswith("Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN")


def test_rec_1_rejects_letters_and_other_characters():
    for value in ["19121212121A", "abc", "19121212+1212", "١٩١٢١٢١٢١٢١٢", "19121212--1212"]:
        code, message = _code(value)
        assert code == "characters", value
        assert "bara innehålla siffror" in message


def test_rec_1_rejects_hyphen_in_the_wrong_place():
    code, message = _code("1912-12121212")
    assert code == "hyphen"
    assert "ÅÅÅÅMMDD-NNNN" in message


def test_rec_1_each_kind_has_its_own_message():
    assert len(set(personnummer.MESSAGES.values())) == len(personnummer.MESSAGES)


@given(st.one_of(st.text(), st.binary().map(repr), st.integers().map(str), st.none()))
def test_rec_1_garbage_raises_only_validation_error(value):
    try:
        result = personnummer.normalise(value)
    except ValidationError:
        return
    assert len(result) == 12
    assert result.isascii()
    assert result.isdigit()


@given(st.text(alphabet="0123456789- ", max_size=16))
def test_rec_1_digit_garbage_raises_only_validation_error(value):
    with contextlib.suppress(ValidationError):
        personnummer.normalise(value)


def _with_check_digit(first_eleven: str) -> str:
    from stdnum import luhn

    return first_eleven + luhn.calc_check_digit(first_eleven[2:])


@pytest.mark.parametrize(
    ("day", "age", "adult"),
    [
        (datetime.date(2026, 4, 30), 19, False),  # the day before the 20th birthday
        (datetime.date(2026, 5, 1), 20, True),  # the birthday
        (datetime.date(2026, 5, 2), 20, True),
    ],
)
def test_rec_9_age_and_adult_at_the_20th_birthday(day, age, adult):
    number = "200605012384"  # official test number, born 2006-05-01
    assert personnummer.age_on(number, day) == age
    assert personnummer.is_adult(number, day) is adult


def test_rec_9_adult_limit_is_a_setting(settings):
    settings.SESAM_ADULT_AGE = 18
    assert personnummer.is_adult("200605012384", datetime.date(2024, 5, 1))


def test_rec_9_29_february_birthday_is_1_march_in_common_years():
    number = "200802292383"  # official test number, born 2008-02-29
    assert personnummer.age_on(number, datetime.date(2027, 2, 28)) == 18
    assert personnummer.age_on(number, datetime.date(2027, 3, 1)) == 19
    assert personnummer.age_on(number, datetime.date(2028, 2, 28)) == 19
    assert personnummer.age_on(number, datetime.date(2028, 2, 29)) == 20
    assert personnummer.is_adult(number, datetime.date(2028, 2, 29))


def test_rec_9_samordningsnummer_age_uses_the_real_day():
    number = _with_check_digit("20060561238")  # 200605012384 as a samordningsnummer
    assert personnummer.age_on(number, datetime.date(2026, 4, 30)) == 19
    assert personnummer.age_on(number, datetime.date(2026, 5, 1)) == 20
