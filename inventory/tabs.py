"""Tabs of the individual page that higher apps fill (IND-2 Aktiviteter): inventory may not
import them, so they register a provider `(request, individual) -> (template, context)` at
ready(), like sesam.pages. A tab nobody registered keeps its placeholder text."""

from collections.abc import Callable

TAB_PROVIDERS: dict[str, Callable] = {}


def register(slug: str, provider: Callable) -> None:
    TAB_PROVIDERS[slug] = provider
