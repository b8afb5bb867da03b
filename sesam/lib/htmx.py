"""The server picks the partial (style.md): a view renders the whole page, or under HTMX only
the inline partial named like the element it replaces."""

from django.shortcuts import render


def render_page(
    request, template: str, context: dict, *, partial: str | None = None, status: int = 200
):
    """Renders `template`, or `template#partial` when the request comes from HTMX (but the
    whole page when HTMX restores history after the back button)."""
    wants_partial = request.htmx and not request.htmx.history_restore_request
    name = f"{template}#{partial}" if partial and wants_partial else template
    return render(request, name, context, status=status)
