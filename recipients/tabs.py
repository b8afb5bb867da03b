"""Tabs of the recipient page that higher apps fill (REC-6 Aktiviteter): recipients may not
import them, so they register a provider `(request, recipient) -> (template, context)` at
ready(), like sesam.pages. A tab nobody registered keeps its placeholder text."""

from collections.abc import Callable

TAB_PROVIDERS: dict[str, Callable] = {}


def register(slug: str, provider: Callable) -> None:
    TAB_PROVIDERS[slug] = provider
