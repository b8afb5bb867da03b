"""Hjälpmedel in admin: recalls (BEY-5) — the list, each recall's steps, and the services as
actions; tracing and the patient list live on the portal page (which writes the access log),
so admin shows no recipient data. Every recall view needs the permission "Återkallelse"."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from safety import services
from safety.models import Recall, RecallEvent
from sesam.exceptions import SesamError


class RecallEventInline(admin.TabularInline):
    model = RecallEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Recall)
class RecallAdmin(admin.ModelAdmin):
    list_display = ["number", "article", "reason", "status", "created_at", "created_by"]
    list_filter = ["status"]
    search_fields = ["number", "article__number"]
    list_select_related = ["article", "created_by"]
    readonly_fields = [
        "number",
        "article",
        "reason",
        "status",
        "serials",
        "created_by",
        "created_at",
        "portal_page",
    ]
    fields = readonly_fields
    inlines = [RecallEventInline]
    actions = ["notify", "release", "close"]

    def _allowed(self, request) -> bool:
        return request.user.has_perm("safety.trace_recall")

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        """Tracing is one form for admin and portal: Ny återkallelse."""
        return redirect("safety:recall_new")

    @admin.display(description=_("spårning"))
    def portal_page(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("safety:recall_detail", args=[obj.number]),
            _("Öppna berörda individer, export och brev"),
        )

    def _each(self, request, queryset, service, done):
        for recall in queryset.select_related("article"):
            try:
                service(by=request.user, recall=recall)
            except SesamError as error:
                messages.warning(request, f"{recall.number}: {error}")
        self.message_user(request, done)

    @admin.action(description=_("Skicka meddelande till enheterna"))
    def notify(self, request, queryset):
        self._each(request, queryset, services.notify_units, _("Enheterna har fått meddelande."))

    @admin.action(description=_("Häv spärren"))
    def release(self, request, queryset):
        self._each(request, queryset, services.release_blocks, _("Spärren är hävd."))

    @admin.action(description=_("Avsluta"))
    def close(self, request, queryset):
        self._each(request, queryset, services.close_recall, _("Återkallelserna är avslutade."))
