"""Vardag (BIL-2, ORD-D2): Monday–Friday, not a Swedish public holiday, and not midsommarafton,
julafton or nyårsafton (BIL-D3) — all from the holidays package."""

import datetime

import pytest

from sesam.lib import numbers, workdays

D = datetime.date


@pytest.mark.parametrize(
    "day",
    [D(2026, 6, 19), D(2026, 12, 24), D(2026, 12, 31), D(2027, 6, 25), D(2027, 12, 24)],
)
def test_bil_2_the_eves_are_not_vardag(day):
    assert day.weekday() < 5 and not workdays.is_workday(day)


@pytest.mark.parametrize("day", [D(2026, 1, 6), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14)])
def test_bil_2_public_holidays_are_not_vardag(day):
    assert not workdays.is_workday(day)


def test_bil_2_an_ordinary_weekday_is_vardag():
    assert workdays.is_workday(D(2026, 12, 2))


def test_bil_2_add_workdays_skips_christmas():
    assert workdays.add_workdays(D(2026, 12, 23), 1) == D(2026, 12, 28)


def test_bil_2_first_workday_of_month_skips_new_year():
    assert workdays.first_workday_of_month(2027, 1) == D(2027, 1, 4)


@pytest.mark.django_db
def test_bil_6_next_numbers_are_consecutive_and_follow_next_number():
    first = numbers.next_number(day=D(2026, 11, 2))
    batch = numbers.next_numbers(3, day=D(2026, 11, 2))
    assert batch == [str(int(first) + i) for i in (1, 2, 3)]
    assert numbers.next_number(day=D(2026, 11, 2)) == str(int(first) + 4)
    assert numbers.next_numbers(0) == []
