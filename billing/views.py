"""Avgifter att fakturera (BEY-10): the charges of the user's current service location that
the nightly runs will invoice this calendar month (BIL-D600), linked from the start page's
tile (billing.tiles)."""

from types import SimpleNamespace

from django.http import Http404
from django.utils import timezone
from django.utils.dates import MONTHS
from django.views.decorators.http import require_GET

from billing.selectors import charges_to_invoice, recipient_labels
from sesam.lib.htmx import render_page
from sesam.lib.search import Paginator
from sesam.services import log_accesses

PAGE_SIZE = 50


def _rows(charges) -> list[dict]:
    """A page's charges with their recipients' personnummer and name, read in one query."""
    charges = list(charges)
    labels = recipient_labels(charge.recipient_id for charge in charges)
    rows = []
    for charge in charges:
        personnummer, name = labels.get(charge.recipient_id, ("", ""))
        rows.append({"charge": charge, "personnummer": personnummer, "name": name})
    return rows


@require_GET
def charges_to_invoice_view(request):
    """BEY-10: the unit's charges due this month and not yet invoiced, 50 a page, by due
    date. The rows name recipients: one access-log row per recipient shown (ACC-8)."""
    location = request.service_location
    if location is None:
        raise Http404
    today = timezone.localdate()
    charges = charges_to_invoice(location.pk, today)
    page = Paginator(charges, PAGE_SIZE, rows=_rows).get_page(request.GET.get("sida"))
    shown = [row for row in page.object_list if row["personnummer"]]
    if shown:
        log_accesses(
            by=request.user,
            service_location=location,
            recipients=[
                SimpleNamespace(pk=row["charge"].recipient_id, personnummer=row["personnummer"])
                for row in shown
            ],
            action="charges_to_invoice",
        )
    context = {"page": page, "location": location, "month": MONTHS[today.month]}
    return render_page(request, "billing/charges_to_invoice.html", context, partial="results")
