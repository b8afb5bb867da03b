"""Hjälpmedel's administration of the catalogue and stock (ACC-9). Balances and movements are
read-only here: a correction goes through `services.adjust_stock` (Korrigera saldo), so
every change stays a logged movement (STK-4). Individuals: only the serial number and the
maintenance/text fields are edited here (IND-4), through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from inventory import services
from inventory.models import (
    Article,
    ArticleDocument,
    Individual,
    IndividualEvent,
    IsoCode,
    PrescribingRight,
    StockBalance,
    StockMovement,
    Stocktake,
    StocktakeLine,
    Supplier,
    SupplierReturn,
    Warehouse,
)
from sesam.exceptions import SesamError
from sesam.lib.admin import ReadOnlyInlineMixin, ReadOnlyMixin, ServicesOnlyMixin
from sesam.lib.admin_display import kind_label as event_kind_label
from sesam.models import ProductArea


@admin.register(Warehouse)
class WarehouseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "kind", "service_location"]
    list_filter = ["kind"]
    search_fields = ["number", "name", "service_location__name"]
    autocomplete_fields = ["service_location"]
    actions = ["start_stocktakes"]

    @admin.action(description=_("Starta inventering"))
    def start_stocktakes(self, request, queryset):
        """STK-3 (ACC-9): Hjälpmedel starts the stocktake of the chosen own stores."""
        for warehouse in queryset.order_by("number"):
            try:
                stocktake = services.start_stocktake(warehouse=warehouse, by=request.user)
            except SesamError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _started(stocktake), messages.SUCCESS)


def _started(stocktake) -> str:
    return _("Inventering %(number)s av lager %(warehouse)s är startad.") % {
        "number": stocktake.number,
        "warehouse": stocktake.warehouse.number,
    }


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "phone", "email", "order_email", "contact_person"]
    list_filter = ["city"]
    search_fields = ["name", "email", "order_email", "contact_person", "city"]


@admin.register(IsoCode)
class IsoCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "display_code", "name", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]

    @admin.display(description=_("kod"))
    def display_code(self, obj):
        return obj.display_code


class ArticleDocumentInline(admin.TabularInline):
    model = ArticleDocument
    extra = 0
    fields = ["title", "file", "url"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "name",
        "supplier",
        "supplier_number",
        "type",
        "status",
        "in_assortment",
        "price",
        "fee_kind",
        "is_individual",
        "central_only",
        "iso_code",
    ]
    list_filter = [
        "type",
        "status",
        "in_assortment",
        "fee_kind",
        "is_individual",
        "central_only",
        "product_area",
        "supplier",
    ]
    list_select_related = ["supplier", "iso_code"]
    search_fields = ["=number", "name", "supplier_number", "supplier__name", "=gtin"]
    autocomplete_fields = ["supplier", "iso_code"]
    inlines = [ArticleDocumentInline]
    list_per_page = 100
    actions = ["stock_at_central"]

    @admin.action(description=_("Lagerför på centrallager 70"))
    def stock_at_central(self, request, queryset):
        """An article stocked at 70 is delivered from there (ORD-2); the balance starts at 0
        and rises with receipts."""
        central = Warehouse.objects.filter(kind=Warehouse.Kind.CENTRAL).first()
        if central is None:
            self.message_user(request, _("Det finns inget centrallager."), messages.ERROR)
            return
        services.ensure_stocked(warehouse=central, articles=list(queryset))
        self.message_user(
            request,
            _("%(n)s artiklar lagerförs på %(warehouse)s.")
            % {"n": queryset.count(), "warehouse": central},
            messages.SUCCESS,
        )

    fieldsets = [
        (None, {"fields": ["number", "name", "description", "image"]}),
        (
            _("Leverantör och klassning"),
            {"fields": ["supplier", "supplier_number", "product", "iso_code", "product_area"]},
        ),
        (
            _("Sortiment"),
            {
                "fields": [
                    "type",
                    "status",
                    "in_assortment",
                    "unit",
                    "pack_size",
                    "delivery_days",
                    "is_individual",
                    "central_only",
                    "warranty_months",
                    "replacement_group",
                ]
            },
        ),
        (_("Pris och avgift"), {"fields": ["price", "fee_kind", "fee_amount"]}),
    ]


# --- Stock ----------------------------------------------------------------------------------


class StockCorrectionForm(forms.Form):
    counted = forms.IntegerField(label=_("Nytt saldo (räknat antal)"), min_value=0)
    note = forms.CharField(label=_("Anledning"), max_length=200)


@admin.register(StockBalance)
class StockBalanceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Balances are read-only; Korrigera saldo sets a counted quantity through adjust_stock."""

    list_display = ["warehouse", "article", "quantity", "allocated", "available", "correct_link"]
    list_filter = ["warehouse", "article__type"]
    list_select_related = ["warehouse", "article"]
    search_fields = ["=article__number", "article__name", "=warehouse__number"]
    readonly_fields = ["warehouse", "article", "quantity", "allocated"]

    @admin.display(description=_("tillgängligt"))
    def available(self, obj):
        return obj.available

    @admin.display(description="")
    def correct_link(self, obj):
        url = reverse("admin:inventory_stockbalance_correct", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Korrigera saldo"))

    def get_urls(self):
        correct = self.admin_site.admin_view(self.correct_view)
        return [
            path("<int:pk>/korrigera/", correct, name="inventory_stockbalance_correct"),
            *super().get_urls(),
        ]

    def correct_view(self, request, pk):
        """Korrigera saldo: the counted quantity replaces the balance; the difference becomes
        an adjustment movement with the reason (STK-4)."""
        if not request.user.has_perm("inventory.view_stockbalance"):
            raise PermissionDenied
        balance = get_object_or_404(
            StockBalance.objects.select_related("warehouse", "article"), pk=pk
        )
        form = StockCorrectionForm(request.POST or None, initial={"counted": balance.quantity})
        if request.method == "POST" and form.is_valid():
            try:
                services.adjust_stock(
                    warehouse=balance.warehouse,
                    article=balance.article,
                    counted=form.cleaned_data["counted"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except SesamError:
                form.add_error(
                    "counted",
                    _("Saldot kan inte bli lägre än det som är reserverat (%(n)s).")
                    % {"n": balance.allocated},
                )
            else:
                self.message_user(request, _("Saldot är korrigerat."), messages.SUCCESS)
                return redirect("admin:inventory_stockbalance_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Korrigera saldo"),
            "balance": balance,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/inventory/stockbalance/correct.html", context)


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["at", "warehouse", "article", "quantity", "reason", "reference", "by"]
    list_filter = ["reason", "warehouse"]
    list_select_related = ["warehouse", "article", "by"]
    search_fields = ["=article__number", "article__name", "reference", "note"]
    date_hierarchy = "at"


# --- Individuals ----------------------------------------------------------------------------


class IndividualEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = IndividualEvent
    fields = ["at", "kind_label", "from_value", "to_value", "reference", "by"]
    readonly_fields = fields
    kind_label = event_kind_label


@admin.register(Individual)
class IndividualAdmin(ServicesOnlyMixin, admin.ModelAdmin):
    """The serial number is changed only here (IND-4), through the service that records it.
    Individuals arrive with a receipt (services.create_individuals): no add, no delete."""

    list_display = [
        "number",
        "serial_number",
        "sip_number",
        "article",
        "status",
        "warehouse",
        "refurbished_at",
    ]
    list_filter = ["status", "warehouse", ("refurbished_at", admin.EmptyFieldListFilter)]
    list_select_related = ["article", "warehouse"]
    search_fields = ["number", "serial_number", "sip_number", "=article__number"]
    fields = [
        "number",
        "serial_number",
        "sip_number",
        "article",
        "status",
        "warehouse",
        "purchase_date",
        "purchase_price",
        "lot",
        "expiry_date",
        "last_maintenance",
        "text_info",
        "refurbished_at",
        "refurbished_by",
    ]
    readonly_fields = [
        "refurbished_at",
        "refurbished_by",
        "number",
        "sip_number",
        "lot",
        "expiry_date",
        "article",
        "status",
        "warehouse",
        "purchase_date",
        "purchase_price",
    ]
    inlines = [IndividualEventInline]
    actions = ["restore_found", "mark_refurbished", "unmark_refurbished"]
    # ACC-8: the history (inline) names the recipients it was delivered to and returned from.
    recipient_paths = ()
    personnummer_paths = ("events__from_value", "events__to_value")
    list_shows_recipients = False

    @admin.action(description=_("Återfunnen – flytta tillbaka från utredningslager"))
    def restore_found(self, request, queryset):
        """STK-3: an individual not found at a stocktake has turned up (the unit tells
        Hjälpmedel): back from 99 to the store it was missed in."""
        for individual in queryset.order_by("pk"):
            try:
                restored = services.restore_found_individual(individual=individual, by=request.user)
            except SesamError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Individ %(number)s är tillbaka på lager %(warehouse)s.")
                    % {"number": restored.number, "warehouse": restored.warehouse.number},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Klar för återanvändning (i centrallager 70)"))
    def mark_refurbished(self, request, queryset):
        """BEY-3: returned, refurbished individuals in 70 are offered to central prescriptions
        (Återanvänd individ); the others chosen are named and left as they were."""
        chosen = list(queryset.order_by("pk").values_list("pk", "number"))
        marked = set(
            services.mark_refurbished(individual_ids=[pk for pk, _ in chosen], by=request.user)
        )
        if marked:
            self.message_user(
                request,
                _("%(n)s individer är klara för återanvändning.") % {"n": len(marked)},
                messages.SUCCESS,
            )
        if left := [number for pk, number in chosen if pk not in marked]:
            self.message_user(
                request,
                _(
                    "Inte markerade (bara individer på lager i centrallager 70 som inte redan "
                    "är markerade): %(numbers)s"
                )
                % {"numbers": ", ".join(left)},
                messages.WARNING,
            )

    @admin.action(description=_("Inte längre klar för återanvändning"))
    def unmark_refurbished(self, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        unmarked = services.unmark_refurbished(individual_ids=ids, by=request.user)
        self.message_user(
            request,
            _("%(n)s individer är inte längre klara för återanvändning.") % {"n": len(unmarked)},
        )

    def save_model(self, request, obj, form, change):
        serial = form.cleaned_data.get("serial_number", obj.serial_number)
        original = Individual.objects.get(pk=obj.pk)
        obj.serial_number = original.serial_number
        obj.save(update_fields=["last_maintenance", "text_info"])
        if serial != original.serial_number:
            services.change_serial_number(individual=obj, serial_number=serial, by=request.user)


@admin.register(IndividualEvent)
class IndividualEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["at", "individual", "kind_label", "from_value", "to_value", "reference", "by"]
    kind_label = event_kind_label
    list_filter = ["kind"]
    list_select_related = ["individual", "by"]
    search_fields = ["individual__number", "from_value", "to_value", "reference"]
    date_hierarchy = "at"
    # ACC-8: a delivery or return names the recipient by personnummer (from/to).
    personnummer_paths = ("from_value", "to_value")


@admin.register(SupplierReturn)
class SupplierReturnAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """RET-6: returns to suppliers, for Hjälpmedel to follow up the credit notes. Read-only:
    they are made from the individual's page (inventory.services.return_to_supplier)."""

    list_display = ["number", "at", "individual", "supplier", "warehouse", "reason", "by"]
    list_filter = ["supplier", "warehouse"]
    list_select_related = ["individual", "supplier", "warehouse", "by"]
    search_fields = ["=number", "=individual__number", "comment"]
    date_hierarchy = "at"


# --- Inventering (STK-3) --------------------------------------------------------------------


class StartStocktakeForm(forms.Form):
    warehouse = forms.ModelChoiceField(
        label=_("Lager"),
        queryset=Warehouse.objects.filter(kind=Warehouse.Kind.LOCAL).select_related(
            "service_location"
        ),
    )


class StocktakeLineInline(admin.TabularInline):
    model = StocktakeLine
    extra = 0
    fields = ["article", "sheet_quantity", "counted", "book_at_count", "difference", "counted_by"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "counted_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Stocktake)
class StocktakeAdmin(admin.ModelAdmin):
    """Stocktakes are started here (Starta inventering → start_stocktake) and otherwise only
    read: the unit counts and finishes under Lager → Inventering."""

    list_display = [
        "number",
        "warehouse",
        "status",
        "started_at",
        "started_by",
        "finished_at",
        "finished_by",
    ]
    list_filter = ["status", "warehouse"]
    list_select_related = ["warehouse", "started_by", "finished_by"]
    search_fields = ["=number", "=warehouse__number", "warehouse__name"]
    readonly_fields = list_display
    fields = list_display
    inlines = [StocktakeLineInline]
    date_hierarchy = "started_at"
    change_list_template = "admin/inventory/stocktake/change_list.html"

    def has_add_permission(self, request):
        return False  # Starta inventering (below) makes the sheet through the service

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        start = self.admin_site.admin_view(self.start_view)
        return [
            path("starta/", start, name="inventory_stocktake_start"),
            *super().get_urls(),
        ]

    def start_view(self, request):
        """Starta inventering for an own store (ACC-9, STK-3)."""
        if not request.user.has_perm("inventory.add_stocktake"):
            raise PermissionDenied
        form = StartStocktakeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                stocktake = services.start_stocktake(
                    warehouse=form.cleaned_data["warehouse"], by=request.user
                )
            except SesamError as error:
                form.add_error("warehouse", str(error))
            else:
                self.message_user(request, _started(stocktake), messages.SUCCESS)
                return redirect("admin:inventory_stocktake_change", stocktake.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Starta inventering"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/inventory/stocktake/start.html", context)


@admin.register(PrescribingRight)
class PrescribingRightAdmin(admin.ModelAdmin):
    """BEY-1: per profession and product area the ISO codes it may prescribe (2/4/6 digits,
    covering the codes below), exceptions carved out, and exceptions per user. The list says
    which product areas have no rights configured: there everybody may prescribe."""

    change_list_template = "admin/inventory/prescribingright/change_list.html"
    list_display = ["product_area", "profession", "user", "iso_code", "allowed"]
    list_filter = ["product_area", "profession", "allowed"]
    search_fields = ["iso_code__code", "iso_code__name", "user__username", "user__full_name"]
    autocomplete_fields = ["iso_code", "user"]
    list_select_related = ["product_area", "profession", "user", "iso_code"]

    def changelist_view(self, request, extra_context=None):
        configured = PrescribingRight.objects.filter(profession__isnull=False)
        unrestricted = ProductArea.objects.exclude(pk__in=configured.values("product_area_id"))
        extra_context = {**(extra_context or {}), "unrestricted": list(unrestricted)}
        return super().changelist_view(request, extra_context=extra_context)
