"""The server picks the partial (style.md): a view renders the whole page, or under HTMX only
the inline partial named like the element it replaces."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request) -> bool:
    """HTMX asks for a part of the page; a history restore (back button) needs all of it."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(
    request, template: str, context: dict, *, partial: str | None = None, status: int = 200
):
    """Renders `template`, or `template#partial` when HTMX asks for a part."""
    name = f"{template}#{partial}" if partial and wants_partial(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
