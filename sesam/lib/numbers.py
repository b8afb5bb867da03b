"""ORD-10: 8-digit numbers YYWWNNNN (ISO year and week, running number within the week)."""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone


class NumberSeriesExhausted(Exception):
    """A week's 9999 numbers are used up: fail loudly rather than wrap."""


def week_key(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year % 100:02d}{week:02d}"


def next_number(*, day: datetime.date | None = None) -> str:
    """Allocates the next number of the week, atomically in the database (an upsert that
    increments and returns), so concurrent sends never get the same number. Runs inside the
    caller's transaction: a rolled-back send leaves a gap, never a repeat."""
    key = week_key(day or timezone.localdate())
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO sesam_numberseries (week, last) VALUES (%s, 1)
                ON CONFLICT (week) DO UPDATE SET last = sesam_numberseries.last + 1
                RETURNING last
                """,
                [key],
            )
            (running,) = cursor.fetchone()
    except IntegrityError as error:
        raise NumberSeriesExhausted(f"Vecka {key} har slut på nummer (9999 använda).") from error
    return f"{key}{running:04d}"


def reserve_numbers(*, day: datetime.date, count: int) -> list[str]:
    """`count` consecutive numbers of `day`'s week in one upsert (bulk loads)."""
    key = week_key(day)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO sesam_numberseries (week, last) VALUES (%s, %s)
            ON CONFLICT (week) DO UPDATE SET last = sesam_numberseries.last + EXCLUDED.last
            RETURNING last
            """,
            [key, count],
        )
        (last,) = cursor.fetchone()
    if last > 9999:
        raise NumberSeriesExhausted(f"Vecka {key} har slut på nummer (9999 använda).")
    return [f"{key}{running:04d}" for running in range(last - count + 1, last + 1)]
