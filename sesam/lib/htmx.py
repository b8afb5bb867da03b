"""The server picks the partial (style.md): a view renders the whole page, or under HTMX only
the inline partial named like the element it replaces."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request) -> bool:
    """An HTMX request, but not a history restore (after Back with an empty history cache
    HTMX asks for the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_page(
    request, template: str, context: dict, *, partial: str | None = None, status: int = 200
):
    """Renders `template`, or `template#partial` when the request comes from HTMX; templates
    see which in `is_partial` (e.g. to add an out-of-band status). The response varies on
    HX-Request, so a browser never shows a cached partial as a page."""
    is_partial = bool(partial) and wants_partial(request)
    name = f"{template}#{partial}" if is_partial else template
    response = render(request, name, {**context, "is_partial": is_partial}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
