"""Queries that every request runs with only a pk changing (the frame: the user with the
top bar's counts, the user's service locations). Django builds a query's SQL anew each
time, which for these costs more than the database needs to answer them; a Precompiled
query is built once a process and then run as raw SQL with the pk put in."""

import functools
from collections.abc import Callable

from django.db.models import QuerySet

_ANY_PK = -7_340_033  # stands for the pk while the query is built


class Precompiled:
    def __init__(self, build: Callable[[int], QuerySet]):
        """`build(pk)` gives the queryset; its only parameter that varies is `pk`."""
        self._build = build

    @functools.cached_property
    def _compiled(self):
        queryset = self._build(_ANY_PK)
        sql, params = queryset.query.sql_with_params()
        return queryset.model, sql, params, params.index(_ANY_PK)

    def run(self, pk: int) -> list:
        """The model instances (with their annotations), as the queryset would give them."""
        model, sql, params, at = self._compiled
        return list(model._default_manager.raw(sql, (*params[:at], pk, *params[at + 1 :])))
