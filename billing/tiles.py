"""The start page's tile of the unit's charges to be invoiced this month (BEY-10 with BIL,
sesam.tiles), by kind, linked to Avgifter att fakturera (billing.views), which shows the same
rows (BIL-D600)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from billing.models import PatientCharge
from billing.selectors import charges_to_invoice
from sesam.tiles import Bar, Tile


def charges_tile(location) -> Tile:
    """One query: the unit's open charges due this month, counted per kind."""
    today = timezone.localdate()
    kinds = PatientCharge.Kind
    counts = charges_to_invoice(location.pk, today).aggregate(
        **{kind.value: Count("pk", filter=Q(kind=kind)) for kind in kinds}
    )
    return Tile(
        key="avgifter",
        title=_("Avgifter att fakturera i %(month)s") % {"month": str(MONTHS[today.month]).lower()},
        count=sum(counts.values()),
        url=reverse("billing:charges_to_invoice"),
        bars=tuple(Bar(str(kind.label), counts[kind.value]) for kind in kinds),
        order=60,
    )
