"""Recipients (patients) and their devices (REC)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, Individual, Warehouse
from inventory.warranty import Warranty, warranty_of
from sesam.lib import personnummer as pnr
from sesam.models import ServiceLocation, User


class Recipient(models.Model):
    """A patient. Name and address come from the population register and are read-only in
    the portal (REC-2); the phone can be edited. Under protected identity the address is
    never shown, printed or used for delivery (REC-5)."""

    personnummer = models.CharField(_("personnummer"), max_length=12, unique=True)
    first_name = models.CharField(_("förnamn"), max_length=80)
    last_name = models.CharField(_("efternamn"), max_length=80)
    street = models.CharField(_("gatuadress"), max_length=120, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    city = models.CharField(_("ort"), max_length=60, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    home_region = models.CharField(
        _("hemregion"),
        max_length=60,
        blank=True,
        help_text=_("Tom för folkbokförda i regionen; annars patientens hemregion (REC-4)."),
    )
    payment_commitment = models.CharField(_("betalningsförbindelse"), max_length=60, blank=True)
    # BIL-5: the last "Utprovning avslutad" a Region clinic reported (who, when).
    fitting_completed_at = models.DateTimeField(_("utprovning avslutad"), null=True, blank=True)
    fitting_completed_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utprovning avslutad av"),
    )
    protected_identity = models.BooleanField(_("skyddad identitet"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("mottagare")
        verbose_name_plural = _("mottagare")
        constraints = [
            models.CheckConstraint(
                condition=Q(personnummer__regex=r"^[0-9]{12}$"),
                name="recipients_recipient_pnr_format",
            ),
        ]

    def __str__(self):
        return f"{self.personnummer} {self.name}"

    def get_absolute_url(self):
        return reverse("recipients:detail", args=[self.pk])

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def personnummer_display(self) -> str:
        """YYYYMMDD-NNNN."""
        return pnr.display(self.personnummer)

    def age_on(self, day) -> int:
        """REC-9: completed years on `day`, from the personnummer."""
        return pnr.age_on(self.personnummer, day)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def is_adult_on(self, day) -> bool:
        """REC-9/BIL-1: 20 or older (`SESAM_ADULT_AGE`) on `day`; younger is Barn."""
        return pnr.is_adult(self.personnummer, day)

    @property
    def is_adult(self) -> bool:
        return self.is_adult_on(timezone.localdate())

    @property
    def is_out_of_region(self) -> bool:
        return bool(self.home_region)

    @property
    def address_lines(self) -> list[str]:
        """The registered address; empty under protected identity (REC-5)."""
        if self.protected_identity:
            return []
        return [self.name, self.street, f"{self.postal_code} {self.city}".strip()]


class Device(models.Model):
    """An article prescribed to a recipient: ordered (Beställt), delivered (Hjälpmedel) or
    returned (Återlämnat). Individual-marked articles have one device per individual.
    Created and moved by the services of recipients, called by orders (and later returns).
    `order_line_id` names the order line it came from (orders is a higher app; its migration
    adds the foreign-key constraint in the database)."""

    class Status(models.TextChoices):
        ORDERED = "ordered", _("Beställd")
        DELIVERED = "delivered", _("Levererad")
        RETURNED = "returned", _("Återlämnad")
        SCRAPPED = "scrapped", _("Skrotad")
        CANCELLED = "cancelled", _("Makulerad")

    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="devices", verbose_name=_("mottagare")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("artikel")
    )
    individual = models.ForeignKey(
        Individual,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="devices",
        verbose_name=_("individ"),
    )
    quantity = models.PositiveIntegerField(_("antal"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    order_line_id = models.BigIntegerField(_("orderrad"), null=True, blank=True, db_index=True)
    order_number = models.CharField(_("beställningsnummer"), max_length=8, blank=True)
    prescriber = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("förskrivare")
    )
    service_location = models.ForeignKey(
        ServiceLocation, on_delete=models.PROTECT, related_name="+", verbose_name=_("tjänsteställe")
    )
    ordered_at = models.DateTimeField(_("beställd"))
    planned_delivery_date = models.DateField(_("planerat leveransdatum"), null=True, blank=True)
    delivered_on = models.DateField(_("levererad"), null=True, blank=True)
    returned_on = models.DateField(_("återlämnad"), null=True, blank=True)
    trial_until = models.DateField(_("på prov till"), null=True, blank=True)  # BEY-2

    class Meta:
        ordering = ["-delivered_on", "-ordered_at", "-pk"]
        verbose_name = _("hjälpmedel")
        verbose_name_plural = _("hjälpmedel")
        constraints = [
            # ORD-13: an individual is delivered to one recipient at a time, never twice.
            models.UniqueConstraint(
                fields=["individual"],
                condition=Q(status__in=["ordered", "delivered"]),
                name="recipients_device_individual_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(delivered_on__isnull=False),
                name="recipients_device_delivered_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | Q(returned_on__isnull=False),
                name="recipients_device_returned_has_date",
            ),
        ]
        indexes = [
            # The recipient page's tabs (REC-6): a recipient's devices by status, newest first.
            models.Index(
                fields=["recipient", "status", "-delivered_on"], name="recipients_device_tabs"
            ),
            # BEY-2/BEY-10: a unit's trial loans by end date (Att göra, the trials page, the
            # start page's tile) among a million devices that are on no trial.
            models.Index(
                fields=["service_location", "trial_until"],
                condition=Q(trial_until__isnull=False),
                name="recipients_device_on_trial",
            ),
        ]

    def __str__(self):
        return f"{self.article} → {self.recipient_id}"

    @property
    def warranty(self) -> Warranty | None:
        """BEY-4: the individual's warranty (None for a device without one)."""
        return warranty_of(self.individual, article=self.article) if self.individual_id else None


