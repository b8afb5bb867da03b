"""The start page's tile of orders (BEY-10, sesam.tiles): the direct deliveries waiting for
Kvittera direktleverans at the unit, by age — linked to Sök → Beställning with Visa
okvitterade direktleveranser over every period, which then shows the same orders."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.selectors import unreceived_orders
from sesam.tiles import Bar, Tile


def unreceived_tile(location) -> Tile:
    """BEY-10: unreceived direct deliveries (orders with an open 750 line) by the age of the
    order — 0–7 days, 8–30 days, older — in one query."""
    now = timezone.now()
    week, month = now - datetime.timedelta(days=7), now - datetime.timedelta(days=30)
    counts = unreceived_orders([location.pk]).aggregate(
        total=Count("pk"),
        week=Count("pk", filter=Q(sent_at__gte=week)),
        month=Count("pk", filter=Q(sent_at__lt=week, sent_at__gte=month)),
    )
    older = counts["total"] - counts["week"] - counts["month"]
    query = {"tjanstestalle": location.pk, "registrerad": "alla", "okvitterade": "on"}
    return Tile(
        key="okvitterade",
        title=_("Okvitterade direktleveranser"),
        count=counts["total"],
        url=f"{reverse('orders:search')}?{urlencode(query)}",
        bars=(
            Bar(_("0–7 dagar"), counts["week"]),
            Bar(_("8–30 dagar"), counts["month"]),
            Bar(_("Äldre än 30 dagar"), older, "warn"),
        ),
        order=10,
    )
