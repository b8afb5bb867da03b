"""The billing ledger (BIL): patient charges, their history, invoices and the nightly runs.

billing sits at the bottom of the import order (BIL-D1): it imports only `sesam`. A charge
keeps the ids of what it comes from (recipient, order line, individual) as plain integers and
snapshots everything an invoice needs (debtor code and name, article, individual number,
order number, amount), so that an invoice never changes when the order or the recipient does.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from sesam.lib.events import StatusEvent


class PatientCharge(models.Model):
    class Kind(models.TextChoices):
        FEE = "fee", _("Patientavgift")
        CHARGER = "charger", _("Laddare")
        CHARGER_KIT = "charger_kit", _("Laddkit")
        HOME_REGION = "home_region", _("Hemregion")
        MISSING_INDIVIDUAL = "missing_individual", _("Saknad individ vid inventering")

    # Kinds that come from an order line: one charge per line and kind.
    LINE_KINDS = (Kind.FEE, Kind.CHARGER, Kind.CHARGER_KIT, Kind.HOME_REGION)

    class DebtorKind(models.TextChoices):
        RECIPIENT = "recipient", _("Mottagare")
        REGION = "region", _("Hemregion")
        CLINIC = "clinic", _("Mottagning")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        PAUSED = "paused", _("Pausad")
        INVOICED = "invoiced", _("Fakturerad")
        CANCELLED = "cancelled", _("Makulerad")

    TRANSITIONS = {
        Status.PLANNED: {Status.PAUSED, Status.INVOICED, Status.CANCELLED},
        Status.PAUSED: {Status.PLANNED, Status.PAUSED, Status.INVOICED, Status.CANCELLED},
        Status.INVOICED: set(),
        Status.CANCELLED: set(),
    }
    # Statuses the nightly run bills once due (a pause moves the due date, BIL-4).
    OPEN = (Status.PLANNED, Status.PAUSED)

    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    debtor_kind = models.CharField(_("betalare"), max_length=20, choices=DebtorKind.choices)
    debtor_code = models.CharField(
        _("kund"), max_length=60, help_text=_("Personnummer, hemregion eller mottagningens kod.")
    )
    debtor_name = models.CharField(_("namn"), max_length=160)
    amount = models.DecimalField(_("belopp"), max_digits=10, decimal_places=2)
    due_date = models.DateField(_("faktureras"))
    original_due_date = models.DateField(_("ursprungligt faktureringsdatum"))
    recipient_id = models.BigIntegerField(_("mottagare"), null=True, blank=True, db_index=True)
    order_line_id = models.BigIntegerField(_("orderrad"), null=True, blank=True)
    individual_id = models.BigIntegerField(_("individ"), null=True, blank=True)
    service_location_id = models.BigIntegerField(_("tjänsteställe"), null=True, blank=True)
    order_number = models.CharField(_("beställningsnummer"), max_length=8, blank=True)
    article_number = models.CharField(_("artikelnummer"), max_length=20, blank=True)
    article_name = models.CharField(_("benämning"), max_length=200, blank=True)
    individual_number = models.CharField(_("individnummer"), max_length=200, blank=True)
    occurred_on = models.DateField(_("leveransdatum"))
    paused_until = models.DateField(_("pausad till"), null=True, blank=True)
    pause_reason = models.CharField(_("orsak till paus"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("patientavgift")
        verbose_name_plural = _("patientavgifter")
        constraints = [
            # A replayed receipt or delivery cannot create a second charge (issue 10).
            models.UniqueConstraint(
                fields=["order_line_id", "kind"],
                condition=Q(order_line_id__isnull=False),
                name="billing_patientcharge_one_per_line_kind",
            ),
            # A stocktake that reports the same missing individual twice bills it once.
            models.UniqueConstraint(
                fields=["individual_id"],
                condition=Q(kind="missing_individual") & ~Q(status="cancelled"),
                name="billing_patientcharge_one_per_missing_individual",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="billing_patientcharge_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["fee", "charger", "charger_kit", "home_region"])
                | Q(order_line_id__isnull=False),
                name="billing_patientcharge_line_kind_has_line",
            ),
            models.CheckConstraint(
                condition=~Q(status="paused") | Q(paused_until__isnull=False),
                name="billing_patientcharge_paused_has_date",
            ),
        ]
        indexes = [
            # BIL-6: the nightly run's keyset walk over the open charges due on or before a day.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(status__in=["planned", "paused"]),
                name="billing_charge_open_due",
            ),
            # BIL-6: the nightly run claims the open charges debtor by debtor (keyset on
            # kind, code, id), so a debtor's charges make one invoice in one batch (QUA-D16).
            # Collation "C" (code point order), so that Python's order of the claimed batch
            # is the database's whatever the server's locale.
            models.Index(
                Collate("debtor_kind", "C"),
                Collate("debtor_code", "C"),
                "id",
                condition=Q(status__in=["planned", "paused"]),
                name="billing_charge_open_debtor",
            ),
            # BEY-10: Avgifter att fakturera and its start-page tile, the open charges of one
            # service location due in a month (BIL-D600).
            models.Index(
                fields=["service_location_id", "due_date", "id"],
                condition=Q(status__in=["planned", "paused"]),
                name="billing_charge_open_location",
            ),
            # The recipient page and cancelling find a line's charges through the unique
            # index billing_patientcharge_one_per_line_kind (order_line_id first).
            # BIL-4: pausing by the charger's individual number (a regex over the open
            # chargers: the index holds only chargers, so the search reads those and the
            # million fees of the nightly run carry no entry in it, QUA-D16).
            models.Index(
                fields=["individual_number"],
                condition=Q(kind="charger"),
                name="billing_charge_charger_number",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.article_number} {self.debtor_code}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def invoice_date(self):
        """The planned invoice date while open; the invoice's date once billed (the caller
        selects `invoice_line__invoice`)."""
        if self.status == self.Status.INVOICED:
            return self.invoice_line.invoice.invoice_date
        return self.due_date if self.is_open else None


class ChargeEvent(StatusEvent):
    """Every state change of a charge: who (None for the nightly run), when, from, to."""

    charge = models.ForeignKey(
        PatientCharge, on_delete=models.CASCADE, related_name="events", verbose_name=_("avgift")
    )

    statuses = (PatientCharge.Status,)

    def __str__(self):
        return f"{self.charge_id} {self.from_label or '–'} → {self.to_label}"


class BillingRun(models.Model):
    """One nightly run (BIL-6): as of which day, when, what it made."""

    run_date = models.DateField(_("körningsdatum"))
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    finished_at = models.DateTimeField(
        _("klar"), null=True, blank=True, help_text=_("Tom för en körning som avbröts.")
    )
    invoices_created = models.PositiveIntegerField(_("fakturor"), default=0)
    charges_billed = models.PositiveIntegerField(_("avgifter"), default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("faktureringskörning")
        verbose_name_plural = _("faktureringskörningar")

    def __str__(self):
        return f"{self.run_date} ({self.invoices_created})"


class InvoiceNumberSeries(models.Model):
    """QUA-D15: the running numbers of a year's invoices (YY + 540000…999999; allocated by
    `billing.services.invoice_numbers`). Their third and fourth digits are 54–99, never an ISO
    week, so an invoice number is never one of the shared YYWWNNNN series (orders, purchase
    orders, documents): an 8-digit number still names one thing, and a Region's invoices no
    longer compete with its orders for a week's 9 999 numbers."""

    year = models.CharField(max_length=2, primary_key=True)
    last = models.PositiveIntegerField()

    FIRST, CAPACITY = 540_000, 460_000

    class Meta:
        verbose_name = _("fakturanummerserie")
        verbose_name_plural = _("fakturanummerserier")
        constraints = [
            models.CheckConstraint(
                condition=Q(last__gte=1, last__lte=460_000),
                name="billing_invoicenumberseries_capacity",
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.last}"


class Invoice(models.Model):
    """One per debtor and run: its own 8-digit number, date, due date."""

    number = models.CharField(_("fakturanummer"), max_length=8, unique=True)
    run = models.ForeignKey(
        BillingRun,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("faktureringskörning"),
    )
    debtor_kind = models.CharField(
        _("betalare"), max_length=20, choices=PatientCharge.DebtorKind.choices
    )
    debtor_code = models.CharField(_("kund"), max_length=60)
    debtor_name = models.CharField(_("namn"), max_length=160)
    invoice_date = models.DateField(_("fakturadatum"))
    due_date = models.DateField(_("förfallodatum"))
    total = models.DecimalField(_("belopp"), max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["-invoice_date", "number"]
        verbose_name = _("faktura")
        verbose_name_plural = _("fakturor")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "debtor_kind", "debtor_code"],
                name="billing_invoice_one_per_debtor_and_run",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0), name="billing_invoice_total_not_negative"
            ),
        ]
        indexes = [
            # export_invoices: a day's invoices.
            models.Index(fields=["invoice_date", "number"], name="billing_invoice_date"),
        ]

    def __str__(self):
        return self.number


class InvoiceLine(models.Model):
    """A charge on an invoice. The one-to-one is the last word: a charge is billed once."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("faktura")
    )
    charge = models.OneToOneField(
        PatientCharge,
        on_delete=models.PROTECT,
        related_name="invoice_line",
        verbose_name=_("avgift"),
    )
    amount = models.DecimalField(_("belopp"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["invoice", "pk"]
        verbose_name = _("fakturarad")
        verbose_name_plural = _("fakturarader")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="billing_invoiceline_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.invoice} {self.charge_id}"
