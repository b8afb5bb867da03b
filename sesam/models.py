"""People and places (ACC), messages and news (HOME), the access log (ACC-8)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^[0-9 +()\-]{5,20}$",
    _("Ange telefonnumret med siffror, mellanslag, +, - eller parenteser (5–20 tecken)."),
)

# ACC-11: an HSA-id is "SE", the organisation number (10 digits), "-" and a local part.
hsa_id_validator = RegexValidator(
    r"^SE[0-9]{10}-[0-9A-Za-z]{1,31}$",
    _("Ange HSA-id som SE, tio siffror, bindestreck och den lokala delen (SE2321000016-ABCD)."),
)


class ProductArea(models.Model):
    code = models.SlugField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("produktområde")
        verbose_name_plural = _("produktområden")

    def __str__(self):
        return self.name


class Profession(models.Model):
    """A user's profession (yrkesroll: Audionom, Läkare, Hörselpedagog …); Hjälpmedel gives
    each its prescribing rights per product area (BEY-1, inventory.PrescribingRight)."""

    name = models.CharField(_("namn"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("yrkesroll")
        verbose_name_plural = _("yrkesroller")

    def __str__(self):
        return self.name


class ServiceLocation(models.Model):
    """A clinic or unit (tjänsteställe). Its own store is `inventory.Warehouse.service_location`."""

    code = models.CharField(_("kod"), max_length=20, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    street = models.CharField(_("gatuadress"), max_length=120)
    postal_code = models.CharField(_("postnummer"), max_length=10)
    city = models.CharField(_("ort"), max_length=60)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    hsa_id = models.CharField(
        _("HSA-id (vårdenhet)"),
        max_length=44,
        blank=True,
        validators=[hsa_id_validator],
        help_text=_(
            "Vårdenhetens HSA-id: ett medarbetaruppdrag där väljer tjänstestället (ACC-11)."
        ),
    )
    # BEY-8: the unit's contact address (the nightly list of articles below minimum).
    email = models.EmailField(_("e-post"), blank=True)
    is_private = models.BooleanField(
        _("privat mottagning (PAM)"),
        default=False,
        help_text=_("Privata mottagningar har inget eget lager (ACC-7)."),
    )
    product_areas = models.ManyToManyField(
        ProductArea, related_name="service_locations", verbose_name=_("produktområden")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("tjänsteställe")
        verbose_name_plural = _("tjänsteställen")
        constraints = [
            models.UniqueConstraint(
                fields=["hsa_id"], condition=~Q(hsa_id=""), name="sesam_servicelocation_hsa_id"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [self.name, self.street, f"{self.postal_code} {self.city}"]


class User(AbstractUser):
    """A staff member; `username` is the RS-id (ACC-1)."""

    class Source(models.TextChoices):
        CENTRAL = "central", _("Hjälpmedelsverksamhet")
        OWN_STORE = "own_store", _("Eget förråd")

    first_name = None
    last_name = None
    full_name = models.CharField(_("namn"), max_length=120)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    hsa_id = models.CharField(
        _("HSA-id"),
        max_length=44,
        blank=True,
        validators=[hsa_id_validator],
        help_text=_(
            "Personens HSA-id: inloggningen med SITHS-kort hittar användaren på det (ACC-11)."
        ),
    )
    is_prescriber = models.BooleanField(_("förskrivare"), default=False)
    is_orderer = models.BooleanField(_("beställare"), default=True)
    prescriber_code = models.CharField(_("förskrivarkod"), max_length=20, blank=True)
    profession = models.ForeignKey(
        Profession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("yrkesroll"),
        help_text=_("Styr förskrivningsrätten (BEY-1)."),
    )
    default_source = models.CharField(
        _("leverans från (förval)"),
        max_length=20,
        choices=Source.choices,
        default=Source.CENTRAL,
    )
    service_locations = models.ManyToManyField(
        ServiceLocation,
        through="Membership",
        related_name="members",
        verbose_name=_("tjänsteställen"),
    )
    product_areas = models.ManyToManyField(
        ProductArea, blank=True, related_name="users", verbose_name=_("produktområden")
    )
    linked_prescribers = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="linked_orderers",
        limit_choices_to={"is_prescriber": True},
        verbose_name=_("kopplade förskrivare"),
        help_text=_("Förskrivare som användaren får registrera beställningar åt (ACC-3)."),
    )

    objects = UserManager()
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_prescriber=False) | ~Q(prescriber_code=""),
                name="sesam_user_prescriber_has_code",
            ),
            models.UniqueConstraint(
                fields=["hsa_id"], condition=~Q(hsa_id=""), name="sesam_user_hsa_id"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.username})" if self.full_name else self.username

    def get_full_name(self):
        return self.full_name

    @property
    def rs_id_and_name(self) -> str:
        """How a prescriber is shown for choosing: "ditt eget RS-id och namn" (the manual)."""
        return f"{self.username} – {self.full_name}" if self.full_name else self.username

    @property
    def contact_line(self) -> str:
        """The user's own contact details, the editable default of every contact field (ORD-6,
        ACT-6, PU-4): name, phone and e-mail, those given."""
        return ", ".join(part for part in (self.full_name, self.phone, self.email) if part)

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.username


class Membership(models.Model):
    """A user linked to a service location; exactly one is the default (ACC-2)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("användare")
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("tjänsteställe"),
    )
    is_default = models.BooleanField(_("standard"), default=False)

    class Meta:
        verbose_name = _("koppling till tjänsteställe")
        verbose_name_plural = _("kopplingar till tjänsteställen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service_location"], name="sesam_membership_unique"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_default=True),
                name="sesam_membership_one_default",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.service_location}"


