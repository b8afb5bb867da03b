"""The start page's tile of trial loans (BEY-10 with BEY-2, sesam.tiles): the unit's trials
that have run out or end within 7 days, linked to the trials page with those filters."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from recipients.trial_views import WEEK
from recipients.trials import REMIND_DAYS_BEFORE, on_trial
from sesam.tiles import Bar, Tile


def trials_tile(location) -> Tile | None:
    """One query: every trial of the unit (no trial at all: no tile) and, of those ending
    within the week, the overdue ones, those ending in 0–3 days and in 4–7 days."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=3)
    week = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    counts = (
        on_trial()
        .filter(service_location=location)
        .aggregate(
            any=Count("pk"),
            overdue=Count("pk", filter=Q(trial_until__lt=today)),
            soon=Count("pk", filter=Q(trial_until__gte=today, trial_until__lte=soon)),
            later=Count("pk", filter=Q(trial_until__gt=soon, trial_until__lte=week)),
        )
    )
    if not counts["any"]:
        return None
    query = {"tjanstestalle": location.pk, "slutar": WEEK}
    return Tile(
        key="prov",
        title=_("Prov som slutar inom 7 dagar"),
        count=counts["overdue"] + counts["soon"] + counts["later"],
        url=f"{reverse('recipients:overdue_trials')}?{urlencode(query)}",
        bars=(
            Bar(_("Har gått ut"), counts["overdue"], "warn"),
            Bar(_("0–3 dagar kvar"), counts["soon"]),
            Bar(_("4–7 dagar kvar"), counts["later"]),
        ),
        order=40,
    )
