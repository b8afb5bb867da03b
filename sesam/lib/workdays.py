"""Swedish working days (vardag: Monday–Friday and not a public holiday), via `holidays`.

`holidays.Sweden`'s public category leaves out midsommarafton, julafton and nyårsafton, which
are days off in practice (and in the Region); its `de_facto` category has exactly those three,
so both categories are used (BIL-D3)."""

import datetime
from functools import cache

import holidays


@cache
def _swedish_holidays(year: int):
    return holidays.Sweden(
        years=year, include_sundays=False, categories=(holidays.PUBLIC, holidays.DE_FACTO)
    )


def is_workday(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


def add_workdays(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def workday_on_or_after(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the next one."""
    while not is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def first_workday_of_month(year: int, month: int) -> datetime.date:
    return workday_on_or_after(datetime.date(year, month, 1))
