"""Queries of a fixed shape that a page runs on every request with only some values
changing (the frame's user with the top bar's counts, the cart, a recipient's tab counts).
Django builds a query's SQL anew each time, which for these costs more Python than the
database needs to answer them (QUA-D560: 7–18 % of a key page). A Precompiled query is
built and compiled once a process with stand-ins for the values that change; each run puts
the real values in their places and lets Django's own iterable make the rows — model
instances with their `select_related` objects and annotations, or `values()` dicts —
and run the queryset's `prefetch_related`, exactly as the queryset would.

    _DRAFT = Precompiled(lambda user_pk: Order.objects.filter(orderer=user_pk, …))
    rows = _DRAFT.run(user.pk)
    _ORDER = Precompiled(lambda ids, number: …, types=(list, str))

Each value must reach the SQL as one parameter (a pk, a date; a list through
`sesam.lib.arrays.EqualsAny`, never `__in`, whose number of placeholders varies). A shape
that varies (a sort, an optional filter) is one Precompiled per shape. Slice in `build`:
`run` returns the list (`first()` or `count()` would build a new query)."""

import copy
import functools
from collections.abc import Callable
from datetime import UTC, date, datetime

from django.db import connections
from django.db.models import Count, QuerySet, Value

_ANY_PK = -7_340_033  # stands for a pk while the query is built

# A stand-in by the value's type.
_STAND_INS = {
    int: lambda n: _ANY_PK - n,
    str: lambda n: f"\x1fprecompiled {n}\x1f",
    list: lambda n: [_ANY_PK - n] * 2,  # two: a list of one may become `= %s` (arrays.one_of)
    datetime: lambda n: datetime(1901, 1, 1 + n, tzinfo=UTC),
    date: lambda n: date(1901, 1, 1 + n),
}


class Precompiled:
    def __init__(self, build: Callable[..., QuerySet], types: tuple[type, ...] = (int,)):
        """`build(*values)` gives the queryset; only `values` vary between runs, each of the
        type at its place in `types` (int — a pk —, str, list, datetime or date)."""
        self._build, self._types = build, types

    @functools.cached_property
    def _compiled(self):
        stand_ins = [_STAND_INS[kind](n) for n, kind in enumerate(self._types)]
        # Two threads that run a new query at once may both compile it (cached_property takes
        # no lock): each gets a whole result and the later one is kept.
        build = self._build
        queryset = build(*stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = []  # (position in params, which value) for every stand-in
        for position, param in enumerate(params):
            for n, stand_in in enumerate(stand_ins):
                if type(param) is type(stand_in) and param == stand_in:
                    slots.append((position, n))
        missing = set(range(len(stand_ins))) - {n for _, n in slots}
        if missing or any(str(_ANY_PK - n) in sql for n in range(len(stand_ins))):
            raise ValueError(f"{build!r}: each value must be one SQL parameter:\n{sql}")
        return queryset, compiler, sql, list(params), slots

    def run(self, *values) -> list:
        """The rows, as the queryset built with `values` would give them."""
        queryset, compiler, sql, params, slots = self._compiled
        params = list(params)
        for position, n in slots:
            params[position] = values[n]
        bound = copy.copy(compiler)  # the compiled state (select, klass_info) is read only
        bound.connection = connections[queryset.db]  # this thread's connection
        bound.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: bound
        return list(queryset)


def counting(queryset: QuerySet) -> QuerySet:
    """The queryset as one row holding its number of rows (`SELECT COUNT(*) …`), for a
    Precompiled count: `run(…)[0]`."""
    rows = queryset.order_by().annotate(_all=Value(1)).values("_all")
    return rows.annotate(n=Count("*")).values_list("n", flat=True)
