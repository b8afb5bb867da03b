"""Reads of Logggranskning (BEY-11, ACC-8): the log searched, a patient's extract, the
accesses a review looks at first, and a sample drawn reproducibly from its seed."""

import datetime
from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import MD5, Cast, Concat
from django.utils.translation import gettext as _

from activities.models import Activity, PickupOrder
from orders.models import Order
from recipients.models import Device
from sesam.models import AccessLog, Membership, ServiceLocation, User

# The care provider (vårdgivare) of a Region unit; a private clinic is its own (PDL 8:5).
REGION = "Region Skåne"


def _tied(rows) -> Exists:
    """The recipient of the access has one of `rows` (orders, activities, pickup orders,
    devices) at one of the accessing user's service locations."""
    locations = Membership.objects.filter(user_id=OuterRef(OuterRef("user_id"))).values(
        "service_location_id"
    )
    return Exists(
        rows.filter(recipient_id=OuterRef("recipient_id"), service_location__in=locations)
    )


def flagged() -> Q:
    """An access to a recipient with no order, activity, pickup order or device at any of the
    user's service locations: looked at first in a review. A pickup order's draft (the
    wizard's state, PU-D620) is none."""
    pickups = PickupOrder.objects.exclude(status=PickupOrder.Status.DRAFT)
    return ~(
        _tied(Order.objects) | _tied(Activity.objects) | _tied(pickups) | _tied(Device.objects)
    )


def _day_range(start: datetime.date, end: datetime.date) -> Q:
    return Q(at__date__gte=start, at__date__lte=end)


def search_log(
    *,
    start: datetime.date,
    end: datetime.date,
    personnummer: str = "",
    user: User | None = None,
    service_location: ServiceLocation | None = None,
) -> QuerySet[AccessLog]:
    """The log of a period, newest first, narrowed by recipient, user and unit."""
    rows = AccessLog.objects.filter(_day_range(start, end))
    if personnummer:
        rows = rows.filter(personnummer=personnummer)
    if user is not None:
        rows = rows.filter(user=user)
    if service_location is not None:
        rows = rows.filter(service_location=service_location)
    return rows.select_related("user", "service_location").order_by("-at", "-pk")


def extract(
    *, personnummer: str, start: datetime.date, end: datetime.date, for_patient: bool = False
) -> list["Entry"]:
    """The patient's extract (PDL 8:5): every access to this recipient in the period, oldest
    first, in words. `for_patient`: read by the patient on their own pages (BEY-15), whose
    own accesses then say "Du själv" (BEY-D501)."""
    rows = search_log(personnummer=personnummer, start=start, end=end).order_by("at", "pk")
    return [entry(row, for_patient=for_patient) for row in rows]


def draw(*, start: datetime.date, end: datetime.date, size: int, seed: int) -> list[tuple]:
    """(access id, flagged) of a sample: flagged accesses first, each group in the order of
    md5(seed:id) — the same seed over the same period draws the same accesses."""
    key = MD5(Concat(Value(f"{seed}:"), Cast("pk", CharField())))
    rows = (
        # The patient reading their own data (BEY-15) is nobody's access to review.
        AccessLog.objects.filter(_day_range(start, end), user__isnull=False)
        .annotate(flag=flagged(), key=key)
        .order_by("-flag", "key")
        .values_list("pk", "flag")
    )
    return list(rows[:size])


@dataclass(frozen=True)
class Entry:
    """An access in words: when, who in which role, at which unit and care provider, what."""

    at: datetime.datetime
    user: str
    role: str
    unit: str
    care_provider: str
    what: str
    personnummer: str
    recipient_id: int


def entry(row: AccessLog, *, for_patient: bool = False) -> Entry:
    location = row.service_location
    if row.user_id is None:  # the patient on their own pages (BEY-15, BEY-D501)
        return Entry(
            at=row.at,
            user=_("Du själv") if for_patient else _("Patienten själv"),
            role=_("Du själv") if for_patient else _("Patienten själv"),
            unit=_("Mina hjälpmedel (e-tjänst)"),
            care_provider=REGION,
            what=what(row.action),
            personnummer=row.personnummer,
            recipient_id=row.recipient_id,
        )
    return Entry(
        at=row.at,
        user=row.user.full_name or row.user.username,
        role=role(row.user),
        unit=location.name if location else _("Hjälpmedel (administration)"),
        care_provider=location.name if location and location.is_private else REGION,
        what=what(row.action),
        personnummer=row.personnummer,
        recipient_id=row.recipient_id,
    )


def role(user: User) -> str:
    if user.is_staff:
        return _("Hjälpmedel")
    if user.is_prescriber:
        return _("Förskrivare")
    return _("Beställare")


# What an access-log action did, in a patient's words, by the first word its code contains.
WHAT = [
    (("pdf", "document", "receipt", "utdrag", "extract"), "Skrev ut ett dokument"),
    (("search", "list", "recipients", "panel", "export", "sample"), "Såg uppgifterna i en lista"),
    (
        (
            "changed",
            "created",
            "phone",
            "commitment",
            "return",
            "fitting",
            "started",
            "sent",
            "submit",
            "cancel",
            "makulera",
            "kvittera",
        ),
        "Registrerade eller ändrade",
    ),
]


def what(action: str) -> str:
    code = action.lower()
    for words, label in WHAT:
        if any(word in code for word in words):
            return _(label)
    return _("Läste uppgifterna")
