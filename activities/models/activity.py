"""Activities (ACT): work orders to Hjälpmedel's technicians or a supplier — warranty repairs,
installations, repairs of installed devices (children), applications outside the assortment.

A draft (status DRAFT, no number) holds the wizard's state on the server (ui.md); Skicka gives
it its number and status Tilldelad (ACT-6). Every status change is an ActivityEvent."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recipients.models import Device, Recipient
from sesam.lib.attachments import Attachment
from sesam.lib.events import StatusEvent
from sesam.models import ServiceLocation, User

MAX_TEXT = 5000  # Önskad åtgärd, Utförd åtgärd, comments: at most this many characters


class Activity(models.Model):
    class Type(models.TextChoices):
        WARRANTY_REPAIR = "warranty_repair", _("Hörsel – Garantireparation")
        HEARING_SERVICES = "hearing_services", _("Hörsel – Hörseltekniska tjänster")
        INSTALLED_REPAIR_CHILD = (
            "installed_repair_child",
            _("Hörsel – Rep av installerade hörseltekn hjm BARN!"),
        )
        OUTSIDE_ASSORTMENT = "outside_assortment", _("Enskild förskrivning utanför sortiment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ASSIGNED = "assigned", _("Tilldelad")
        PLANNED = "planned", _("Planerad")
        STARTED = "started", _("Påbörjad")
        CLOSED = "closed", _("Avslutad")

    # ACT-8: the allowed moves. Technicians may skip a step (a repair planned and done the same
    # day); nothing moves back and a closed activity stays closed (ACT-D3).
    TRANSITIONS = {
        Status.DRAFT: {Status.ASSIGNED},
        Status.ASSIGNED: {Status.PLANNED, Status.STARTED, Status.CLOSED},
        Status.PLANNED: {Status.STARTED, Status.CLOSED},
        Status.STARTED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    number = models.CharField(_("aktivitetsnummer"), max_length=8, unique=True, null=True)
    type = models.CharField(_("aktivitetstyp"), max_length=30, choices=Type.choices)
    service_product = models.CharField(_("tjänsteprodukt"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="activities", verbose_name=_("mottagare")
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("tjänsteställe"),
    )
    orderer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="activities", verbose_name=_("beställare")
    )
    prescriber = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="prescribed_activities",
        verbose_name=_("förskrivare"),
    )
    requested_action = models.TextField(_("önskad åtgärd"), blank=True)
    performed_action = models.TextField(_("utförd åtgärd"), blank=True)
    outside_warranty = models.BooleanField(_("ej garanti"), default=False)
    warranty_confirmed = models.BooleanField(
        _("garantireparation trots utgången garanti"),
        default=False,
        help_text=_("Beställaren bekräftade en garantireparation utanför garantitiden (BEY-4)."),
    )
    address = models.TextField(_("adress"), blank=True)
    contact = models.TextField(_("kontaktuppgifter"), blank=True)
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    registered_at = models.DateTimeField(_("registrerad"), null=True, blank=True)
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(number__isnull=False) & Q(registered_at__isnull=False)),
                name="activities_activity_sent_has_number",
            ),
            models.CheckConstraint(
                condition=Q(
                    type__in=[
                        "warranty_repair",
                        "hearing_services",
                        "installed_repair_child",
                        "outside_assortment",
                    ]
                ),
                name="activities_activity_known_type",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(requested_action__regex=r"\S"),
                name="activities_activity_requested_action",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "closed"]) | Q(closed_at__isnull=True),
                name="activities_activity_closed_at",
            ),
            # The wizard's draft: one per user and recipient (a second tab continues it).
            models.UniqueConstraint(
                fields=["orderer", "recipient"],
                condition=Q(status="draft"),
                name="activities_activity_one_draft",
            ),
        ]
        indexes = [
            # ACT-10: Sök → Aktivitet, a location's activities in a period, newest first.
            models.Index(
                fields=["service_location", "-registered_at"],
                name="activities_location_registered",
            ),
            # HOME-4: Mina aktiviteter (orderer or prescriber).
            models.Index(fields=["orderer", "-registered_at"], name="activities_orderer"),
            models.Index(fields=["prescriber", "-registered_at"], name="activities_prescriber"),
            # REC-6: the recipient's Aktiviteter tab.
            models.Index(fields=["recipient", "-registered_at"], name="activities_recipient"),
            # BEY-10: the start page's open activities and Sök → Aktivitet with Status Öppna.
            models.Index(
                fields=["service_location", "-registered_at"],
                condition=Q(status__in=["assigned", "planned", "started"]),
                name="activities_activity_open",
            ),
        ]

    def __str__(self):
        return self.number or f"utkast {self.pk}"

    def get_absolute_url(self):
        return reverse("activities:activity_detail", args=[self.number])

    @property
    def service_product_label(self) -> str:
        product = SERVICE_PRODUCTS.get(self.service_product)
        return str(product.label) if product else ""

    @property
    def needs_devices(self) -> bool:
        return self.type != Activity.Type.OUTSIDE_ASSORTMENT

    @property
    def children_only(self) -> bool:
        return self.type == Activity.Type.INSTALLED_REPAIR_CHILD


class ServiceProduct(models.TextChoices):
    """ACT-2: the service products of each type (Tjänsteprodukt)."""

    WARRANTY_REGION = "warranty_region", _("Garanti, Aud.avd, SHoD, 718, Region Skåne")
    WARRANTY_PAM = "warranty_pam", _("Garanti, Auktoriserade Audionommottagningar – PAM")
    INSTALLATION = "installation", _("Installation av hörseltekniska hjälpmedel")
    DISMANTLING_CHILD = (
        "dismantling_child",
        _("Nedmontering av installerade hörseltekniska hjälpmedel BARN!"),
    )
    INSTALLED_REPAIR_CHILD = (
        "installed_repair_child",
        _("Rep av installerade hörseltekn hjm BARN!"),
    )
    OUTSIDE_ASSORTMENT = "outside_assortment", _("Ansökan enskild förskrivning utanför sortiment")


class _Product:
    def __init__(self, value, label, *, children_only=False):
        self.value, self.label, self.children_only = value, label, children_only


SERVICE_PRODUCTS = {
    value: _Product(
        value,
        label,
        children_only=value in {"dismantling_child", "installed_repair_child"},
    )
    for value, label in ServiceProduct.choices
}

PRODUCTS_BY_TYPE = {
    Activity.Type.WARRANTY_REPAIR: [ServiceProduct.WARRANTY_REGION, ServiceProduct.WARRANTY_PAM],
    Activity.Type.HEARING_SERVICES: [
        ServiceProduct.INSTALLATION,
        ServiceProduct.DISMANTLING_CHILD,
    ],
    Activity.Type.INSTALLED_REPAIR_CHILD: [ServiceProduct.INSTALLED_REPAIR_CHILD],
    Activity.Type.OUTSIDE_ASSORTMENT: [ServiceProduct.OUTSIDE_ASSORTMENT],
}

# ACT-2: the info text shown when a type is chosen (the manual's words).
TYPE_INFO = {
    Activity.Type.WARRANTY_REPAIR: _(
        "Används när ett hjälpmedel behöver skickas till leverantör för garantireparation. "
        "Gäller endast då du anser att det är en garantiåtgärd. En reparation utanför garanti "
        "hanteras som ett tjänsteköp enligt rutin Förskriva från hjälpmedelsverksamhet."
    ),
    Activity.Type.HEARING_SERVICES: _(
        "Används när patienten behöver hjälp med installation (även garanti på redan utförd "
        "installation) och vid nedmontering av installerade hörseltekniska hjälpmedel. "
        "Hjälpmedlet ska vara levererat till patienten. Välj endast ett hjälpmedel – en "
        "aktivitet per installation."
    ),
    Activity.Type.INSTALLED_REPAIR_CHILD: _(
        "Gäller endast barn! Används vid reparation av ett fast installerat hörseltekniskt "
        "hjälpmedel. I första hand monterar patienten själv, eller med hjälp av anhörig, ner "
        "hjälpmedlet och återlämnar det till mottagningen. Hjälpmedlet ska vara levererat."
    ),
    Activity.Type.OUTSIDE_ASSORTMENT: _(
        "Används när ordinarie sortiment inte kan tillgodose patientens behov och du vill "
        "ansöka om enskild förskrivning utanför sortiment. Ingen artikel och ingen adress anges."
    ),
}

# ACT-2: the application checklist of Enskild förskrivning (the help of Önskad åtgärd).
OUTSIDE_ASSORTMENT_CHECKLIST = [
    _("Ange leverantör."),
    _("Ange leverantörens artikelnummer och artikelbenämning."),
    _("Ange om produkten är CE-märkt enligt MDR."),
    _(
        "Beskriv vilket behov patienten har som kräver och motiverar produkt utöver ordinarie "
        "sortiment."
    ),
    _("Beskriv tidigare produkter eller andra typer av åtgärder som provats eller övervägts."),
    _(
        "Om inga produkter har provats eller övervägts: ange motivering och hur behovet har "
        "kunnat fastställas."
    ),
]


class ActivityDevice(models.Model):
    """A ticked device (ACT-4), with the article and individual number as they were."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="devices", verbose_name=_("aktivitet")
    )
    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="activity_rows", verbose_name=_("hjälpmedel")
    )
    article_number = models.CharField(_("artikelnummer"), max_length=20)
    article_name = models.CharField(_("benämning"), max_length=200)
    individual_number = models.CharField(_("individnummer"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("hjälpmedel på aktivitet")
        verbose_name_plural = _("hjälpmedel på aktivitet")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "device"], name="activities_activitydevice_once"
            ),
        ]

    def __str__(self):
        return f"{self.article_name} {self.individual_number}".strip()


class ActivityEvent(StatusEvent):
    """History: every status change (who, when, from, to)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="events", verbose_name=_("aktivitet")
    )

    statuses = (Activity.Status,)

    class Meta(StatusEvent.Meta):
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")


class ActivityComment(models.Model):
    """A technician's comment (ACT-8), visible to the prescriber."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="comments", verbose_name=_("aktivitet")
    )
    text = models.TextField(_("kommentar"))
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("när"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")

    def __str__(self):
        return self.text[:60]


class ActivityAttachment(Attachment):
    """A technician's attachment (ACT-8): stored through Django's storage API, served only by
    activities:activity_attachment to users of the activity's location (never from MEDIA_URL)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("aktivitet")
    )
    file = models.FileField(_("fil"), upload_to="activities/%Y/%m/")
