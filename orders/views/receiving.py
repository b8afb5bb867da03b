"""Kvittera direktleverans (RCV-1…RCV-8, ACC-5): find a purchase order or an order by its
number, tick the lines that arrived, enter the á-pris where it is 0 and the individual and
serial numbers of individual-marked articles, Kvittera — or Makulera rader."""

from urllib.parse import urlencode

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inventory.exceptions import IndividualNumberTaken
from orders import extensions, selectors, services
from orders.forms.receiving import ReceiveForm, ReceiveLookupForm
from sesam.exceptions import SesamError
from sesam.lib.htmx import redirect_page, render_page
from sesam.lib.scoping import location_ids


@require_http_methods(["GET", "POST"])
def receive(request):
    """GET ?typ=inkop|bestallning&nummer=… (Välj) shows the open lines; POST receives or
    cancels the ticked ones (PRG back to the same number, which then lists what is left).
    Errors come back on the page with a 4xx and nothing done. Another location's number is
    not found (ACC-4)."""
    data = request.POST if request.method == "POST" else request.GET
    lookup = ReceiveLookupForm(data if "nummer" in data else None)
    context = {"lookup": lookup, "delivery": None, "form": None}
    if not lookup.is_bound:
        context["waiting"] = selectors.waiting_for_receipt(location_ids(request))
        return _page(request, context)
    if not lookup.is_valid():
        return _page(request, context, status=422)
    kind, number = lookup.cleaned_data["typ"], lookup.cleaned_data["nummer"]
    delivery = selectors.direct_delivery(location_ids(request), kind=kind, number=number)
    if delivery is None:
        context["not_found"] = _not_found(request, lookup, kind, number)
        return _page(request, context, status=404)
    extensions.attach_links(request, delivery.received)  # Reklamera leveransen (BEY-9)
    form = ReceiveForm(request.POST if request.method == "POST" else None, delivery=delivery)
    context.update(delivery=delivery, form=form)
    if request.method == "GET":
        return _page(request, context)
    if not form.is_valid():
        return _page(request, context, status=422)
    action = form.cleaned_data["action"]
    if action == ReceiveForm.CANCEL:  # ask first: Ja, makulera
        context["confirm_cancel"] = True
        return _page(request, context)
    try:
        done = _act(request, form, action)
    except IndividualNumberTaken as error:
        form.add_error(form.field_for_individual(error.number), str(error))
        return _page(request, context, status=409)
    except SesamError as error:
        form.add_error(None, str(error))
        return _page(request, context, status=409)
    messages.success(request, done)
    query = urlencode({"typ": kind, "nummer": number})
    return redirect_page(request, f"{reverse('orders:receive')}?{query}")


def _act(request, form, action) -> str:
    """Calls the service; returns the confirmation."""
    if action == ReceiveForm.RECEIVE:
        receipts = services.receive_lines(by=request.user, receipts=form.receipts())
        return ngettext(
            "Kvittensen är registrerad: %(count)s rad. Leverantörens faktura kan nu betalas.",
            "Kvittensen är registrerad: %(count)s rader. Leverantörens faktura kan nu betalas.",
            len(receipts),
        ) % {"count": len(receipts)}
    lines = services.cancel_lines(by=request.user, line_ids=form.cleaned_data["rad"])
    return ngettext(
        "%(count)s rad är makulerad. Glöm inte att meddela leverantören.",
        "%(count)s rader är makulerade. Glöm inte att meddela leverantören.",
        len(lines),
    ) % {"count": len(lines)}


def _not_found(request, lookup, kind, number) -> str:
    """RCV-1: "not found" says so and suggests the other kind of number."""
    other = "bestallning" if kind == "inkop" else "inkop"
    message = _("%(kind)s %(number)s finns inte på dina tjänsteställen.") % {
        "kind": lookup.label_of(kind),
        "number": number,
    }
    if selectors.number_kind(location_ids(request), number) == other:
        return (
            message
            + " "
            + _("Numret är ett %(lower)s – välj %(other)s och klicka Välj.")
            % {
                "lower": lookup.label_of(other).lower(),
                "other": lookup.label_of(other),
            }
        )
    return (
        message
        + " "
        + _("Kontrollera numret på följesedeln, eller välj %(other)s och prova igen.")
        % {"other": lookup.label_of(other)}
    )


def _page(request, context, *, status=200):
    return render_page(request, "orders/receive.html", context, partial="receive", status=status)
