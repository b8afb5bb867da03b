"""Formatting for inventory pages and documents (ui.md: money `1 234,50 kr`)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def money(value) -> str:
    """1234.5 → "1 234,50 kr"; empty for None."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} kr"


STATUS_TAGS = {"active": "tag-ok", "phasing_out": "tag-warn", "discontinued": "tag-red"}


@register.filter
def status_tag(status: str) -> str:
    """The tag class of an article status (the text says the status too, never colour alone)."""
    return STATUS_TAGS.get(status, "")
