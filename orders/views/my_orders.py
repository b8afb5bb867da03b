"""Mina sidor's parts that orders provide (HOME-4), registered in sesam.pages by orders.apps:
the tab Mina beställningar and Att göra → Kvittera direktleverans."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orders import selectors
from orders.models import Order
from sesam.lib.scoping import location_ids
from sesam.lib.search import Paginator
from sesam.lib.sorting import sort_headers
from sesam.pages import TodoItem
from sesam.services import log_access, log_accesses

PAGE_SIZE = 25

COLUMNS = [
    ("nummer", gettext_lazy("Beställningsnummer")),
    ("registrerad", gettext_lazy("Registrerad")),
    ("ordertyp", gettext_lazy("Ordertyp")),
    ("status", gettext_lazy("Status")),
    ("leveransdatum", gettext_lazy("Leveransdatum")),
    ("forskrivare", gettext_lazy("Förskrivare")),
    ("tjanstestalle", gettext_lazy("Tjänsteställe")),
]


def my_orders_tab(request) -> tuple[str, dict]:
    """Mina beställningar: orders where the user is orderer or prescriber, newest first,
    sortable (?sortera=), paged (?sida=); ?mottagare=1 adds the recipient column (Visa
    mottagare), ?bestallning=<number> opens the side panel with the order's details."""
    sort = selectors.MY_ORDER_SORTING.key(request.GET.get("sortera"))
    show_recipients = request.GET.get("mottagare") == "1"
    ids = location_ids(request)
    orders = selectors.my_orders(request.user, ids, sort=sort)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("sida"))
    panel = _panel(request, ids, request.GET.get("bestallning", ""))
    shown = [order.recipient for order in page if order.recipient_id] if show_recipients else []
    if shown:  # the column names recipients: one access-log row each (ACC-8)
        log_accesses(
            by=request.user,
            service_location=request.service_location or None,
            recipients=shown,
            action="my_orders_recipients",
        )
    toggle = request.GET.copy()
    toggle.pop("mottagare", None)
    headers = sort_headers(request, COLUMNS, sort)
    if show_recipients:
        headers.append({"key": None, "label": _("Mottagare"), "url": None, "aria_sort": None})
    context = {
        "page": page,
        "sort": sort,
        "headers": headers,
        "show_recipients": show_recipients,
        "toggle_params": [(key, value) for key, value in toggle.items() if key != "sida"],
        "panel": panel,
        "close_url": _close_url(request),
    }
    return "orders/my_orders.html", context


def _panel(request, ids, number):
    """The side panel of one of the user's orders, or None; another order is 404."""
    if not number:
        return None
    try:
        order = selectors.order_detail(ids, number)
    except Order.DoesNotExist:
        raise Http404 from None
    if request.user.pk not in (order.orderer_id, order.prescriber_id):
        raise Http404
    if order.recipient_id:
        log_access(
            by=request.user,
            service_location=request.service_location or None,
            recipient=order.recipient,
            action="my_orders_panel",
            order=order.number,
        )
    return order


def _close_url(request) -> str:
    query = request.GET.copy()
    query.pop("bestallning", None)
    return f"{request.path}?{query.urlencode()}"


def receive_todo(request) -> TodoItem:
    """Att göra → Kvittera direktleverans, with how many orders of the user's locations wait
    for a receipt."""
    return TodoItem(
        label=_("Kvittera direktleverans"),
        url=reverse("orders:receive"),
        count=selectors.unreceived_count(location_ids(request)),
    )
