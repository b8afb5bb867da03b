"""Mer… → Sök → Beställning (SRC-1, SRC-2): Snabbsökning by whole order number, and the search
by service location, registered period and "Visa okvitterade direktleveranser", newest first,
one sortable column at a time, paginated."""

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from orders import selectors
from orders.forms.search import OrderSearchForm
from orders.models import Order
from sesam.lib.scoping import location_ids
from sesam.lib.search import (
    ExportColumn,
    SearchTab,
    escape,
    export_search,
    labels,
    render_quick,
    render_search,
)

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


TAB = SearchTab(
    template="orders/search.html",
    form=OrderSearchForm,
    columns=COLUMNS,
    detail="orders:detail",
    per_page=PAGE_SIZE,
    fetch=selectors.search_values,
    dress=selectors.dress_search_rows,
)


@require_GET
def search(request):
    """?nummer= is Snabbsökning (the start page's box too): a whole number (or a purchase
    order's, ORD-D1) opens the order. Otherwise the search form; under HTMX only the results
    are returned."""
    if "nummer" in request.GET:
        return render_quick(
            request,
            TAB,
            find=lambda number: selectors.find_order_number(location_ids(request), number),
            not_found=_(
                "Beställning %(number)s finns inte på dina tjänsteställen. Kontrollera numret."
            ),
        )
    return render_search(
        request,
        TAB,
        on_page=lambda form, page: {
            "rows_html": _rows_html(page),
            "unreceived": form.cleaned_data["okvitterade"],
        },
    )


@require_GET
def search_export(request):
    """BEY-10: Sök → Beställning as CSV or Excel — every order the search finds (not one
    page), the filters on screen above the header. The rows name no recipient (the page
    shows none), so nothing is access-logged (BEY-D461)."""
    kinds, statuses = labels(Order.Kind.choices), labels(Order.Status.choices)
    columns = [
        ExportColumn(_("Beställningsnummer"), "number"),
        ExportColumn(_("Registrerad"), "sent_at"),
        ExportColumn(_("Beställare"), "orderer__full_name"),
        ExportColumn(_("Förskrivare"), "prescriber__full_name"),
        ExportColumn(_("Ordertyp"), "kind", kinds.get),
        ExportColumn(_("Status"), "status", statuses.get),
        ExportColumn(_("Tjänsteställe"), "service_location__name"),
        ExportColumn(_("Okvitterad direktleverans"), "unreceived"),
    ]
    return export_search(request, TAB, "bestallningar", columns)


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
