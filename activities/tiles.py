"""The start page's tiles of activities and pickup orders (BEY-10, sesam.tiles), each linked
to its Sök tab with Status and every period, which then shows the same rows."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity, PickupOrder
from activities.selectors.activity import OPEN, open_activities
from activities.selectors.pickup import waiting_pickups
from sesam.tiles import Bar, Tile


def open_activities_tile(location) -> Tile:
    """BEY-10: the unit's open activities by status, in one query."""
    status = Activity.Status
    statuses = (status.ASSIGNED, status.PLANNED, status.STARTED)
    counts = open_activities(location.pk).aggregate(
        **{s.value: Count("pk", filter=Q(status=s)) for s in statuses}
    )
    query = {"tjanstestalle": location.pk, "registrerad": "alla", "status": OPEN}
    return Tile(
        key="aktiviteter",
        title=_("Öppna aktiviteter"),
        count=sum(counts.values()),
        url=f"{reverse('activities:activity_search')}?{urlencode(query)}",
        bars=tuple(Bar(str(s.label), counts[s.value]) for s in statuses),
        order=20,
    )


def waiting_pickups_tile(location) -> Tile:
    """BEY-10: the unit's pickup orders not yet handled (Registrerad) by age, in one query."""
    now = timezone.now()
    week, month = now - datetime.timedelta(days=7), now - datetime.timedelta(days=30)
    counts = waiting_pickups(location.pk).aggregate(
        total=Count("pk"),
        week=Count("pk", filter=Q(created_at__gte=week)),
        month=Count("pk", filter=Q(created_at__lt=week, created_at__gte=month)),
    )
    older = counts["total"] - counts["week"] - counts["month"]
    query = {
        "tjanstestalle": location.pk,
        "registrerad": "alla",
        "status": PickupOrder.Status.REGISTERED.value,
    }
    return Tile(
        key="hamtordrar",
        title=_("Hämtordrar som väntar"),
        count=counts["total"],
        url=f"{reverse('activities:pickup_search')}?{urlencode(query)}",
        bars=(
            Bar(_("0–7 dagar"), counts["week"]),
            Bar(_("8–30 dagar"), counts["month"]),
            Bar(_("Äldre än 30 dagar"), older, "warn"),
        ),
        order=30,
    )
