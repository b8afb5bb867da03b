"""Reads of activities: scoped to the user's service locations (ACC-4), without N+1."""

from django.db.models import Prefetch, Q

from activities.models.activity import (
    Activity,
    ActivityAttachment,
    ActivityComment,
    ActivityDevice,
    ActivityEvent,
)
from recipients.selectors import delivered_devices
from sesam.lib import search
from sesam.lib.arrays import one_of
from sesam.lib.precompiled import Precompiled, counting

# Sortable columns (ACT-10, HOME-4). A sent activity always has registered_at
# (activities_activity_sent_has_number): no NULLS LAST for it, so that the index
# activities_location_registered gives the order (QUA-D13).
SORTING = search.Sorting(
    {
        "nummer": "number",
        "registrerad": "registered_at",
        "bestallare": "orderer__full_name",
        "aktivitetstyp": lambda: search.label_order("type", Activity.Type.choices),
        "status": lambda: search.label_order("status", Activity.Status.choices),
        "mottagare": "recipient__last_name",
    },
    then=("-registered_at", "-pk"),
    never_null=frozenset({"registrerad"}),
)


def eligible_devices(*, user, recipient):
    """ACT-4: the recipient's delivered devices in the user's product areas."""
    return delivered_devices(user=user, recipient=recipient)


def sent_activities(location_ids):
    return Activity.objects.exclude(status=Activity.Status.DRAFT).filter(
        one_of("service_location_id", location_ids)
    )


def list_rows(activities):
    return activities.select_related("orderer", "prescriber", "recipient", "service_location")


# BEY-10: an activity is open until it is closed (Tilldelad, Planerad, Påbörjad).
OPEN_STATUSES = (Activity.Status.ASSIGNED, Activity.Status.PLANNED, Activity.Status.STARTED)
OPEN = "oppna"


def search_activities(location_ids, *, period: str, status: str = "", sort: str = ""):
    """ACT-10: a location's activities registered in the period (index
    activities_location_registered), one query per page plus the count; `status` is one
    status or "oppna" (not closed: the start page's tile, index activities_activity_open)."""
    rows = search.registered_in(sent_activities(location_ids), "registered_at", period)
    if status == OPEN:
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status:
        rows = rows.filter(status=status)
    return SORTING.order_by(list_rows(rows), sort)


def open_activities(location_id: int):
    """BEY-10: a location's activities not closed yet, every age."""
    return Activity.objects.filter(service_location_id=location_id, status__in=OPEN_STATUSES)


def my_activities(user, location_ids, *, sort: str = ""):
    """HOME-4 Mina aktiviteter: where the user is orderer or prescriber."""
    rows = sent_activities(location_ids).filter(Q(orderer=user) | Q(prescriber=user))
    return SORTING.order_by(list_rows(rows), sort)


_RECIPIENT_ACTIVITY_COUNT = Precompiled(  # QUA-D560: the recipient page's tab count
    lambda recipient_pk, ids: counting(sent_activities(ids).filter(recipient=recipient_pk)),
    types=(int, list),
)


def recipient_activity_count(recipient, location_ids) -> int:
    """How many activities `recipient_activities` lists."""
    return _RECIPIENT_ACTIVITY_COUNT.run(recipient.pk, list(location_ids))[0]


def recipient_activities(recipient, location_ids):
    return list_rows(sent_activities(location_ids).filter(recipient=recipient)).order_by(
        "-registered_at", "-pk"
    )


def individual_activities(individual, location_ids):
    return list_rows(
        sent_activities(location_ids).filter(devices__device__individual=individual).distinct()
    ).order_by("-registered_at", "-pk")


def activity_detail(location_ids, number: str) -> Activity:
    """The activity page (ACT-7): head, devices, history, comments and attachments, in a
    fixed number of queries (raises Activity.DoesNotExist for another location's)."""
    return (
        sent_activities(location_ids)
        .select_related("recipient", "orderer", "prescriber", "service_location")
        .prefetch_related(
            Prefetch(
                "devices",
                queryset=ActivityDevice.objects.select_related("device", "device__individual"),
            ),
            Prefetch("events", queryset=ActivityEvent.objects.select_related("by")),
            Prefetch("comments", queryset=ActivityComment.objects.select_related("by")),
            Prefetch("attachments", queryset=ActivityAttachment.objects.select_related("by")),
        )
        .get(number=number)
    )
