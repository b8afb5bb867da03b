"""Orders (prescriptions, own-store withdrawals, individuals, refills), their lines, purchase
orders and receipts (ORD, SRC, RCV)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, Individual, Supplier, Warehouse
from recipients.models import Recipient
from sesam.lib.events import StatusEvent
from sesam.models import ServiceLocation, User


class Order(models.Model):
    class Kind(models.TextChoices):
        PRESCRIPTION = "prescription", _("Förskrivning")
        OWN_STORE = "own_store", _("Förskrivning från eget förråd")
        INDIVIDUAL = "individual", _("Förskrivning av individ")
        REFILL = "refill", _("Lagerpåfyllnad till eget förråd")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Pågående")
        REGISTERED = "registered", _("Registrerad")
        PICKING = "picking", _("Plockas")
        PARTLY_DELIVERED = "partly_delivered", _("Dellevererad")
        DELIVERED = "delivered", _("Levererad")
        CANCELLED = "cancelled", _("Makulerad")

    TRANSITIONS = {
        Status.DRAFT: {Status.REGISTERED, Status.DELIVERED},
        Status.REGISTERED: {
            Status.PICKING,
            Status.PARTLY_DELIVERED,
            Status.DELIVERED,
            Status.CANCELLED,
        },
        Status.PICKING: {Status.PARTLY_DELIVERED, Status.DELIVERED},
        Status.PARTLY_DELIVERED: {Status.PICKING, Status.DELIVERED},
        Status.DELIVERED: set(),
        Status.CANCELLED: set(),
    }

    class DeliveryMethod(models.TextChoices):
        TO_UNIT = "to_unit", _("Leverans till mottagning/enhet")
        TO_PATIENT = "to_patient", _("Leverans till patient")

    number = models.CharField(
        _("beställningsnummer"), max_length=8, unique=True, null=True, blank=True
    )
    kind = models.CharField(_("ordertyp"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("mottagare"),
    )
    prescriber = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prescribed_orders",
        verbose_name=_("förskrivare"),
    )
    orderer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="orders", verbose_name=_("beställare")
    )
    service_location = models.ForeignKey(
        ServiceLocation,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("tjänsteställe"),
    )
    delivery_method = models.CharField(
        _("leveranssätt"),
        max_length=20,
        choices=DeliveryMethod.choices,
        default=DeliveryMethod.TO_UNIT,
    )
    delivery_address = models.TextField(_("adress"), blank=True)
    delivery_contact = models.TextField(_("kontaktuppgifter"), blank=True)
    consolidated = models.BooleanField(_("samleverans"), default=False)
    trial_until = models.DateField(
        _("på prov till"),
        null=True,
        blank=True,
        help_text=_(
            "Leverans på prov (BEY-2): avgifter tas ut först när provet blir förskrivning."
        ),
    )
    payment_commitment = models.CharField(_("betalningsförbindelse"), max_length=60, blank=True)
    idempotency_key = models.UUIDField(
        _("idempotensnyckel"), default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("registrerad"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("beställning")
        verbose_name_plural = _("beställningar")
        constraints = [
            # ORD-1: one draft (cart) per user at a time.
            models.UniqueConstraint(
                fields=["orderer"],
                condition=Q(status="draft"),
                name="orders_order_one_draft_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(sent_at__isnull=False)),
                name="orders_order_sent_has_number",
            ),
            models.CheckConstraint(
                condition=Q(kind="refill", recipient__isnull=True)
                | (~Q(kind="refill") & Q(recipient__isnull=False) & Q(prescriber__isnull=False)),
                name="orders_order_recipient_by_kind",
            ),
            # ORD-6: samleverans is not allowed with direct supplier lines (checked at sending);
            # no consolidated delivery for own store.
            models.CheckConstraint(
                condition=~Q(consolidated=True, kind__in=["own_store", "individual"]),
                name="orders_order_consolidated_only_delivered",
            ),
        ]
        indexes = [
            # SRC-2: a location's orders in a period, newest first; with the status, the
            # search's COUNT (status <> draft) is an index-only scan (QUA-D141).
            models.Index(
                fields=["service_location", "-sent_at"],
                name="orders_order_location_sent",
                include=["status"],
            ),
            # HOME-4: Mina beställningar (orderer or prescriber).
            models.Index(fields=["orderer", "-sent_at"], name="orders_order_orderer_sent"),
            models.Index(fields=["prescriber", "-sent_at"], name="orders_order_prescriber_sent"),
        ]

    def __str__(self):
        return self.number or f"utkast {self.pk}"

    # The two questions the order page, the confirmation and the search ask of an order. They
    # read `self.lines.all()`, so callers prefetch the lines with their warehouse.

    def open_direct_lines(self) -> list["OrderLine"]:
        """RCV-2: lines from a supplier (warehouse 750) not yet received or cancelled."""
        return [line for line in self.lines.all() if line.is_open_direct]

    @property
    def awaits_purchase_order(self) -> bool:
        """ORD-8: Skapa inköpsorder is offered while an open 750 line has no purchase order."""
        return any(line.purchase_order_id is None for line in self.open_direct_lines())

    @property
    def awaits_receipt(self) -> bool:
        """RCV-1: Kvittera direktleverans is offered while a 750 line is open."""
        return bool(self.open_direct_lines())


class PurchaseOrder(models.Model):
    """ORD-8: one per supplier of a sent order's lines on 750; its own 8-digit number."""

    number = models.CharField(_("inköpsnummer"), max_length=8, unique=True)
    order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        verbose_name=_("beställning"),
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
        verbose_name=_("leverantör"),
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("skapad av")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Sending(models.TextChoices):
        """BEY-7: the e-mail to the supplier. Moves: unsent/failed → queued (Skicka till
        leverantör, compare-and-set) → sent or failed (the task)."""

        UNSENT = "unsent", _("Inte skickad")
        QUEUED = "queued", _("Skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Kunde inte skickas")

    SENDING_MOVES = {
        Sending.UNSENT: {Sending.QUEUED},
        Sending.FAILED: {Sending.QUEUED},
        Sending.QUEUED: {Sending.SENT, Sending.FAILED},
        Sending.SENT: set(),
    }

    sending = models.CharField(
        _("e-post till leverantör"), max_length=10, choices=Sending.choices, default="unsent"
    )
    send_to = models.EmailField(_("skickad till"), blank=True)
    send_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skickad av"),
    )
    send_requested_at = models.DateTimeField(_("skicka begärt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    send_attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    send_error = models.CharField(_("fel vid sändning"), max_length=300, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("inköpsorder")
        verbose_name_plural = _("inköpsordrar")
        constraints = [
            # Creating purchase orders twice creates them once.
            models.UniqueConstraint(
                fields=["order", "supplier"], name="orders_purchaseorder_one_per_supplier"
            ),
            models.CheckConstraint(
                condition=~models.Q(sending="sent") | models.Q(sent_at__isnull=False),
                name="orders_purchaseorder_sent_has_time",
            ),
        ]

    def __str__(self):
        return self.number


# BEY-3: the line statuses in which a reused individual stays reserved for its line.
RESERVING_STATUSES = ["draft", "registered", "waiting", "picking"]


class OrderLine(models.Model):
    """A line; at sending it snapshots the article's number, name, price and fee."""

    class Source(models.TextChoices):
        CENTRAL = "central", _("Hjälpmedelsverksamhet")
        OWN_STORE = "own_store", _("Eget förråd")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Pågående")
        REGISTERED = "registered", _("Registrerad")
        WAITING = "waiting", _("Restnoterad")
        PICKING = "picking", _("Plockas")
        DELIVERED = "delivered", _("Levererad")
        CANCELLED = "cancelled", _("Makulerad")

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("beställning")
    )
    position = models.PositiveSmallIntegerField(_("rad"))
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("artikel")
    )
    article_number = models.CharField(_("artikelnummer"), max_length=20, blank=True)
    article_name = models.CharField(_("benämning"), max_length=200, blank=True)
    unit_price = models.DecimalField(
        _("á-pris"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_amount = models.DecimalField(_("patientavgift"), max_digits=10, decimal_places=2, default=0)
    patient_fee = models.BooleanField(_("patientavgift"), default=False)
    quantity = models.PositiveIntegerField(_("antal"))
    source = models.CharField(_("leverans från"), max_length=20, choices=Source.choices)
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("lager")
    )
    individual = models.ForeignKey(
        Individual,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
        verbose_name=_("individ"),
    )
    comment = models.TextField(_("kommentar"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    allocated = models.PositiveIntegerField(_("reserverat på 70"), default=0)
    planned_delivery_date = models.DateField(_("planerat leveransdatum"), null=True, blank=True)
    purchase_order = models.ForeignKey(
        PurchaseOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("inköpsorder"),
    )
    delivered_at = models.DateTimeField(_("levererad"), null=True, blank=True)
    # BEY-3: the line takes a refurbished individual from 70 (Återanvänd individ), reserved
    # for it from the moment it is put in the cart until the line is removed, cancelled or
    # delivered; or the prescriber declined the offer of one, and said why.
    reused = models.BooleanField(_("återanvänd individ"), default=False)
    reuse_declined = models.CharField(_("skäl att inte återanvända"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "position"]
        verbose_name = _("orderrad")
        verbose_name_plural = _("orderrader")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "position"], name="orders_orderline_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="orders_orderline_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(individual__isnull=True) | Q(quantity=1),
                name="orders_orderline_individual_one",
            ),
            models.CheckConstraint(
                condition=Q(allocated__lte=models.F("quantity")),
                name="orders_orderline_allocation_covered",
            ),
            # BEY-3: a reused line carries its individual, from 70, and was not declined.
            models.CheckConstraint(
                condition=Q(reused=False)
                | Q(individual__isnull=False, source="central", reuse_declined=""),
                name="orders_orderline_reused_has_individual",
            ),
            # BEY-3: a refurbished individual is reserved for one open line at a time.
            models.UniqueConstraint(
                fields=["individual"],
                condition=Q(reused=True, status__in=RESERVING_STATUSES),
                name="orders_orderline_reuse_reserved_once",
                violation_error_message=_("Individen är redan vald i en annan beställning."),
            ),
        ]
        indexes = [
            # RCV: the open lines of a purchase order.
            models.Index(fields=["purchase_order", "status"], name="orders_line_po_status"),
            # RCV-1, SRC-2, HOME-4: "okvitterade direktleveranser" — the few open lines on
            # 750 of many orders (orders.selectors.unreceived_orders, the Att göra count).
            models.Index(
                fields=["warehouse", "order"],
                condition=Q(status__in=["registered", "waiting"]),
                name="orders_line_open_by_warehouse",
            ),
        ]

    def __str__(self):
        return f"{self.order} rad {self.position}"

    OPEN_STATUSES = (Status.REGISTERED, Status.WAITING)

    @property
    def is_open_direct(self) -> bool:
        """A line bought from a supplier (750) that still waits for its receipt (RCV)."""
        return (
            self.warehouse.kind == Warehouse.Kind.PURCHASING and self.status in self.OPEN_STATUSES
        )


class Receipt(models.Model):
    """RCV-8: a line received (kvitterad): who, when, at what unit price. One per line (RCV-7)."""

    line = models.OneToOneField(
        OrderLine, on_delete=models.PROTECT, related_name="receipt", verbose_name=_("orderrad")
    )
    unit_price = models.DecimalField(_("á-pris"), max_digits=10, decimal_places=2)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("kvitterad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kvittens")
        verbose_name_plural = _("kvittenser")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_price__gt=0), name="orders_receipt_price_positive"
            ),
        ]

    def __str__(self):
        return f"{self.line} kvitterad"


class OrderEvent(StatusEvent):
    """Every state change of an order or a line: who, when, from what to what."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="events", verbose_name=_("beställning")
    )
    line = models.ForeignKey(
        OrderLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("orderrad"),
    )

    statuses = (Order.Status, OrderLine.Status, PurchaseOrder.Sending)

    def __str__(self):
        return f"{self.order} {self.from_label or '–'} → {self.to_label}"
