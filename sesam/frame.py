"""The frame of every page (the top bar, HOME-1) is read with the user: the one query that
loads `request.user` (sesam.backends.FrameBackend) also brings what the top bar counts, as
annotations, so that a page pays no query of its own for them. sesam may not import the
apps above it, so they register their annotations when they are ready (`<app>/apps.py`).

A service that changes what an annotation counts, within a request, calls `forget(user,
name)`; the reader then asks the database again (`frame.get(user, name, read)`)."""

import contextlib
from collections.abc import Callable

from django.db.models import Expression

# name -> a function giving the expression, with OuterRef("pk") for the user.
ANNOTATIONS: dict[str, Callable[[], Expression]] = {}


def register(name: str, expression: Callable[[], Expression]) -> None:
    ANNOTATIONS[name] = expression


def annotations() -> dict[str, Expression]:
    return {name: expression() for name, expression in ANNOTATIONS.items()}


def get(user, name: str, read: Callable[[], object]):
    """The user's annotation `name` when the user was loaded with it (and nothing changed
    it since), else `read()`."""
    value = getattr(user, name, _MISSING)
    return read() if value is _MISSING else value


def forget(user, *names: str) -> None:
    for name in names:
        with contextlib.suppress(AttributeError):
            delattr(user, name)


_MISSING = object()
