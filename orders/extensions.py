"""Links beside an order's lines and receipts that higher apps add (BEY-9: Avvikelse /
reklamation). orders may not import the apps above it, so they register here when they are
ready (`<app>/apps.py`), like recipients.extensions and sesam.pages:

- `register_line_link(provider)`: a link beside each order line on the order page (SRC-3);
  the provider `(request, line) -> Link | None`.
- `register_receipt_link(provider)`: a link beside each receipt, on the order page's Kvittens
  column and under Kvittera direktleverans's received lines (RCV-8); the provider
  `(request, receipt) -> Link | None`.

A provider runs once per line: it may read what the page already loaded (the line, its
order, its receipt) but must not query the database."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Link:
    label: str
    url: str


LinkProvider = Callable[[HttpRequest, object], Link | None]

LINE_LINKS: list[LinkProvider] = []
RECEIPT_LINKS: list[LinkProvider] = []


def register_line_link(provider: LinkProvider) -> None:
    if provider not in LINE_LINKS:
        LINE_LINKS.append(provider)


def register_receipt_link(provider: LinkProvider) -> None:
    if provider not in RECEIPT_LINKS:
        RECEIPT_LINKS.append(provider)


def _links(providers, request, thing) -> list[Link]:
    return [link for provider in providers if (link := provider(request, thing)) is not None]


def attach_links(request, lines) -> None:
    """Sets `line.links` and `line.receipt_links` on each line (the receipt as already loaded:
    a line without one gets none)."""
    for line in lines:
        line.links = _links(LINE_LINKS, request, line)
        receipt = getattr(line, "receipt", None)
        line.receipt_links = _links(RECEIPT_LINKS, request, receipt) if receipt else []
