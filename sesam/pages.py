"""Mina sidor's pluggable parts (HOME-4). sesam may not import the apps above it, so they
register what they show here when they are ready (`<app>/apps.py`), like their help texts:

- `MY_PAGE_TABS[key]`: the tab `?flik=<key>`; a function `(request) -> (template, context)`
  whose template is included in the tab panel (and returned alone under HTMX).
- `MY_PAGE_TODO`: the entries of Att göra; functions `(request) -> TodoItem`.

A tab nobody registered says that it comes in a later version."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class TodoItem:
    label: str
    url: str
    count: int = 0


TabProvider = Callable[[HttpRequest], tuple[str, dict]]
TodoProvider = Callable[[HttpRequest], TodoItem | None]

MY_PAGE_TABS: dict[str, TabProvider] = {}
MY_PAGE_TODO: list[TodoProvider] = []


def register_tab(key: str, provider: TabProvider) -> None:
    MY_PAGE_TABS[key] = provider


def todo_items(request) -> list[TodoItem]:
    """Att göra: what each provider has for this user (a provider may have nothing: None)."""
    return [item for provider in MY_PAGE_TODO if (item := provider(request)) is not None]


def register_todo(provider: TodoProvider) -> None:
    if provider not in MY_PAGE_TODO:
        MY_PAGE_TODO.append(provider)
