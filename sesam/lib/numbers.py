"""ORD-10: 8-digit numbers YYWWNNNN (ISO year and week, running number within the week) for
what writes number; printed documents have their own weekly series of ten digits, YYWWNNNNNN
(DOC-D120), so that a GET never uses up a number a write needs."""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class NumberSeriesExhausted(Exception):
    """A week's 9999 numbers are used up: fail loudly rather than wrap. Its message is Swedish;
    a request that meets it gets that message with status 409
    (`sesam.middleware.NumberSeriesExhaustedMiddleware`, ORD-D121), never a 500."""


def week_key(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year % 100:02d}{week:02d}"


def reserve(series, key: str, count: int) -> int:
    """Adds `count` to the counter `key` of a number series (a model with the key as primary
    key and `last`), creating it, in one statement inside the caller's transaction (an upsert
    that increments and returns), and returns the new `last`. Concurrent callers never get
    the same numbers; a rolled-back caller leaves a gap, never a repeat. IntegrityError when
    the series' check constraint refuses: it is full."""
    table, key_column = series._meta.db_table, series._meta.pk.column
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, last) VALUES (%s, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET last = {table}.last + EXCLUDED.last "
            "RETURNING last",
            [key, count],
        )
        return cursor.fetchone()[0]


def next_number(*, day: datetime.date | None = None) -> str:
    """Allocates the next number of the week, atomically in the database (`reserve`), so
    concurrent sends never get the same number; a rolled-back send leaves a gap."""
    return next_numbers(1, day=day)[0]


def next_numbers(count: int, *, day: datetime.date | None = None) -> list[str]:
    """`count` consecutive numbers of the week in one statement (the scale data numbers a
    week's orders at once); same guarantees as `next_number`."""
    from sesam.models import NumberSeries

    if count < 1:
        return []
    key = week_key(day or timezone.localdate())
    try:
        last = reserve(NumberSeries, key, count)
    except IntegrityError as error:
        raise NumberSeriesExhausted(
            _("Vecka %(week)s har slut på nummer (9999 använda); nya finns från måndag.")
            % {"week": key}
        ) from error
    return [f"{key}{running:04d}" for running in range(last - count + 1, last + 1)]


DOCUMENT_RUNNING_DIGITS = 6


def next_document_number(*, day: datetime.date | None = None) -> str:
    """DOC-D120: the next number of the week's document series, YYWW and a running number of
    at least six digits (26490000012), apart from the orders' series (`next_number`) and
    without its cap: printing never exhausts what orders need, nor runs out itself."""
    from sesam.models import DocumentNumberSeries

    key = week_key(day or timezone.localdate())
    last = reserve(DocumentNumberSeries, key, 1)
    return f"{key}{last:0{DOCUMENT_RUNNING_DIGITS}d}"
