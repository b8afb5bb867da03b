"""A patient's request (BEY-15): from the patient pages a recipient reports a fault on a device
("Anmäl fel") or asks to return it ("Lämna tillbaka"). The request goes to the unit that
prescribed and delivered the device (BEY-D520), which turns it into an activity or a pickup
order, or declines it with a reason the patient reads."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from activities.models.activity import Activity
from activities.models.pickup import PickupOrder
from recipients.models import Device, Recipient
from sesam.lib.events import StatusEvent
from sesam.models import ServiceLocation, User

DESCRIPTION_MAX = 2000
DECLINE_REASON_MAX = 1000


class PatientRequest(models.Model):
    class Kind(models.TextChoices):
        REPAIR = "repair", _("Anmäl fel")
        RETURN = "return", _("Lämna tillbaka")

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        ACTIVITY = "activity", _("Omvandlad till aktivitet")
        PICKUP = "pickup", _("Omvandlad till hämtorder")
        DECLINED = "declined", _("Avböjd")

    # BEY-15: the allowed moves. Only a new request is handled, and handled once.
    TRANSITIONS = {
        Status.NEW: {Status.ACTIVITY, Status.PICKUP, Status.DECLINED},
        Status.ACTIVITY: set(),
        Status.PICKUP: set(),
        Status.DECLINED: set(),
    }

    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        related_name="patient_requests",
        verbose_name=_("mottagare"),
    )
    device = models.ForeignKey(
        Device,
        on_delete=models.PROTECT,
        related_name="patient_requests",
        verbose_name=_("hjälpmedel"),
    )
    kind = models.CharField(_("ärende"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    # BEY-D520: the unit that prescribed and delivered the device (Device.service_location).
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        related_name="patient_requests",
        verbose_name=_("tjänsteställe"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    decline_reason = models.TextField(_("skäl till avböjande"), blank=True)
    activity = models.OneToOneField(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patient_request",
        verbose_name=_("aktivitet"),
    )
    pickup_order = models.OneToOneField(
        PickupOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="patient_request",
        verbose_name=_("hämtorder"),
    )
    # The patient page's form key: the same key twice (a double submit) is one request.
    key = models.UUIDField(_("nyckel"), editable=False)
    created_at = models.DateTimeField(_("skickad"), auto_now_add=True)
    handled_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hanterad av"),
    )
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("förfrågan från patient")
        verbose_name_plural = _("förfrågningar från patienter")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="activities_patientrequest_key_once"
            ),
            # BEY-D522: one open request per device and kind (a second tab, a second try).
            models.UniqueConstraint(
                fields=["device", "kind"],
                condition=Q(status="new"),
                name="activities_patientrequest_one_open",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["repair", "return"]),
                name="activities_patientrequest_kind",
            ),
            models.CheckConstraint(
                condition=Q(status="new", handled_at__isnull=True, handled_by__isnull=True)
                | (~Q(status="new") & Q(handled_at__isnull=False, handled_by__isnull=False)),
                name="activities_patientrequest_handled_has_who",
            ),
            models.CheckConstraint(
                condition=(Q(status="activity") & Q(activity__isnull=False))
                | (~Q(status="activity") & Q(activity__isnull=True)),
                name="activities_patientrequest_activity",
            ),
            models.CheckConstraint(
                condition=(Q(status="pickup") & Q(pickup_order__isnull=False))
                | (~Q(status="pickup") & Q(pickup_order__isnull=True)),
                name="activities_patientrequest_pickup",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | Q(decline_reason__regex=r"\S"),
                name="activities_patientrequest_decline_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "activity", "pickup", "declined"]),
                name="activities_patientrequest_status",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), DESCRIPTION_MAX),
                name="activities_patientrequest_description_length",
            ),
        ]
        indexes = [
            # Att göra and Förfrågningar från patienter: a unit's open requests, oldest first.
            models.Index(
                fields=["service_location", "created_at"],
                condition=Q(status="new"),
                name="activities_patreq_open",
            ),
            # The patient's page and the rate limit: a recipient's requests, newest first.
            models.Index(fields=["recipient", "-created_at"], name="activities_patreq_recipient"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.recipient_id} {self.created_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW

    @property
    def result_number(self) -> str:
        """The number of the activity or pickup order the request became ("" otherwise)."""
        if self.activity_id:
            return self.activity.number or ""
        if self.pickup_order_id:
            return self.pickup_order.number
        return ""


class PatientRequestEvent(StatusEvent):
    """Every state change of a patient's request: sent (by None: the patient, not a user of
    the portal), converted or declined by a member of staff."""

    patient_request = models.ForeignKey(
        PatientRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("förfrågan"),
    )

    statuses = (PatientRequest.Status,)

    class Meta(StatusEvent.Meta):
        verbose_name = _("händelse för förfrågan")
        verbose_name_plural = _("händelser för förfrågningar")
