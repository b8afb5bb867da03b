"""Reads of pickup orders (PU): the page, the search (PU-8), Mina hämtordrar (HOME-4) and the
recipient page's notice (REC-8). Every list is one query per page plus its count. A draft
(status Utkast, the wizard's state, PU-D620) is on none of them: `sent_pickups` is where the
location-scoped reads start, and the others name the statuses they want."""

from django.db.models import Exists, F, OuterRef, Prefetch

from activities.models import PickupLine, PickupOrder
from recipients.models import Device
from sesam.lib import search
from sesam.lib.arrays import one_of
from sesam.lib.precompiled import Precompiled


def sent_pickups(location_ids):
    """ACC-4: the pickup orders of the user's service locations, colleagues' included; never
    a draft."""
    return PickupOrder.objects.exclude(status=PickupOrder.Status.DRAFT).filter(
        one_of("service_location_id", location_ids)
    )


def draft_device_ids(draft: PickupOrder) -> list[int]:
    """The devices ticked on a draft (its lines, not open), in primary-key order."""
    return sorted(draft.lines.values_list("device_id", flat=True))


def pickup_detail(location_ids, number: str) -> PickupOrder:
    """The pickup order with what its page and slip show; another location's raises
    DoesNotExist (→ 404)."""
    lines = PickupLine.objects.select_related("device__article", "device__individual")
    return (
        sent_pickups(location_ids)
        .select_related("recipient", "service_location", "orderer")
        .prefetch_related(Prefetch("lines", queryset=lines.order_by("pk")), "events", "events__by")
        .get(number=number)
    )


def pickable_devices(*, user, recipient):
    """PU-3: the recipient's delivered devices in the user's product areas that are not on an
    open pickup order already (those are not offered again)."""
    open_line = PickupLine.objects.filter(device=OuterRef("pk"), is_open=True)
    return (
        Device.objects.filter(
            recipient=recipient,
            status=Device.Status.DELIVERED,
            article__product_area__in=user.product_areas.all(),
        )
        .exclude(Exists(open_line))
        .select_related("article", "individual")
        .order_by("-delivered_on", "-pk")
    )


def open_pickup_for(recipient) -> PickupOrder | None:
    """REC-8: the recipient's newest open pickup order (any location: the notice only says
    there is one; opening it is scoped like every pickup page)."""
    found = _OPEN_PICKUP.run(recipient.pk)
    return found[0] if found else None


_OPEN_PICKUP = Precompiled(  # QUA-D560: on every recipient page
    lambda recipient_pk: (
        PickupOrder.objects.filter(recipient=recipient_pk, status=PickupOrder.Status.REGISTERED)
        .only("number", "service_location_id")
        .order_by("-created_at")[:1]
    )
)


# Sortable columns (PU-8, HOME-4). created_at is never NULL: no NULLS LAST for it, so that
# the index activities_pickup_loc_created gives the order (QUA-D13).
SORTING = search.Sorting(
    {
        "nummer": "number",
        "registrerad": "created_at",
        "bestallare": "orderer__full_name",
        "orsak": lambda: search.label_order("reason", PickupOrder.Reason.choices),
        "status": lambda: search.label_order("status", PickupOrder.Status.choices),
        "mottagare": "recipient__last_name",
        "tjanstestalle": "service_location__name",
    },
    then=(F("created_at").desc(), "-pk"),
    never_null=frozenset({"registrerad"}),
)
MY_SORTING = SORTING.only("nummer", "registrerad", "orsak", "status", "tjanstestalle")


def search_pickups(
    location_ids, *, period: str = search.DEFAULT_PERIOD, status: str = "", sort: str = ""
):
    """PU-8: the pickup orders of these locations registered in the period, newest first by
    default (index activities_pickup_loc_created); `status` narrows them (BEY-10: the start
    page's "Hämtordrar som väntar" links to the registered ones, index
    activities_pickup_waiting)."""
    pickups = search.registered_in(sent_pickups(location_ids), "created_at", period)
    if status:
        pickups = pickups.filter(status=status)
    pickups = pickups.select_related("orderer", "service_location", "recipient")
    return SORTING.order_by(pickups, sort)


def waiting_pickups(location_id: int):
    """BEY-10: the pickup orders of a location not yet handled (Registrerad), every age."""
    return PickupOrder.objects.filter(
        service_location_id=location_id, status=PickupOrder.Status.REGISTERED
    )


def my_pickups(user, location_ids, *, sort: str = ""):
    """HOME-4 Mina hämtordrar: the user's own pickup orders at their locations."""
    pickups = (
        sent_pickups(location_ids)
        .filter(orderer=user)
        .select_related("service_location", "recipient")
    )
    return MY_SORTING.order_by(pickups, sort)


def returned_by_pickup(location_ids, device_ids) -> dict[int, str]:
    """{device_id: pickup order number} of these devices taken back by a closed pickup order of
    the user's locations (Återlämnat links the row to it, issue 19.4)."""
    return dict(
        PickupLine.objects.filter(
            device_id__in=device_ids,
            pickup_order__status=PickupOrder.Status.CLOSED,
            pickup_order__service_location_id__in=location_ids,
        ).values_list("device_id", "pickup_order__number")
    )
