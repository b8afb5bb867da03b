"""URLs for many rows of a table: reverse once, then put each row's argument in."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_MARKER = "0123456789"  # matches the str, int and slug converters; never part of a route
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


def url_maker(name: str) -> Callable[[object], str]:
    """`url_maker(name)(value)` == `reverse(name, args=[value])` for a URL with one str, int
    or slug argument, at a string join instead of a reverse per row (a reverse costs ~12 µs;
    a 50-row table reversed two or three URLs a row)."""
    head, tail = reverse(name, args=[_MARKER]).split(_MARKER)
    return lambda value: f"{head}{quote(str(value), safe=_SAFE)}{tail}"
