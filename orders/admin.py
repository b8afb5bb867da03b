"""Hjälpmedel's work on orders (ACC-9): search, planned delivery dates, picking and dispatch
from the central warehouse — every change through orders.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from orders import services
from orders.models import Order, OrderEvent, OrderLine, PurchaseOrder, Receipt
from orders.reuse import reuse_share
from sesam.exceptions import SesamError
from sesam.lib.admin import ReadOnlyInlineMixin, ReadOnlyMixin, ServicesOnlyMixin
from sesam.lib.admin_display import status_columns


class ServicesOnlyAdmin(ServicesOnlyMixin, admin.ModelAdmin):
    """Orders come from the wizard and change through orders.services: admin neither adds
    nor deletes them."""


class OrderLineInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = OrderLine
    fields = [
        "position",
        "article_number",
        "article_name",
        "quantity",
        "warehouse",
        "status",
        "allocated",
        "planned_delivery_date",
        "individual",
        "purchase_order",
        "reused",
        "reuse_declined",
        "comment",
    ]
    readonly_fields = fields
    show_change_link = True


class OrderEventInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = OrderEvent
    readonly_fields = ["at", "by", "line", "from_label", "to_label", "note"]
    fields = readonly_fields
    from_label, to_label = status_columns(Order.Status.choices, OrderLine.Status.choices)


@admin.register(Order)
class OrderAdmin(ServicesOnlyAdmin):
    list_display = [
        "number",
        "sent_at",
        "kind",
        "status",
        "service_location",
        "orderer",
        "prescriber",
    ]
    list_filter = ["status", "kind", "service_location"]
    search_fields = [
        "=number",
        "=recipient__personnummer",
        "orderer__username",
        "prescriber__username",
    ]
    list_select_related = ["service_location", "orderer", "prescriber"]
    date_hierarchy = "sent_at"
    inlines = [OrderLineInline, OrderEventInline]
    readonly_fields = [f.name for f in Order._meta.fields]
    actions = ["start_picking", "deliver_from_central"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=Order.Status.DRAFT)

    @admin.action(description=_("Börja plocka (centrallager 70)"))
    def start_picking(self, request, queryset):
        self._each(request, queryset, services.start_picking, _("%(n)s beställningar plockas."))

    @admin.action(description=_("Leverera från centrallager 70"))
    def deliver_from_central(self, request, queryset):
        self._each(
            request, queryset, services.deliver_from_central, _("%(n)s beställningar levererade.")
        )

    def _each(self, request, queryset, action, done):
        count = 0
        for order in queryset.order_by("pk"):
            try:
                result = action(by=request.user, order=order)
            except SesamError as error:
                self.message_user(request, f"{order.number}: {error}", messages.WARNING)
                continue
            if result != []:
                count += 1
            else:
                self.message_user(
                    request,
                    f"{order.number}: "
                    + str(_("inget kunde levereras ännu (saldo eller individer saknas).")),
                    messages.WARNING,
                )
        self.message_user(request, done % {"n": count})


class ReuseDeclinedFilter(admin.SimpleListFilter):
    """BEY-3: the lines whose prescriber declined a reused individual (with the reason)."""

    title = _("avböjd återanvändning")
    parameter_name = "reuse_declined"

    def lookups(self, request, model_admin):
        return [("1", _("Ja"))]

    def queryset(self, request, queryset):
        return queryset.exclude(reuse_declined="") if self.value() == "1" else queryset


@admin.register(OrderLine)
class OrderLineAdmin(ServicesOnlyAdmin):
    """Only the planned delivery date is edited here; saving it goes through the service, which
    also moves the devices' date and messages the orderer and prescriber (HOME-5)."""

    list_display = [
        "order",
        "position",
        "article_number",
        "article_name",
        "quantity",
        "warehouse",
        "status",
        "planned_delivery_date",
        "reused",
    ]
    list_filter = ["status", "warehouse", "source", "reused", ReuseDeclinedFilter]
    search_fields = ["=order__number", "article_number", "article_name"]
    list_select_related = ["order", "warehouse"]
    change_list_template = "admin/orders/orderline/change_list.html"
    fields = [
        "order",
        "position",
        "article_number",
        "article_name",
        "quantity",
        "warehouse",
        "status",
        "allocated",
        "individual",
        "reused",
        "reuse_declined",
        "purchase_order",
        "comment",
        "planned_delivery_date",
    ]
    readonly_fields = [f for f in fields if f != "planned_delivery_date"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(order__status=Order.Status.DRAFT)

    def get_urls(self):
        share = self.admin_site.admin_view(self.reuse_share_view)
        return [
            path("ateranvandning/", share, name="orders_orderline_reuse_share"),
            *super().get_urls(),
        ]

    def reuse_share_view(self, request):
        """BEY-3: the share of central lines met by reuse, per month and unit (one query)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Andel återanvända individer"),
            "opts": self.model._meta,
            "months": 24,
            "rows": reuse_share(months=24),
        }
        return TemplateResponse(request, "admin/orders/orderline/reuse_share.html", context)

    def save_model(self, request, obj, form, change):
        if "planned_delivery_date" in form.changed_data:
            try:
                services.set_planned_delivery_date(
                    by=request.user, line=obj, day=obj.planned_delivery_date
                )
            except SesamError as error:
                self.message_user(request, str(error), messages.ERROR)


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Made by the order services only; admin shows and searches them."""


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "order", "supplier", "created_at", "created_by"]
    search_fields = ["=number", "=order__number", "supplier__name"]
    list_select_related = ["order", "supplier", "created_by"]
    readonly_fields = ["number", "order", "supplier", "created_by", "created_at"]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyAdmin):
    list_display = ["line", "unit_price", "by", "at"]
    search_fields = ["=line__order__number", "=line__purchase_order__number"]
    readonly_fields = ["line", "unit_price", "by", "at"]
