"""Mer… → Sök → Beställning (SRC-1, SRC-2): Snabbsökning by whole order number, and the search
by service location, registered period and "Visa okvitterade direktleveranser", newest first,
one sortable column at a time, paginated."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from orders import selectors
from orders.forms.search import OrderSearchForm, QuickSearchForm
from sesam.lib.htmx import render_page
from sesam.lib.scoping import location_ids
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
    active = request.service_location
    if active is None:  # linked to no service location: nothing to search (ACC-4)
        context = {"form": None, "quick": QuickSearchForm(), "page": None}
        return render_page(request, "orders/search.html", context, partial="results")
    params = request.GET.copy()  # what is not in the URL takes its default
    params.setdefault("tjanstestalle", str(active.pk))
    params.setdefault("registrerad", selectors.DEFAULT_PERIOD)
    form = OrderSearchForm(params, locations=list(request.service_locations))
    if not form.is_valid():
        context = {"form": form, "quick": QuickSearchForm(), "page": None}
        return render_page(request, "orders/search.html", context, partial="results", status=422)
    data = form.cleaned_data
    sort = selectors.sort_key(data["sortera"], selectors.SEARCH_SORTS)
    orders = selectors.search_orders(
        form.location_ids(location_ids(request)),
        period=data["registrerad"],
        unreceived=data["okvitterade"],
        sort=sort,
    )
    page = selectors.search_page(orders, request.GET.get("sida"), per_page=PAGE_SIZE)
    context = {
        "form": form,
        "quick": QuickSearchForm(),
        "page": page,
        "unreceived": data["okvitterade"],
        "headers": sort_headers(request, COLUMNS, sort),
    }
    return render_page(request, "orders/search.html", context, partial="results")


def _quick(request):
    """SRC-1: the whole order number (or a purchase order's) opens the order; else a message."""
    quick = QuickSearchForm(request.GET)
    status = 422
    if quick.is_valid():
        number = selectors.find_order_number(location_ids(request), quick.cleaned_data["nummer"])
        if number:
            return redirect("orders:detail", number=number)
        quick.add_error(
            "nummer",
            _("Beställning %(number)s finns inte på dina tjänsteställen. Kontrollera numret.")
            % {"number": quick.cleaned_data["nummer"]},
        )
        status = 404
    form = OrderSearchForm(
        locations=list(request.service_locations),
        initial={"registrerad": selectors.DEFAULT_PERIOD},
    )
    context = {"form": form, "quick": quick, "page": None}
    return render_page(request, "orders/search.html", context, status=status)
