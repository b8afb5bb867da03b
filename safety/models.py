"""Patient safety (BEY-5, BEY-9, BEY-14): recalls traced to individuals, patients and units;
deviation reports; population-register events. Numbers come from a series of their own
(`SafetyNumberSeries`), never the orders' weekly one."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, Individual
from orders.models import OrderLine, Receipt
from recipients.models import Device, Recipient
from sesam.lib.attachments import Attachment
from sesam.lib.events import StatusEvent
from sesam.models import ServiceLocation, User


class SafetyNumberSeries(models.Model):
    """The running numbers of recalls (key "AK" + YY) and deviations ("AV" + YY): numbers such
    as AK26-0001 (safety.services.numbers; BEY-D220). Letters first, so never one of the
    8-digit order/invoice numbers."""

    key = models.CharField(max_length=4, primary_key=True)
    last = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("nummerserie (patientsäkerhet)")
        verbose_name_plural = _("nummerserier (patientsäkerhet)")
        constraints = [
            models.CheckConstraint(
                condition=Q(last__gte=1, last__lte=9999),
                name="safety_safetynumberseries_four_digits",
            ),
        ]

    def __str__(self):
        return f"{self.key}: {self.last}"


class Recall(models.Model):
    """Återkallelse (BEY-5): an article's serial numbers (a list, ranges, lots) traced to every
    individual; the matches are kept as `RecallItem` rows, so the list, its export, the letters
    and the units' messages all read the same set."""

    class Status(models.TextChoices):
        OPEN = "open", _("Pågående")
        CLOSED = "closed", _("Avslutad")

    TRANSITIONS = {
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    number = models.CharField(_("återkallelsenummer"), max_length=12, unique=True)
    # The form's idempotency key: a double submit returns the recall the first one made.
    key = models.UUIDField(unique=True, editable=False)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("artikel")
    )
    serials = models.TextField(
        _("serienummer"),
        help_text=_("Serienummer, intervall (FRÅN-TILL) och batcher (LOT:prefix) som angavs."),
    )
    reason = models.CharField(_("orsak"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrerad av")
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("återkallelse")
        verbose_name_plural = _("återkallelser")
        # BEY-5: the portal's recall pages ("Återkallelse"); given to staff by group or user.
        permissions = [("trace_recall", _("Återkallelse"))]

    def __str__(self):
        return f"{self.number} {self.article.number}"

    def get_absolute_url(self):
        return reverse("safety:recall_detail", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class RecallItem(models.Model):
    """One individual a recall hit, with its status when traced; `blocked` when the recall
    blocked it in stock, `notified_at` when its unit was sent the list."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="items")
    individual = models.ForeignKey(
        Individual, on_delete=models.PROTECT, related_name="+", verbose_name=_("individ")
    )
    status_when_traced = models.CharField(_("status vid spårning"), max_length=30)
    blocked = models.BooleanField(_("spärrad"), default=False)
    notified_at = models.DateTimeField(_("enhet underrättad"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("träff")
        verbose_name_plural = _("träffar")
        constraints = [
            models.UniqueConstraint(
                fields=["recall", "individual"], name="safety_recallitem_once_per_recall"
            ),
        ]

    def __str__(self):
        return f"{self.recall_id} {self.individual_id}"


class RecallEvent(StatusEvent):
    """Every step of a recall (registered, units notified, blocks released, closed): who,
    when, the status before and after, what was done."""

    recall = models.ForeignKey(
        Recall, on_delete=models.CASCADE, related_name="events", verbose_name=_("återkallelse")
    )

    statuses = (Recall.Status,)

    class Meta(StatusEvent.Meta):
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.recall_id} {self.from_label or '–'} → {self.to_label} {self.note}"


class Deviation(models.Model):
    """Avvikelse / reklamation (BEY-9): a unit reports a fault, a negative event or near miss, a
    delivery fault or something else on an individual, a recipient's device, an order line or
    a receipt. Hjälpmedel moves it through the statuses in admin with comments. A negative
    event or near miss is reported to Läkemedelsverket (MDR art. 87): its report's fields are
    snapshot here — the patient's age and sex, never the personnummer."""

    class Kind(models.TextChoices):
        PRODUCT_FAULT = "product_fault", _("Produktfel")
        INCIDENT = "incident", _("Negativ händelse/tillbud")
        DELIVERY_FAULT = "delivery_fault", _("Leveransfel")
        OTHER = "other", _("Övrigt")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registrerad")
        INVESTIGATING = "investigating", _("Under utredning")
        RESOLVED = "resolved", _("Åtgärdad")
        CLOSED = "closed", _("Avslutad")

    # BEY-9: the allowed moves (Registrerad → Under utredning → Åtgärdad/Avslutad).
    TRANSITIONS = {
        Status.REGISTERED: {Status.INVESTIGATING, Status.CLOSED},
        Status.INVESTIGATING: {Status.RESOLVED, Status.CLOSED},
        Status.RESOLVED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    class Source(models.TextChoices):
        INDIVIDUAL = "individual", _("Individ")
        DEVICE = "device", _("Mottagarens hjälpmedel")
        ORDER_LINE = "order_line", _("Beställningsrad")
        RECEIPT = "receipt", _("Kvittens")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Kvinna")
        MALE = "male", _("Man")

    number = models.CharField(_("avvikelsenummer"), max_length=12, unique=True)
    key = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    source = models.CharField(_("avser"), max_length=20, choices=Source.choices)
    description = models.TextField(_("beskrivning"))
    service_location = models.ForeignKey(
        ServiceLocation, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    reported_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("rapporterad av")
    )
    reported_at = models.DateTimeField(_("rapporterad"), auto_now_add=True)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("artikel")
    )
    individual = models.ForeignKey(
        Individual,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("individ"),
    )
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receipt = models.ForeignKey(
        Receipt, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    serial_number = models.CharField(_("serienummer"), max_length=60, blank=True)
    # MDR art. 87 (Läkemedelsverket) for a negative event or near miss:
    report_to_mpa = models.BooleanField(_("ska rapporteras till Läkemedelsverket"), default=False)
    udi = models.CharField(_("UDI/GTIN"), max_length=80, blank=True)
    event_date = models.DateField(_("händelsedatum"), null=True, blank=True)
    consequence = models.TextField(_("konsekvens för patienten"), blank=True)
    patient_age = models.PositiveSmallIntegerField(_("patientens ålder"), null=True, blank=True)
    patient_sex = models.CharField(
        _("patientens kön"), max_length=10, choices=Sex.choices, blank=True
    )

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("avvikelse")
        verbose_name_plural = _("avvikelser")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="incident") | Q(report_to_mpa=True, event_date__isnull=False),
                name="safety_deviation_incident_is_reported",
            ),
            models.CheckConstraint(
                condition=Q(source="individual", individual__isnull=False)
                | Q(source="device", device__isnull=False)
                | Q(source="order_line", order_line__isnull=False)
                | Q(source="receipt", receipt__isnull=False),
                name="safety_deviation_source_is_set",
            ),
        ]
        indexes = [
            # Mina sidor and Sök → Avvikelse: a unit's reports, newest first.
            models.Index(
                fields=["service_location", "-reported_at"], name="safety_deviation_location"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("safety:deviation_detail", args=[self.number])


class DeviationEvent(StatusEvent):
    """A status move or a comment (from = to) on a deviation: who, when, what."""

    deviation = models.ForeignKey(
        Deviation, on_delete=models.CASCADE, related_name="events", verbose_name=_("avvikelse")
    )

    statuses = (Deviation.Status,)

    class Meta(StatusEvent.Meta):
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.deviation_id} {self.from_status} → {self.to_status}"

    @property
    def to_label(self) -> str:
        return Deviation.Status(self.to_status).label

    @property
    def is_move(self) -> bool:
        return self.from_status != self.to_status


class DeviationAttachment(Attachment):
    """A photo or document of a deviation (sesam.lib.attachments: the activity attachments'
    checks); served only to the report's unit (safety:deviation_attachment) and to Hjälpmedel
    in admin."""

    deviation = models.ForeignKey(Deviation, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fil"), upload_to="deviations/%Y/%m/")


class RegisterEvent(models.Model):
    """A population-register event (BEY-14) applied once: the database refuses a second row
    for the same personnummer, event and date, however often a file is imported."""

    class Kind(models.TextChoices):
        DEATH = "avliden", _("Avliden")
        PROTECTED_IDENTITY = "skyddad_identitet", _("Skyddad identitet")
        MOVED_OUT = "utflyttad", _("Utflyttad från regionen")

    personnummer = models.CharField(_("personnummer"), max_length=12)
    kind = models.CharField(_("händelse"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("datum"))
    region = models.CharField(_("ny hemregion"), max_length=60, blank=True)
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="+", verbose_name=_("mottagare")
    )
    source = models.CharField(_("fil"), max_length=200, blank=True)
    line = models.PositiveIntegerField(_("rad"), null=True, blank=True)
    applied_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("inläst av")
    )
    applied_at = models.DateTimeField(_("tillämpad"), auto_now_add=True)
    summary = models.CharField(_("resultat"), max_length=300, blank=True)

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("folkbokföringshändelse")
        verbose_name_plural = _("folkbokföringshändelser")
        constraints = [
            models.UniqueConstraint(
                fields=["personnummer", "kind", "date"], name="safety_registerevent_once"
            ),
        ]

    def __str__(self):
        return f"{self.personnummer} {self.kind} {self.date}"


class PickupProposal(models.Model):
    """BEY-14: after a death the unit is asked (Att göra) to create a pickup order for the
    recipient's devices — proposed, never created by the import. Done when the unit has
    handled it (created the pickup order or decided otherwise)."""

    register_event = models.ForeignKey(
        RegisterEvent, on_delete=models.PROTECT, related_name="proposals"
    )
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="+")
    service_location = models.ForeignKey(
        ServiceLocation, on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet")
    )
    created_at = models.DateTimeField(_("föreslagen"), auto_now_add=True)
    done_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    done_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hanterad av"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("förslag om hämtorder")
        verbose_name_plural = _("förslag om hämtorder")
        constraints = [
            models.UniqueConstraint(
                fields=["register_event", "service_location"],
                name="safety_pickupproposal_once_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
                name="safety_pickupproposal_done_has_who",
            ),
        ]
        indexes = [
            # Att göra on Mina sidor: a unit's open proposals.
            models.Index(
                fields=["service_location"],
                condition=Q(done_at__isnull=True),
                name="safety_pickupproposal_open",
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id} {self.service_location_id}"
