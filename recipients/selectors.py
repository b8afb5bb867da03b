"""Reads of recipients and their devices, shared by views, documents and (later) orders."""

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext_lazy as _

from recipients.models import Device, Recipient
from sesam.lib.precompiled import Precompiled
from sesam.models import User


def find_by_personnummer(personnummer: str) -> Recipient | None:
    """REC-1: the recipient with this (normalised, 12-digit) personnummer, or None."""
    return Recipient.objects.filter(personnummer=personnummer).first()


def visible_devices(*, user: User, recipient: Recipient) -> QuerySet[Device]:
    """REC-6: the recipient's devices in the user's product areas (recipients themselves are
    region-wide), with what the lists and documents show, without N+1."""
    areas = User.product_areas.through.objects.filter(user=user).values("productarea_id")
    return (
        Device.objects.filter(recipient=recipient, article__product_area_id__in=areas)
        .select_related("article", "individual", "prescriber", "service_location")
        .order_by(F("delivered_on").desc(nulls_last=True), "-ordered_at", "-pk")
    )


@dataclass(frozen=True)
class Tab:
    """A tab of the recipient page (REC-6): which statuses it lists and its date column."""

    slug: str  # in the URL (?flik=…)
    code: str  # in the access log (tab:<code>)
    label: str
    statuses: tuple[str, ...]
    date_field: str = ""
    date_label: str = ""


TABS = [
    Tab(
        "hjalpmedel",
        "devices",
        _("Hjälpmedel"),
        (Device.Status.DELIVERED,),
        "delivered_on",
        _("Levererad"),
    ),
    Tab(
        "bestallt",
        "ordered",
        _("Beställt"),
        (Device.Status.ORDERED,),
        "ordered_at",
        _("Beställd"),
    ),
    Tab(
        "aterlamnat",
        "returned",
        _("Återlämnat"),
        (Device.Status.RETURNED, Device.Status.SCRAPPED),
        "returned_on",
        _("Återlämnad"),
    ),
    Tab("aktiviteter", "activities", _("Aktiviteter"), ()),
]
TABS_BY_SLUG = {tab.slug: tab for tab in TABS}
ALL_TAB_STATUSES = [status for tab in TABS for status in tab.statuses]
DEFAULT_TAB = TABS[0]

# Sortable columns of the device tables (ui.md: headers sort, click again to reverse).
SORT_FIELDS = {
    "datum": None,  # the tab's date column
    "artikel": "article__number",
    "benamning": "article__name",
    "bestallning": "order_number",
}
DEFAULT_SORT = "-datum"


def tab_for_device(device: Device) -> Tab:
    return next((tab for tab in TABS if device.status in tab.statuses), DEFAULT_TAB)


def _per_status(devices: QuerySet[Device]) -> QuerySet:
    return devices.order_by().values_list("status").annotate(n=Count("pk"))


# QUA-D560: the recipient page's reads by user and recipient, built once a process.
_TAB_COUNTS = Precompiled(
    lambda user_pk, recipient_pk: _per_status(
        visible_devices(user=user_pk, recipient=recipient_pk)
    ),
    types=(int, int),
)
_TAB_PAGES: dict[tuple[str, str, int], Precompiled] = {}


def tab_counts(user, recipient) -> dict[str, int]:
    """How many of the devices the user sees each tab lists (None for a tab without
    devices), in one query (a count per status: cheaper to build than one filtered count per
    tab)."""
    return _by_tab(dict(_TAB_COUNTS.run(user.pk, recipient.pk)))


def first_tab_page(user, recipient, tab: Tab, *, sort: str, size: int) -> list[Device]:
    """The first `size` devices of a tab as `tab_devices` sorts them, and one more (what
    `Paginator(first=…)` takes), by a query built once a process for each tab and sort."""
    shape = (tab.slug, sort, size)
    if shape not in _TAB_PAGES:
        _TAB_PAGES[shape] = Precompiled(
            lambda user_pk, recipient_pk: tab_devices(
                visible_devices(user=user_pk, recipient=recipient_pk), tab, sort=sort
            )[: size + 1],
            types=(int, int),
        )
    return _TAB_PAGES[shape].run(user.pk, recipient.pk)


def _by_tab(per_status: dict[str, int]) -> dict[str, int]:
    return {
        tab.slug: sum(per_status.get(status, 0) for status in tab.statuses)
        if tab.statuses
        else None
        for tab in TABS
    }


def tab_devices(devices: QuerySet[Device], tab: Tab, *, sort: str = DEFAULT_SORT):
    """The devices of one tab, sorted by a known column (newest first by default)."""
    descending = sort.startswith("-")
    key = sort.removeprefix("-")
    field = SORT_FIELDS[key] or tab.date_field
    order = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
    rows = devices.filter(status__in=tab.statuses).order_by(order, "-ordered_at", "-pk")
    # The rows show the article and individual only (the side panel loads its own device):
    # fewer joins to plan (the six-table join took PostgreSQL 1 ms to plan).
    rows = rows.select_related(None).select_related("article", "individual")
    if Device.Status.RETURNED in tab.statuses:  # Återlämnat links each row to its return
        rows = rows.select_related("return_line__ret")
    return rows


def document_devices(*, user: User, recipient: Recipient) -> QuerySet[Device]:
    """DOC-1: what a loan agreement may list: delivered and ordered devices the user sees."""
    return visible_devices(user=user, recipient=recipient).filter(
        status__in=[Device.Status.DELIVERED, Device.Status.ORDERED]
    )


def delivered_devices(*, user: User, recipient: Recipient) -> QuerySet[Device]:
    """The Hjälpmedelslista: delivered devices the user sees, newest first."""
    return visible_devices(user=user, recipient=recipient).filter(status=Device.Status.DELIVERED)


def recipient_labels(ids) -> dict[int, tuple[str, str]]:
    """BEY-10 (BIL-D601): recipient id → (personnummer, name) for billing's Avgifter att
    fakturera, which may not import this app; one query. No address (REC-5)."""
    rows = Recipient.objects.filter(pk__in=list(ids)).values_list(
        "pk", "personnummer", "first_name", "last_name"
    )
    return {pk: (number, f"{first} {last}") for pk, number, first, last in rows}
