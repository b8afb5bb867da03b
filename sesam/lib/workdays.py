"""Swedish working days (vardag: Monday–Friday and not a public holiday), via `holidays`."""

import datetime
from functools import cache

import holidays


@cache
def _swedish_holidays(year: int):
    return holidays.Sweden(years=year, include_sundays=False)


def is_workday(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _swedish_holidays(day.year)


def add_workdays(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day
