"""Mer… → Sök → Beställning (SRC-1, SRC-2): Snabbsökning by whole order number, and the search
by service location, registered period and "Visa okvitterade direktleveranser", newest first,
one sortable column at a time, paginated."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from orders import selectors
from orders.supply_forms import OrderSearchForm
from sesam.lib.htmx import render_page
from sesam.lib.scoping import location_ids
from sesam.lib.search import Paginator, QuickSearchForm, escape, quick_search
from sesam.lib.sorting import sort_headers

PAGE_SIZE = 50

COLUMNS = [
    ("nummer", _("Beställningsnummer")),
    ("registrerad", _("Registrerad")),
    ("bestallare", _("Beställare")),
    ("forskrivare", _("Förskrivare")),
    ("ordertyp", _("Ordertyp")),
    ("status", _("Status")),
    ("tjanstestalle", _("Tjänsteställe")),
]


@require_GET
def search(request):
    """?nummer= is Snabbsökning (the start page's box too): a whole number opens the order.
    Otherwise the search form; under HTMX only the results are returned."""
    if "nummer" in request.GET:
        return _quick(request)
    form = OrderSearchForm.from_request(request)
    context = {"form": form, "quick": QuickSearchForm(), "page": None}
    if form is None:  # linked to no service location: nothing to search (ACC-4)
        return render_page(request, "orders/search.html", context, partial="results")
    if not form.is_valid():
        return render_page(request, "orders/search.html", context, partial="results", status=422)
    results = form.results(location_ids(request))
    paginator = Paginator(results, PAGE_SIZE, rows=selectors.search_rows)
    page = paginator.get_page(request.GET.get("sida"))
    context |= {
        "page": page,
        "rows_html": _rows_html(page),
        "unreceived": form.cleaned_data["okvitterade"],
        "headers": sort_headers(request, COLUMNS, form.sort),
    }
    return render_page(request, "orders/search.html", context, partial="results")


def _rows_html(rows) -> SafeString:
    """The result table's rows (search_rows), built here rather than cell by cell in the
    template (the same markup; every value escaped)."""
    receive = reverse("orders:receive")
    receipt, order_word = escape(_("Kvittera")), escape(_("beställning"))
    html = []
    for row in rows:
        number = escape(row["number"])
        link = (
            f'<a href="{receive}?typ=bestallning&amp;nummer={number}">{receipt}'
            f'<span class="visually-hidden"> {order_word} {number}</span></a>'
            if row["unreceived"]
            else ""
        )
        html.append(
            "\n          <tr>\n"
            f'            <td><a href="{escape(row["url"])}">{number}</a></td>\n'
            f'            <td class="nowrap">{escape(row["registered"])}</td>\n'
            f"            <td>{escape(row['orderer__full_name'])}</td>\n"
            f"            <td>{escape(row['prescriber__full_name'] or '')}</td>\n"
            f"            <td>{escape(row['kind'])}</td>\n"
            f"            <td>{escape(row['status'])}</td>\n"
            f"            <td>{escape(row['service_location__name'])}</td>\n"
            f"            <td>{link}</td>\n"
            "          </tr>\n        "
        )
    return mark_safe("".join(html))  # noqa: S308 — every value is escaped above


def _quick(request):
    """SRC-1: the whole order number (or a purchase order's) opens the order; else a message."""
    quick, number, status = quick_search(
        request,
        lambda number: selectors.find_order_number(location_ids(request), number),
        _("Beställning %(number)s finns inte på dina tjänsteställen. Kontrollera numret."),
    )
    if number:
        return redirect("orders:detail", number=number)
    context = {"form": OrderSearchForm.blank(request), "quick": quick, "page": None}
    return render_page(request, "orders/search.html", context, status=status)
