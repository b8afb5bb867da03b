"""The server picks the partial (style.md): a view renders the whole page, or under HTMX only
the inline partial named like the element it replaces."""

from django.shortcuts import redirect, render, resolve_url
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect


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


def redirect_page(request, to: str, *args, **kwargs):
    """A redirect after a successful POST (POST/redirect/GET). Under HTMX the browser itself
    navigates (HX-Redirect), so a whole page never lands inside a partial's target."""
    url = resolve_url(to, *args, **kwargs)
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