class Message(models.Model):
    """A system message to one user (HOME-5); created only by `sesam.services.send_message`."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="inbox", verbose_name=_("mottagare")
    )
    subject = models.CharField(_("ämne"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("länk"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        indexes = [
            # The unread count in the top bar on every page.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="sesam_message_unread"
            ),
            # The user's message list, newest first.
            models.Index(fields=["user", "-created_at"], name="sesam_message_user_created"),
        ]

    def __str__(self):
        return self.subject


class NewsItem(models.Model):
    """News for the users of a product area (HOME-2)."""

    product_area = models.ForeignKey(
        ProductArea, on_delete=models.PROTECT, related_name="news", verbose_name=_("produktområde")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    summary = models.CharField(_("ingress"), max_length=400)
    body = models.TextField(_("text"))
    published_on = models.DateField(_("publicerad"))

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")

    def __str__(self):
        return self.title


class SignInMethod(models.TextChoices):
    """How a session signed in (ACC-11)."""

    PASSWORD = "password", _("Lösenord")
    SITHS = "siths", _("SITHS (inloggningstjänsten)")
    # BEY-15: a patient on their own pages (e-legitimation, e.g. BankID; BEY-D501).
    CITIZEN = "citizen", _("E-legitimation (patienten själv)")


class AccessLog(models.Model):
    """Every read or change of a recipient's data (ACC-8). Append-only, also in the database:
    a trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE for everyone."""

    at = models.DateTimeField(_("tid"), auto_now_add=True, db_index=True)
    # Blank only when the patient themself read their own data on the patient pages (BEY-15,
    # BEY-D501): sign_in_method "citizen" then names the actor, the recipient.
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("användare"),
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("tjänsteställe"),
    )
    # The recipient lives in a higher app (recipients); the log keeps its id and personnummer.
    recipient_id = models.BigIntegerField(_("mottagar-id"), db_index=True)
    personnummer = models.CharField(_("personnummer"), max_length=12, db_index=True)
    action = models.CharField(_("åtgärd"), max_length=60)
    context = models.JSONField(_("sammanhang"), default=dict, blank=True)
    # ACC-11: how the session that made the access signed in, and the assignment
    # (medarbetaruppdrag: the care unit's HSA-id) it chose; blank outside a session.
    sign_in_method = models.CharField(
        _("inloggning"), max_length=10, choices=SignInMethod.choices, blank=True
    )
    assignment = models.CharField(_("medarbetaruppdrag"), max_length=44, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("åtkomstlogg")
        verbose_name_plural = _("åtkomstlogg")
        indexes = [
            # Admin search by user, newest first.
            models.Index(fields=["user", "-at"], name="sesam_accesslog_user_at"),
        ]
        constraints = [
            # BEY-D501: a row without a user is the patient's own access, and only that.
            models.CheckConstraint(
                condition=Q(user__isnull=True, sign_in_method="citizen")
                | (Q(user__isnull=False) & ~Q(sign_in_method="citizen")),
                name="sesam_accesslog_user_or_patient",
            ),
        ]

    def __str__(self):
        who = self.user if self.user_id else _("patienten själv")
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.personnummer}"


class Document(models.Model):
    """A printed document (DOC-4), one row per print: its own number from the documents' own
    series (`sesam.lib.numbers.next_document_number`, DOC-D120: ten digits, never the orders'
    series), so that a number on paper names exactly one print. Append-only, also in the
    database (migration 0003). Documents of a numbered thing (a purchase order) carry that
    thing's number and are not recorded here (DOC-D2)."""

    class Kind(models.TextChoices):
        LOAN_AGREEMENT = "loan_agreement", _("Låneförbindelse")
        OWNERSHIP = "ownership", _("Eget ägande")
        DEVICE_LIST = "device_list", _("Hjälpmedelslista")
        STOCK_REPORT = "stock_report", _("Lagersaldorapport")
        ACCESS_LOG_EXTRACT = "access_log_extract", _("Loggutdrag")

    number = models.CharField(_("dokumentnummer"), max_length=16, unique=True)
    kind = models.CharField(_("dokument"), max_length=40, choices=Kind.choices)
    # The recipient lives in a higher app (recipients); like the access log, keep its id
    # (indexed for admin's search by recipient).
    recipient_id = models.BigIntegerField(_("mottagar-id"), null=True, blank=True, db_index=True)
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("utskrivet av")
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tjänsteställe"),
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)
    reference = models.CharField(_("avser"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"


class NumberSeries(models.Model):
    """ORD-10: the running numbers of a week (YYWW), shared by the things writes number —
    orders, purchase orders, activities, pickup orders, returns, supplier returns, stocktakes —
    so that an 8-digit number names one thing. Allocated by `sesam.lib.numbers.next_number`.
    Printed documents have their own series (DocumentNumberSeries, DOC-D120): a GET never
    takes a number from this one."""

    week = models.CharField(max_length=4, primary_key=True)
    last = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("nummerserie")
        verbose_name_plural = _("nummerserier")
        constraints = [
            models.CheckConstraint(
                condition=Q(last__gte=1, last__lte=9999), name="sesam_numberseries_four_digits"
            ),
        ]

    def __str__(self):
        return f"{self.week}: {self.last}"


class DocumentNumberSeries(models.Model):
    """DOC-D120: the running numbers of a week (YYWW) for printed documents (DOC-4), apart from
    the orders' series so that printing — a GET — never uses up a number a write needs. No
    four-digit cap: a document number is YYWW and at least six digits (ten in all), so it never
    looks like an 8-digit order number. Allocated by `sesam.lib.numbers.next_document_number`."""

    week = models.CharField(max_length=4, primary_key=True)
    last = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("dokumentnummerserie")
        verbose_name_plural = _("dokumentnummerserier")
        constraints = [
            models.CheckConstraint(
                condition=Q(last__gte=1), name="sesam_documentnumberseries_positive"
            ),
        ]

    def __str__(self):
        return f"{self.week}: {self.last}"
