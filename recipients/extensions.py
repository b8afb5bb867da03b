"""The recipient page's pluggable parts (REC-7, REC-8). recipients may not import the apps
above it, so they register here when they are ready (`<app>/apps.py`), like Mina sidor's tabs:

- `register_menu_entry(key, provider)`: an entry of Registrera/skapa (keys in `MENU`); the
  provider `(request, recipient) -> url` returns where it leads ("" when not offered). An entry
  nobody registered says that it comes in a later version.
- `register_notice(provider)`: a notice above the page; the provider
  `(request, recipient) -> Notice | None` (e.g. "Det finns en öppen hämtorder", REC-8).
- `register_tab(slug, provider)`: a tab that a higher app fills (REC-6 Aktiviteter); the
  provider `(request, recipient) -> (template, context)`. A tab nobody registered keeps its
  placeholder text."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Notice:
    text: str
    url: str = ""


# The entries of Registrera/skapa that other apps fill, in the menu's order.
MENU = [
    ("activity", _("Aktivitet")),
    ("pickup", _("Hämtorder")),
    ("deviation", _("Avvikelse / reklamation")),
]

MenuProvider = Callable[..., str]
NoticeProvider = Callable[..., Notice | None]

MENU_ENTRIES: dict[str, MenuProvider] = {}
NOTICES: list[NoticeProvider] = []
TAB_PROVIDERS: dict[str, Callable] = {}


def register_menu_entry(key: str, provider: MenuProvider) -> None:
    MENU_ENTRIES[key] = provider


def register_tab(slug: str, provider: Callable) -> None:
    TAB_PROVIDERS[slug] = provider


def register_notice(provider: NoticeProvider) -> None:
    if provider not in NOTICES:
        NOTICES.append(provider)


def menu_entries(request, recipient) -> list[dict]:
    """[{key, label, url}] in the menu's order; url "" for what comes later."""
    entries = []
    for key, label in MENU:
        provider = MENU_ENTRIES.get(key)
        entries.append(
            {"key": key, "label": label, "url": provider(request, recipient) if provider else ""}
        )
    return entries


def notices(request, recipient) -> list[Notice]:
    found = (provider(request, recipient) for provider in NOTICES)
    return [notice for notice in found if notice is not None]
