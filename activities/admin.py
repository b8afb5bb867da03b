"""Hjälpmedel's work in admin (ACC-9)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from activities import services
from activities.models import PickupEvent, PickupLine, PickupOrder
from sesam.exceptions import SesamError
from sesam.services import log_access

# --- Pickup orders (PU-6, PU-7): read-only; Registrera ankomst and Makulera through the services


class PickupLineInline(admin.TabularInline):
    model = PickupLine
    extra = 0
    can_delete = False
    fields = ["article_number", "article_name", "individual", "serial_number", "device_status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("device__article", "device__individual")

    @admin.display(description=_("artikelnr"))
    def article_number(self, line):
        return line.device.article.number

    @admin.display(description=_("benämning"))
    def article_name(self, line):
        return line.device.article.name

    @admin.display(description=_("individnummer"))
    def individual(self, line):
        return line.device.individual.number if line.device.individual_id else "–"

    @admin.display(description=_("serienummer"))
    def serial_number(self, line):
        return line.device.individual.serial_number if line.device.individual_id else "–"

    @admin.display(description=_("hjälpmedlets status"))
    def device_status(self, line):
        return line.device.get_status_display()


class PickupEventInline(admin.TabularInline):
    model = PickupEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PickupOrder)
class PickupOrderAdmin(admin.ModelAdmin):
    """Pickup orders come from the portal's wizard; admin lists and searches them, registers
    the arrival at 70 (Registrera ankomst → Stängd) and cancels (Makulera). Never the
    recipient's address (none is kept, REC-5)."""

    list_display = [
        "number",
        "created_at",
        "status",
        "service_location",
        "orderer",
        "reason",
        "return_reason",
        "closed_on",
    ]
    list_filter = ["status", "service_location", "reason", "return_reason"]
    search_fields = ["=number", "=recipient__personnummer", "orderer__username"]
    list_select_related = ["service_location", "orderer"]
    date_hierarchy = "created_at"
    fields = [
        "number",
        "status",
        "recipient",
        "service_location",
        "orderer",
        "reason",
        "return_reason",
        "comment",
        "pickup_address",
        "contact",
        "created_at",
        "closed_on",
    ]
    readonly_fields = fields
    inlines = [PickupLineInline, PickupEventInline]
    actions = ["register_arrival", "cancel"]
    change_form_template = "admin/activities/pickuporder/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/registrera-ankomst/",
                view(require_POST(self.register_arrival_view)),
                name="activities_pickuporder_register_arrival",
            ),
            path(
                "<int:pk>/makulera/",
                view(require_POST(self.cancel_view)),
                name="activities_pickuporder_cancel",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        pickup = self.get_object(request, object_id)
        if pickup is not None:  # the page names the recipient (ACC-8)
            log_access(
                by=request.user,
                service_location=None,
                recipient=pickup.recipient,
                action="admin_view",
                pickup=pickup.number,
            )
        extra = {**(extra_context or {}), "pickup_open": pickup is not None and pickup.is_open}
        return super().change_view(request, object_id, form_url, extra_context=extra)

    @admin.action(description=_("Registrera ankomst (stäng hämtordern)"), permissions=["change"])
    def register_arrival(self, request, queryset):
        self._each(request, queryset, services.close_pickup_order, _("Stängda hämtordrar: %(n)s."))

    @admin.action(description=_("Makulera hämtordern"), permissions=["change"])
    def cancel(self, request, queryset):
        self._each(
            request, queryset, services.cancel_pickup_order, _("Makulerade hämtordrar: %(n)s.")
        )

    def _each(self, request, queryset, action, done):
        count = 0
        for pickup in queryset.select_related("recipient", "orderer").order_by("pk"):
            try:
                action(by=request.user, pickup_order=pickup)
            except SesamError as error:
                self.message_user(request, f"{pickup.number}: {error}", messages.WARNING)
                continue
            count += 1
        if count:
            self.message_user(request, done % {"n": count})

    def register_arrival_view(self, request, pk):
        return self._one(request, pk, services.close_pickup_order, _("Ankomsten är registrerad."))

    def cancel_view(self, request, pk):
        return self._one(request, pk, services.cancel_pickup_order, _("Hämtordern är makulerad."))

    def _one(self, request, pk, action, done):
        if not request.user.has_perm("activities.change_pickuporder"):
            raise PermissionDenied
        pickup = get_object_or_404(
            PickupOrder.objects.select_related("recipient", "orderer"), pk=pk
        )
        try:
            action(by=request.user, pickup_order=pickup)
        except SesamError as error:
            self.message_user(request, f"{pickup.number}: {error}", messages.WARNING)
        else:
            self.message_user(request, f"{pickup.number}: {done}")
        return redirect(reverse("admin:activities_pickuporder_change", args=[pk]))