class TrialReminder(models.Model):
    """BEY-2: a reminder sent about a device on trial — a week before its end and on the day —
    once, whatever how often the nightly job runs (the unique constraint)."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "week_before", _("En vecka kvar")
        DUE = "due", _("Provet slutar")

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="trial_reminders")
    kind = models.CharField(_("påminnelse"), max_length=20, choices=Kind.choices)
    sent_on = models.DateField(_("skickad"))

    class Meta:
        verbose_name = _("påminnelse om prov")
        verbose_name_plural = _("påminnelser om prov")
        constraints = [
            models.UniqueConstraint(fields=["device", "kind"], name="recipients_trialreminder_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.sent_on}"


class Return(models.Model):
    """Retur från patient till eget lager (RET-1…RET-5): devices handed back at a service
    location, each either put back on its own store's shelf or scrapped (RET-4, one line per
    device). Made only by `recipients.services.return_devices`; its receipt (returkvitto) is
    built from it on request."""

    number = models.CharField(_("returnummer"), max_length=8, unique=True)
    # The form's idempotency key: a double submit returns the return the first one made.
    key = models.UUIDField(unique=True, editable=False)
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="returns", verbose_name=_("mottagare")
    )
    service_location = models.ForeignKey(
        ServiceLocation, on_delete=models.PROTECT, related_name="+", verbose_name=_("tjänsteställe")
    )
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="+", verbose_name=_("lager")
    )
    returned_on = models.DateField(_("återlämnad"))
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("registrerad"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retur")
        verbose_name_plural = _("returer")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("recipients:return_done", args=[self.recipient_id, self.number])


class ReturnLine(models.Model):
    """One device of a return: back in stock (Återlämnad) or scrapped (Skrotad, RET-4)."""

    class Kind(models.TextChoices):
        RETURN = "return", _("Återlämnad till lager")
        SCRAP = "scrap", _("Skrotad")

    ret = models.ForeignKey(
        Return, on_delete=models.PROTECT, related_name="lines", verbose_name=_("retur")
    )
    # RET-2: a device is returned once (the database refuses a second line for it).
    device = models.OneToOneField(
        Device, on_delete=models.PROTECT, related_name="return_line", verbose_name=_("hjälpmedel")
    )
    kind = models.CharField(_("åtgärd"), max_length=10, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("antal"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("returrad")
        verbose_name_plural = _("returrader")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="recipients_returnline_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.ret_id} {self.device_id} {self.kind}"
