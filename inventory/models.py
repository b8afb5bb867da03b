"""Articles, suppliers, the ISO catalogue, warehouses, stock and individuals."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Collate, Concat, Upper
from django.utils.translation import gettext_lazy as _

from inventory.warranty import Warranty, warranty_of
from sesam.lib.device_numbers import validate_individual_number, validate_serial_number
from sesam.lib.scanning import validate_gtin
from sesam.models import ProductArea, Profession, ServiceLocation, User


class Warehouse(models.Model):
    """A stock location (lager/förråd). Its kind names it (glossary): CENTRAL is 70, PURCHASING
    the purchasing pseudo-warehouse 750, one of each (INV-D1); LOCAL an own store."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Centrallager")
        PURCHASING = "purchasing", _("Inköpslager")
        LOCAL = "local", _("Eget förråd")
        INVESTIGATION = "investigation", _("Utredningslager")

    number = models.CharField(_("nummer"), max_length=10, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    service_location = models.OneToOneField(
        ServiceLocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warehouse",
        verbose_name=_("tjänsteställe"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("lager")
        verbose_name_plural = _("lager")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="local", service_location__isnull=False)
                | (~Q(kind="local") & Q(service_location__isnull=True)),
                name="inventory_warehouse_local_has_location",
            ),
            # INV-D1: `kind` names 70 and 750, so there is one of each.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=["central", "purchasing"]),
                name="inventory_warehouse_one_central_one_purchasing",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    @property
    def shows_balance(self) -> bool:
        """ART-4: the purchasing warehouse 750 never shows a balance; the others do."""
        return self.kind != self.Kind.PURCHASING


class Supplier(models.Model):
    name = models.CharField(_("namn"), max_length=120, unique=True)
    street = models.CharField(_("gatuadress"), max_length=120)
    postal_code = models.CharField(_("postnummer"), max_length=10)
    city = models.CharField(_("ort"), max_length=60)
    email = models.EmailField(_("e-post"), blank=True)
    order_email = models.EmailField(
        _("e-post för inköpsordrar"),
        blank=True,
        help_text=_("Dit Skicka till leverantör e-postar inköpsordern som pdf (BEY-7)."),
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_person = models.CharField(_("kontaktperson"), max_length=120, blank=True)
    website = models.URLField(_("webbplats"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("leverantör")
        verbose_name_plural = _("leverantörer")
        indexes = [
            # ART-1: a search term may match the supplier's name.
            GinIndex(
                OpClass(Upper("name"), name="gin_trgm_ops"), name="inventory_supplier_name_trgm"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [self.name, self.street, f"{self.postal_code} {self.city}"]


class IsoCode(models.Model):
    """An ISO 9999 class: 2 digits (class), 4 (subclass) or 6 (division) (ART-8)."""

    code = models.CharField(_("ISO-kod"), max_length=6, unique=True)
    name = models.CharField(_("benämning"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad kod"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISO-kod")
        verbose_name_plural = _("ISO-koder")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2}([0-9]{2}){0,2}$"),
                name="inventory_isocode_format",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{2}$", parent__isnull=True)
                | Q(code__regex=r"^[0-9]{4,6}$", parent__isnull=False),
                name="inventory_isocode_parent_by_level",
            ),
        ]

    def __str__(self):
        return f"{self.display_code} {self.name}"

    @property
    def level(self) -> int:
        return len(self.code)

    @property
    def display_code(self) -> str:
        return " ".join(self.code[i : i + 2] for i in range(0, len(self.code), 2))


class Article(models.Model):
    class Type(models.TextChoices):
        MAIN = "main", _("Huvudhjälpmedel")
        ACCESSORY = "accessory", _("Tillbehör")
        SPARE_PART = "spare_part", _("Reservdel")
        SERVICE = "service", _("Tjänst")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        PHASING_OUT = "phasing_out", _("Utgående")
        DISCONTINUED = "discontinued", _("Utgått")

    class FeeKind(models.TextChoices):
        NONE = "none", _("Ingen avgift")
        STANDARD = "standard", _("Patientavgift")
        CHARGER = "charger", _("Laddare")
        CHARGER_KIT = "charger_kit", _("Laddkit")

    number = models.CharField(_("artikelnummer"), max_length=20, unique=True)
    name = models.CharField(_("benämning"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="articles", verbose_name=_("leverantör")
    )
    supplier_number = models.CharField(_("lev. artikelnr"), max_length=40, blank=True)
    # BEY-6: the GS1 GTIN a scanner reads (AI 01), kept as 14 digits.
    gtin = models.CharField(
        _("GTIN"), max_length=14, blank=True, validators=[validate_gtin], db_index=True
    )
    unit = models.CharField(_("enhet"), max_length=10, default="st")
    pack_size = models.PositiveIntegerField(_("antal per förpackning"), default=1)
    type = models.CharField(_("artikeltyp"), max_length=20, choices=Type.choices)
    in_assortment = models.BooleanField(_("sortimentsartikel"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    iso_code = models.ForeignKey(
        IsoCode, on_delete=models.PROTECT, related_name="articles", verbose_name=_("ISO-kod")
    )
    product = models.CharField(_("produkt"), max_length=120, blank=True)
    delivery_days = models.PositiveSmallIntegerField(_("leveranstid kundavtal (dagar)"), default=5)
    price = models.DecimalField(_("pris"), max_digits=10, decimal_places=2, default=0)
    fee_kind = models.CharField(
        _("avgiftstyp"), max_length=20, choices=FeeKind.choices, default=FeeKind.NONE
    )
    fee_amount = models.DecimalField(_("patientavgift"), max_digits=10, decimal_places=2, default=0)
    is_individual = models.BooleanField(_("individmärkt"), default=False)
    central_only = models.BooleanField(
        _("endast från Hjälpmedelsverksamhet"),
        default=False,
        help_text=_("Får inte tas ur eget förråd (ART-9)."),
    )
    warranty_months = models.PositiveSmallIntegerField(_("garanti (månader)"), default=0)
    replacement_group = models.CharField(_("ersättningsgrupp"), max_length=40, blank=True)
    product_area = models.ForeignKey(
        ProductArea,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("produktområde"),
    )
    image = models.FileField(_("bild"), upload_to="articles/", blank=True)
    search_text = models.GeneratedField(
        expression=Upper(
            Concat(
                "number",
                Value(" "),
                "name",
                Value(" "),
                "supplier_number",
                output_field=models.TextField(),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artiklar")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0), name="inventory_article_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(fee_kind="none", fee_amount=0)
                | (~Q(fee_kind="none") & Q(fee_amount__gte=0)),
                name="inventory_article_fee_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(pack_size__gte=1), name="inventory_article_pack_size_positive"
            ),
            # A supplier's article number names one article of that supplier (ART-D8).
            models.UniqueConstraint(
                fields=["supplier", "supplier_number"],
                condition=~Q(supplier_number=""),
                name="inventory_article_supplier_number_unique",
                violation_error_message=_(
                    "Leverantören har redan en artikel med detta leverantörens artikelnummer."
                ),
            ),
        ]
        indexes = [
            # BEY-12 (orders.suggestions) and Likvärdiga artiklar: a replacement group's articles.
            models.Index(
                fields=["replacement_group"],
                condition=~Q(replacement_group=""),
                name="inventory_article_repl_group",
            ),
            # ART-1: every search term is matched with ILIKE against number, name and the
            # supplier's number at once (trigram index, no sequential scan).
            GinIndex(
                OpClass("search_text", name="gin_trgm_ops"), name="inventory_article_search_trgm"
            ),
            # ART-8: the catalogue lists a division's articles.
            models.Index(fields=["iso_code", "in_assortment"], name="inventory_article_iso"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    @property
    def can_be_purchased(self) -> bool:
        """ART-7: only Aktiv articles may be purchased (no line on 750, no refill)."""
        return self.status == self.Status.ACTIVE

    @property
    def has_fee(self) -> bool:
        return self.fee_kind != self.FeeKind.NONE and self.fee_amount > 0


class PrescribingRight(models.Model):
    """BEY-1: what a profession may prescribe within a product area, as ISO 9999 codes at
    2, 4 or 6 digits that cover every code below them; `allowed=False` carves an exception out
    (Hörsel: 22 yes, 22 06 21 no). A row with `user` instead of `profession` is an exception for
    one prescriber. A product area without a profession row is unrestricted (inventory.rights)."""

    product_area = models.ForeignKey(
        ProductArea,
        on_delete=models.CASCADE,
        related_name="prescribing_rights",
        verbose_name=_("produktområde"),
    )
    iso_code = models.ForeignKey(
        IsoCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("ISO-kod")
    )
    profession = models.ForeignKey(
        Profession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prescribing_rights",
        verbose_name=_("yrkesroll"),
    )
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prescribing_exceptions",
        verbose_name=_("undantag för användare"),
    )
    allowed = models.BooleanField(
        _("får förskriva"),
        default=True,
        help_text=_("Ej ikryssad: koden (och allt under den) undantas från rätten."),
    )

    class Meta:
        ordering = ["product_area", "profession", "user", "iso_code"]
        verbose_name = _("förskrivningsrätt")
        verbose_name_plural = _("förskrivningsrätter")
        constraints = [
            models.CheckConstraint(
                condition=Q(profession__isnull=True) ^ Q(user__isnull=True),
                name="inventory_prescribingright_profession_or_user",
            ),
            models.UniqueConstraint(
                fields=["product_area", "profession", "iso_code"],
                condition=Q(profession__isnull=False),
                name="inventory_prescribingright_one_per_profession_code",
            ),
            models.UniqueConstraint(
                fields=["product_area", "user", "iso_code"],
                condition=Q(user__isnull=False),
                name="inventory_prescribingright_one_per_user_code",
            ),
        ]

    def __str__(self):
        who = self.profession or self.user
        verb = _("får") if self.allowed else _("får inte")
        return f"{who} {verb} {self.iso_code.display_code} ({self.product_area})"


class ArticleDocument(models.Model):
    """Supplier documents of an article, e.g. instructions for use (ART-6, Dokument)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="documents", verbose_name=_("artikel")
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="article-documents/", blank=True)
    url = models.URLField(_("länk"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")

    def __str__(self):
        return self.title


class ArticleColumnChoice(models.Model):
    """ART-5: the result columns a user chose in Sök artikel, kept until changed."""

    # Key → column heading, in display order (the manual's list, ART-5).
    COLUMNS = {
        "number": _("Artikel"),
        "image": _("Bild"),
        "name": _("Benämning"),
        "supplier": _("Leverantör"),
        "unit": _("Enhet"),
        "supplier_number": _("Lev. artikelnr"),
        "delivery_days": _("Leveranstid kundavtal"),
        "pack_size": _("Antal per förpackning"),
        "type": _("Artikeltyp"),
        "in_assortment": _("Sortimentsartikel"),
        "product": _("Produkt"),
        "iso_code": _("ISO-kod"),
    }
    DEFAULT = ["number", "name", "supplier", "supplier_number", "type", "in_assortment"]

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="article_columns")
    columns = models.JSONField(default=list)

    class Meta:
        verbose_name = _("kolumnval")
        verbose_name_plural = _("kolumnval")

    def __str__(self):
        return f"{self.user}: {', '.join(self.columns)}"


class StockBalance(models.Model):
    """A warehouse's balance of an article. `quantity` is what is on the shelf (always the sum
    of the stock movements, STK-4); `allocated` is promised to sent central orders (ORD-2).
    Available = quantity − allocated. Changed only through inventory.services."""

    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="balances", verbose_name=_("lager")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="balances", verbose_name=_("artikel")
    )
    quantity = models.IntegerField(_("saldo"), default=0)
    allocated = models.IntegerField(_("reserverat"), default=0)

    class Meta:
        verbose_name = _("lagersaldo")
        verbose_name_plural = _("lagersaldon")
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "article"], name="inventory_stockbalance_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="inventory_stockbalance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(allocated__gte=0) & Q(allocated__lte=F("quantity")),
                name="inventory_stockbalance_allocation_covered",
            ),
        ]
        indexes = [
            # Article page (ART-6): the article's balances over warehouses.
            models.Index(fields=["article", "warehouse"], name="inventory_balance_article"),
        ]

    def __str__(self):
        return f"{self.warehouse.number} {self.article.number}: {self.quantity}"

    @property
    def available(self) -> int:
        return self.quantity - self.allocated


class StockMovement(models.Model):
    """One change of a balance (STK-4): what, where, how many, why, which reference, who, when."""

    class Reason(models.TextChoices):
        RECEIPT = "receipt", _("Inleverans")
        WITHDRAWAL = "withdrawal", _("Uttag")
        DELIVERY = "delivery", _("Utleverans")
        MOVE = "move", _("Flytt")
        ADJUSTMENT = "adjustment", _("Justering")
        RETURN = "return", _("Retur")
        STOCKTAKE = "stocktake", _("Inventering")
        SUPPLIER_RETURN = "supplier_return", _("Retur till leverantör")

    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="movements", verbose_name=_("lager")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="movements", verbose_name=_("artikel")
    )
    quantity = models.IntegerField(_("antal"))
    reason = models.CharField(_("orsak"), max_length=20, choices=Reason.choices)
    reference = models.CharField(_("referens"), max_length=60, blank=True)
    note = models.CharField(_("anteckning"), max_length=200, blank=True)
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("av")
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("lagerrörelse")
        verbose_name_plural = _("lagerrörelser")
        constraints = [
            models.CheckConstraint(
                condition=~Q(quantity=0), name="inventory_stockmovement_not_zero"
            ),
        ]
        indexes = [
            # STK-4: the balance of (warehouse, article) is the sum of its movements.
            models.Index(fields=["warehouse", "article"], name="inventory_movement_balance"),
        ]

    def __str__(self):
        return f"{self.warehouse.number} {self.article.number} {self.quantity:+d} {self.reason}"


class ReorderLevel(models.Model):
    """BEY-8: an own store's minimum for an article and the level a refill fills it up to.
    Lager marks an article below its minimum; Lagerpåfyllnad suggests the difference."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    minimum = models.PositiveIntegerField(_("minsta saldo"))
    refill_to = models.PositiveIntegerField(_("fyll på till"))
    updated_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ändrad av")
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("beställningspunkt")
        verbose_name_plural = _("beställningspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "article"], name="inventory_reorderlevel_one_per_article"
            ),
            models.CheckConstraint(
                condition=Q(refill_to__gte=F("minimum")) & Q(refill_to__gt=0),
                name="inventory_reorderlevel_refill_to_at_least_minimum",
            ),
        ]

    def __str__(self):
        return f"{self.warehouse_id}/{self.article_id}: {self.minimum}–{self.refill_to}"


class Individual(models.Model):
    """A serial-tracked unit (IND). It lies in a warehouse, or is delivered to a recipient
    (`recipients.Device.individual`), or has left (returned to supplier, scrapped)."""

    class Status(models.TextChoices):
        IN_STOCK = "in_stock", _("På lager")
        DELIVERED = "delivered", _("Levererad")
        AT_SUPPLIER = "at_supplier", _("Hos leverantör")
        RETURNED_TO_SUPPLIER = "returned_to_supplier", _("Returnerad till leverantör")
        SCRAPPED = "scrapped", _("Skrotad")

    number = models.CharField(
        _("individnummer"), max_length=40, unique=True, validators=[validate_individual_number]
    )
    serial_number = models.CharField(
        _("serienummer"), max_length=60, blank=True, validators=[validate_serial_number]
    )
    sip_number = models.CharField(_("SIP-nummer"), max_length=60, blank=True)
    # BEY-6: kept from a scanned GS1 code (AI 10 lot, AI 17 expiry).
    lot = models.CharField(_("batch/lot"), max_length=20, blank=True)
    expiry_date = models.DateField(_("utgångsdatum"), null=True, blank=True)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="individuals", verbose_name=_("artikel")
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    warehouse = models.ForeignKey(
        Warehouse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="individuals",
        verbose_name=_("lager"),
    )
    purchase_date = models.DateField(_("inköpsdatum"), null=True, blank=True)
    purchase_price = models.DecimalField(
        _("inköpspris"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    last_maintenance = models.DateField(_("senaste FU"), null=True, blank=True)
    text_info = models.TextField(_("textinformation"), blank=True)
    # BEY-5: the recall (its number) that blocks this individual from delivery until released;
    # written only by `inventory.services.block_individuals` / `release_individuals`.
    blocked_by = models.CharField(_("spärrad av återkallelse"), max_length=20, blank=True)
    # BEY-3: Hjälpmedel marked it "Klar för återanvändning" (refurbished) while it lay in 70;
    # written only by `inventory.services.mark_refurbished` / `unmark_refurbished`, cleared
    # when it leaves the warehouse.
    refurbished_at = models.DateTimeField(_("klar för återanvändning"), null=True, blank=True)
    refurbished_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("markerad för återanvändning av"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("skapad"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("individ")
        verbose_name_plural = _("individer")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="in_stock", warehouse__isnull=False)
                | (~Q(status="in_stock") & Q(warehouse__isnull=True)),
                name="inventory_individual_in_stock_has_warehouse",
            ),
            # IND-3: one individual per SIP number, whatever its case (IND-D6).
            models.UniqueConstraint(
                Upper("sip_number"),
                condition=~Q(sip_number=""),
                name="inventory_individual_sip_unique",
            ),
            # BEY-3: only an individual in stock is marked for reuse, with who marked it.
            models.CheckConstraint(
                condition=Q(refurbished_at__isnull=True, refurbished_by__isnull=True)
                | Q(refurbished_at__isnull=False, refurbished_by__isnull=False, status="in_stock"),
                name="inventory_individual_refurbished_in_stock",
            ),
        ]
        indexes = [
            # IND-1: search by a part of the individual number (worn labels) or of the SIP number.
            GinIndex(
                OpClass(Upper("number"), name="gin_trgm_ops"), name="inventory_indiv_number_trgm"
            ),
            GinIndex(
                OpClass(Upper("sip_number"), name="gin_trgm_ops"), name="inventory_indiv_sip_trgm"
            ),
            models.Index(fields=["warehouse", "article"], name="inventory_indiv_place"),
            # BEY-6: a scanned code finds its individual by serial number (AI 21).
            models.Index(Upper("serial_number"), name="inventory_indiv_serial_upper"),
            # BEY-5: a recall traces an article's serials by list (= ANY), range and prefix
            # (lot) on the upper-cased serial in code-point order (safety.selectors.trace).
            models.Index(
                F("article"),
                Collate(Upper("serial_number"), "C"),
                name="inventory_indiv_serial_key",
            ),
            # BEY-3: the line dialog's offer of refurbished individuals in 70.
            models.Index(
                fields=["article"],
                condition=Q(refurbished_at__isnull=False),
                name="inventory_indiv_refurbished",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def warranty(self) -> Warranty:
        """BEY-4: "Garanti till ÅÅÅÅ-MM-DD" or "Garantin har gått ut" (inventory.warranty)."""
        return warranty_of(self)


class IndividualEvent(models.Model):
    """What happened to an individual (number or SIP change, delivery, return…): who, when,
    from what to what."""

    class Kind(models.TextChoices):
        """The kinds written so far. `kind` is free text so that later apps can add their own
        (delivery, return …) without a migration; `kind_label` falls back to the raw value."""

        CREATED = "created", _("Registrerad i lager")
        NUMBER_CHANGED = "number_changed", _("Byte av individnummer")
        SIP_CHANGED = "sip_changed", _("SIP-nummer ändrat")
        SERIAL_CHANGED = "serial_changed", _("Serienummer ändrat")
        DELIVERED = "delivered", _("Levererad till mottagare")
        MOVED = "moved", _("Flyttad till annat lager")
        RETURNED = "returned", _("Återlämnad till lager")
        RETURNED_TO_SUPPLIER = "returned_to_supplier", _("Retur till leverantör")

        NOT_FOUND = "not_found", _("Ej hittad vid inventering")
        FOUND_AGAIN = "found_again", _("Återfunnen efter inventering")
        BLOCKED = "blocked", _("Spärrad (återkallelse)")
        RELEASED = "released", _("Spärr hävd (återkallelse)")
        REFURBISHED = "refurbished", _("Klar för återanvändning")
        NOT_REFURBISHED = "not_refurbished", _("Inte längre klar för återanvändning")

    individual = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="events", verbose_name=_("individ")
    )
    kind = models.CharField(_("händelse"), max_length=40)
    from_value = models.CharField(_("från"), max_length=200, blank=True)
    to_value = models.CharField(_("till"), max_length=200, blank=True)
    reference = models.CharField(_("referens"), max_length=60, blank=True)
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("av")
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("individhändelse")
        verbose_name_plural = _("individhändelser")

    def __str__(self):
        return f"{self.individual_id} {self.kind_label} {self.from_value} → {self.to_value}"

    @property
    def kind_label(self) -> str:
        try:
            return self.Kind(self.kind).label
        except ValueError:
            return self.kind


class SupplierReturn(models.Model):
    """Retur till leverantör (RET-6): an individual leaves an own store for its supplier, for
    credit (the reason is fixed to Kreditering); the return slip (retursedel) is packed with
    it. Made only by `inventory.services.return_to_supplier`."""

    class Reason(models.TextChoices):
        CREDIT = "credit", _("Kreditering")

    number = models.CharField(_("returnummer"), max_length=8, unique=True)
    # The form's idempotency key: a double submit returns the return the first one made.
    key = models.UUIDField(unique=True, editable=False)
    individual = models.ForeignKey(
        Individual,
        on_delete=models.PROTECT,
        related_name="supplier_returns",
        verbose_name=_("individ"),
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="+", verbose_name=_("leverantör")
    )
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="+", verbose_name=_("från lager")
    )
    reason = models.CharField(
        _("returorsak"), max_length=20, choices=Reason.choices, default=Reason.CREDIT
    )
    comment = models.TextField(_("kommentar"))
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("av"))
    at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("retur till leverantör")
        verbose_name_plural = _("returer till leverantör")
        constraints = [
            models.CheckConstraint(
                condition=~Q(comment=""), name="inventory_supplierreturn_comment_required"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.individual_id}"


class Stocktake(models.Model):
    """Inventering (STK-3) of a warehouse: Hjälpmedel starts it, the unit counts the sheet
    (its lines, made when it started) and finishes it once; the differences become stock
    movements (STK-4) and individuals not found move to 99 Utredningslager."""

    class Status(models.TextChoices):
        STARTED = "started", _("Startad")
        FINISHED = "finished", _("Slutförd")

    TRANSITIONS = {Status.STARTED: {Status.FINISHED}, Status.FINISHED: set()}

    number = models.CharField(_("inventeringsnummer"), max_length=8, unique=True)
    warehouse = models.ForeignKey(
        Warehouse, on_delete=models.PROTECT, related_name="stocktakes", verbose_name=_("lager")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.STARTED
    )
    started_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("startad av")
    )
    started_at = models.DateTimeField(_("startad"))
    finished_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("slutförd av"),
    )
    finished_at = models.DateTimeField(_("slutförd"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("inventering")
        verbose_name_plural = _("inventeringar")
        constraints = [
            # STK-3: one open stocktake per warehouse at a time.
            models.UniqueConstraint(
                fields=["warehouse"],
                condition=Q(status="started"),
                name="inventory_stocktake_one_open_per_warehouse",
            ),
            models.CheckConstraint(
                condition=Q(status="started", finished_at__isnull=True, finished_by__isnull=True)
                | Q(status="finished", finished_at__isnull=False, finished_by__isnull=False),
                name="inventory_stocktake_finished_has_who_and_when",
            ),
        ]
        indexes = [
            # Inventering tab: a warehouse's stocktakes, newest first; the count sheet's
            # "since the last finished stocktake".
            models.Index(fields=["warehouse", "-started_at"], name="inventory_stocktake_wh"),
        ]

    def __str__(self):
        return f"{self.number} {self.warehouse.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.STARTED


STOCKTAKE_MAX_COUNT = 99_999  # a typed count above this is a typing error (STK-3)


class StocktakeLine(models.Model):
    """One article of the count sheet: the balance when the sheet was made, what was counted
    (None until counted; for individual-marked articles the individuals found), the balance
    in the books when the count was saved (to reconcile movements since, STK-D5) and the
    difference booked at the finish."""

    stocktake = models.ForeignKey(
        Stocktake, on_delete=models.CASCADE, related_name="lines", verbose_name=_("inventering")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("artikel")
    )
    sheet_quantity = models.IntegerField(_("saldo på underlaget"))
    counted = models.IntegerField(_("räknat antal"), null=True, blank=True)
    book_at_count = models.IntegerField(_("saldo när antalet sparades"), null=True, blank=True)
    counted_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("räknat av"),
    )
    counted_at = models.DateTimeField(_("räknad"), null=True, blank=True)
    difference = models.IntegerField(_("differens"), null=True, blank=True)

    class Meta:
        ordering = ["article__number"]
        verbose_name = _("inventeringsrad")
        verbose_name_plural = _("inventeringsrader")
        constraints = [
            models.UniqueConstraint(
                fields=["stocktake", "article"], name="inventory_stocktakeline_unique"
            ),
            models.CheckConstraint(
                condition=Q(counted__isnull=True)
                | Q(counted__gte=0, counted__lte=STOCKTAKE_MAX_COUNT, book_at_count__isnull=False),
                name="inventory_stocktakeline_counted_range",
            ),
            models.CheckConstraint(
                condition=Q(sheet_quantity__gte=0),
                name="inventory_stocktakeline_sheet_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.stocktake.number} {self.article.number}"


class StocktakeIndividual(models.Model):
    """An individual lying in the warehouse when the sheet was made: ticked as found or not;
    `missing` records that the finish moved it to 99 Utredningslager."""

    line = models.ForeignKey(
        StocktakeLine,
        on_delete=models.CASCADE,
        related_name="individuals",
        verbose_name=_("inventeringsrad"),
    )
    individual = models.ForeignKey(
        Individual, on_delete=models.PROTECT, related_name="+", verbose_name=_("individ")
    )
    found = models.BooleanField(_("hittad"), default=False)
    missing = models.BooleanField(_("flyttad till utredningslager"), default=False)

    class Meta:
        ordering = ["individual__number"]
        verbose_name = _("inventerad individ")
        verbose_name_plural = _("inventerade individer")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "individual"], name="inventory_stocktakeindividual_unique"
            ),
            models.CheckConstraint(
                condition=~Q(found=True, missing=True),
                name="inventory_stocktakeindividual_found_not_missing",
            ),
        ]

    def __str__(self):
        return f"{self.line_id} {self.individual_id}"


class BelowMinimumReport(models.Model):
    """BEY-8: the nightly e-mail to a unit of its store's articles below minimum. One row per
    store and day, claimed by inserting it (the unique constraint is the compare-and-set), so
    however often the nightly job runs the unit gets one mail a day."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("dag"))
    sent_to = models.EmailField(_("skickad till"), blank=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lista under minsta saldo")
        verbose_name_plural = _("listor under minsta saldo")
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "day"], name="inventory_belowminimumreport_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.warehouse_id} {self.day}"
