"""Pickup orders (hämtorder, PU): a recipient's delivered devices sent back to the central
warehouse 70 by post, with the slip that goes in the envelope.

A draft (status DRAFT, no number) holds the wizard's state on the server (ui.md, PU-D620), as
an activity's does (ACT-D1); Skapa hämtorder gives it its number and status Registrerad."""

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recipients.models import Device, Recipient
from sesam.lib.events import StatusEvent
from sesam.models import ServiceLocation, User

COMMENT_MAX = 2000
CONTACT_MAX = 300


class PickupOrder(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")  # the wizard's state: no number, on no list
        REGISTERED = "registered", _("Registrerad")  # not handled yet
        CLOSED = "closed", _("Stängd")  # handled: the devices arrived at 70
        CANCELLED = "cancelled", _("Makulerad")

    # PU-7: the allowed moves (Skapa hämtorder moves the draft to Registrerad).
    TRANSITIONS = {
        Status.DRAFT: {Status.REGISTERED},
        Status.REGISTERED: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: set(),
        Status.CANCELLED: set(),
    }

    class Reason(models.TextChoices):
        # PU-2: within Hörsel this is the only reason that may be chosen.
        BY_POST = "by_post", _("Skickas till centrallager med post")

    class ReturnReason(models.TextChoices):
        # PU-5: the reason for the return.
        MODEL_UNSUITABLE = "model_unsuitable", _("Modellen fungerar inte för patient")
        WRONG_ORDER = "wrong_order", _("Felbeställning")
        DECEASED = "deceased", _("Patient avliden")
        CHANGED_MIND = "changed_mind", _("Patient ångrat sig")
        OTHER = "other", _("Annat")

    number = models.CharField(_("hämtordernummer"), max_length=8, unique=True, null=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        related_name="pickup_orders",
        verbose_name=_("mottagare"),
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        related_name="pickup_orders",
        verbose_name=_("tjänsteställe"),
    )
    orderer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="pickup_orders", verbose_name=_("beställare")
    )
    # Blank only while a draft (activities_pickuporder_sent_is_complete).
    reason = models.CharField(
        _("hämtorderorsak"), max_length=20, choices=Reason.choices, blank=True
    )
    return_reason = models.CharField(
        _("orsak till retur"), max_length=20, choices=ReturnReason.choices, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)
    # PU-4: always the unit's address (a snapshot of the service location's when sent).
    pickup_address = models.TextField(_("hämtadress"), blank=True)
    contact = models.TextField(_("kontaktuppgifter"), blank=True)
    # A draft's key is in its step URLs and becomes the pickup order's idempotency key.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # When it was registered: a draft's creation, set again when it is sent.
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    closed_on = models.DateField(_("ankomst registrerad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("hämtorder")
        verbose_name_plural = _("hämtordrar")
        constraints = [
            # A draft's NULL number passes (a CHECK refuses only what is false).
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{8}$"), name="activities_pickuporder_number"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False),
                name="activities_pickuporder_sent_has_number",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    ~Q(reason="")
                    & ~Q(return_reason="")
                    & Q(pickup_address__regex=r"\S")
                    & Q(contact__regex=r"\S")
                ),
                name="activities_pickuporder_sent_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "registered", "closed", "cancelled"]),
                name="activities_pickuporder_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="activities_pickuporder_closed_has_date",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comment"), COMMENT_MAX),
                name="activities_pickuporder_comment_length",
            ),
            # The wizard's draft: one per user and recipient (a second tab continues it).
            models.UniqueConstraint(
                fields=["orderer", "recipient"],
                condition=Q(status="draft"),
                name="activities_pickuporder_one_draft",
            ),
        ]
        indexes = [
            # PU-8 Sök → Hämtorder: a location's pickup orders in a period, newest first.
            models.Index(
                fields=["service_location", "-created_at"], name="activities_pickup_loc_created"
            ),
            # HOME-4 Mina hämtordrar: the user's own, newest first.
            models.Index(fields=["orderer", "-created_at"], name="activities_pickup_orderer"),
            # REC-8: does the recipient have an open pickup order?
            models.Index(fields=["recipient", "status"], name="activities_pickup_recipient"),
            # BEY-10: the start page's waiting pickup orders, Sök → Hämtorder's Status.
            models.Index(
                fields=["service_location", "-created_at"],
                condition=Q(status="registered"),
                name="activities_pickup_waiting",
            ),
        ]

    def __str__(self):
        return self.number or f"utkast {self.pk}"

    def get_absolute_url(self):
        return reverse("activities:pickup_detail", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REGISTERED


class PickupLine(models.Model):
    """A ticked device. `is_open` mirrors the order's status (Registrerad) so that the database
    itself refuses a device on two open pickup orders (a condition cannot follow a join); a
    draft's lines are not open, so a draft holds no device from anyone."""

    pickup_order = models.ForeignKey(
        PickupOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("hämtorder")
    )
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="pickup_lines", verbose_name=_("hjälpmedel")
    )
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("hämtorderrad")
        verbose_name_plural = _("hämtorderrader")
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(is_open=True),
                name="activities_pickupline_device_once_open",
            ),
            models.UniqueConstraint(
                fields=["pickup_order", "device"], name="activities_pickupline_device_once"
            ),
        ]

    def __str__(self):
        return f"{self.pickup_order} {self.device_id}"


class PickupEvent(StatusEvent):
    """Every state change of a pickup order: who, when, from what to what."""

    pickup_order = models.ForeignKey(
        PickupOrder, on_delete=models.CASCADE, related_name="events", verbose_name=_("hämtorder")
    )

    statuses = (PickupOrder.Status,)

    def __str__(self):
        return f"{self.pickup_order} {self.from_label or '–'} → {self.to_label}"
