"""The recipient page's pluggable parts (REC-7, REC-8). recipients may not import the apps
above it, so they register here when they are ready (`<app>/apps.py`), like Mina sidor's tabs:

- `register_menu_entry(key, provider)`: an entry of Registrera/skapa (keys in `MENU`); the
  provider `(request, recipient) -> url` returns where it leads ("" when not offered). An entry
  nobody registered says that it comes in a later version.
- `register_notice(provider)`: a notice above the page; the provider
  `(request, recipient) -> Notice | None` (e.g. "Det finns en öppen hämtorder", REC-8).
- `register_tab(slug, provider)`: a tab that a higher app fills (REC-6 Aktiviteter); the
  provider `(request, recipient) -> (template, context)`. A tab nobody registered keeps its
  placeholder text.
- `register_return_check(check)`: a higher app's claim on delivered devices that a Retur to
  own store must respect; the check `(devices) -> str` says why they may not be returned now
  ("" when they may), e.g. an open pickup order (RET-D124). Called with the devices locked.
- `register_tab_count(slug, counter)`: the count beside such a tab; `(request, recipient) -> int`.
- `register_return_link(provider)`: where a returned device came back through another app (a
  pickup order); `(request, device_ids) -> {device_id: (number, url)}`.
- `register_section(provider)`: a box above the tabs that a higher app fills (BEY-15: the
  patient's open requests); `(request, recipient) -> (template, context) | None`; the
  template sees the context as `section`."""

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
RETURN_CHECKS: list[Callable[[list], str]] = []


def register_menu_entry(key: str, provider: MenuProvider) -> None:
    MENU_ENTRIES[key] = provider


def register_tab(slug: str, provider: Callable) -> None:
    TAB_PROVIDERS[slug] = provider


def register_return_check(check: Callable[[list], str]) -> None:
    if check not in RETURN_CHECKS:
        RETURN_CHECKS.append(check)


def return_refusal(devices: list) -> str:
    """Why these (locked) devices may not be returned to own store now; "" when they may."""
    return next((refusal for check in RETURN_CHECKS if (refusal := check(devices))), "")


TAB_COUNTERS: dict[str, Callable] = {}
RETURN_LINKS: list[Callable] = []


def register_tab_count(slug: str, counter: Callable) -> None:
    TAB_COUNTERS[slug] = counter


def register_return_link(provider: Callable) -> None:
    if provider not in RETURN_LINKS:
        RETURN_LINKS.append(provider)


def return_links(request, device_ids) -> dict[int, tuple[str, str]]:
    """{device_id: (number, url)} of the returned devices another app took back."""
    links = {}
    for provider in RETURN_LINKS:
        links.update(provider(request, device_ids))
    return links


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


SECTIONS: list[Callable] = []


def register_section(provider: Callable) -> None:
    if provider not in SECTIONS:
        SECTIONS.append(provider)


def sections(request, recipient) -> list[dict]:
    """[{template, **context}] of the boxes higher apps show on the recipient page."""
    found = (provider(request, recipient) for provider in SECTIONS)
    return [{"template": template, **context} for template, context in filter(None, found)]
