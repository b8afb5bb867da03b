"""Bulk loading for the scale data (`seed_demo --articles … --recipients … --orders …`):
PostgreSQL COPY of model rows through psycopg's `cursor.copy`, with the table's constraints
in force, and primary keys reserved from the table's own sequence so that children can
refer to parents in the same load."""

import itertools
from collections.abc import Iterable

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> int:
    """Reserves `count` primary keys from the model's sequence; returns the first."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        (sequence,) = cursor.fetchone()
        cursor.execute("LOCK TABLE " + connection.ops.quote_name(table) + " IN EXCLUSIVE MODE")
        cursor.execute(
            f"SELECT setval(%s, GREATEST((SELECT coalesce(max({column}), 0) FROM {table}),"
            f" (SELECT last_value FROM {sequence})) + %s)",
            [sequence, count],
        )
        (last,) = cursor.fetchone()
    return last - count + 1


def _fallback(field):
    if field.has_default():
        return field.get_default()
    if not field.null and field.empty_strings_allowed:
        return ""
    return None


def copy_rows(model: type[models.Model], rows: Iterable[dict], *, progress=None) -> int:
    """COPY the rows (dicts of attname → value; an omitted field takes its default, "" for
    text, else NULL; the primary key comes from its sequence unless given) into the model's
    table. Returns the number of rows."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    fields = [
        f
        for f in model._meta.concrete_fields
        if not getattr(f, "generated", False) and (not f.primary_key or f.attname in first)
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    defaults = {f.attname: _fallback(f) for f in fields}
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in itertools.chain([first], rows):
            values = {**defaults, **row}
            copy.write_row([values[f.attname] for f in fields])
            count += 1
            if progress is not None:
                progress.update(1)
    return count


def copy_new_rows(model: type[models.Model], rows: list[dict]) -> list[dict]:
    """COPY rows that their children will refer to: each gets a reserved primary key
    (`row["id"]`) first. Returns the rows."""
    if rows:
        first = reserve_ids(model, len(rows))
        for offset, row in enumerate(rows):
            row["id"] = first + offset
        copy_rows(model, rows)
    return rows
