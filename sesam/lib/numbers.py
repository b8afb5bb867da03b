"""ORD-10: 8-digit numbers YYWWNNNN (ISO year and week, running number within the week)."""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _


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
        raise NumberSeriesExhausted(
            _("Vecka %(week)s har slut på nummer (9999 använda).") % {"week": key}
        ) from error
    return f"{key}{running:04d}"


def next_numbers(count: int, *, day: datetime.date | None = None) -> list[str]:
    """`count` consecutive numbers of the week in one statement (the nightly billing run
    numbers a batch of invoices at once, BIL-6); same guarantees as `next_number`."""
    if count < 1:
        return []
    key = week_key(day or timezone.localdate())
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO sesam_numberseries (week, last) VALUES (%s, %s)
                ON CONFLICT (week) DO UPDATE SET last = sesam_numberseries.last + %s
                RETURNING last
                """,
                [key, count, count],
            )
            (last,) = cursor.fetchone()
    except IntegrityError as error:
        raise NumberSeriesExhausted(f"Vecka {key} har slut på nummer (9999 använda).") from error
    return [f"{key}{running:04d}" for running in range(last - count + 1, last + 1)]
