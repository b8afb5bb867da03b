"""Hjälpmedel in admin (ACT-8, ACC-9, PU-6, PU-7): technicians move activities through the statuses
and add comments and attachments; central warehouse staff register pickup orders' arrival — all
through the services, never raw saves."""

import calendar
from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from activities import services
from activities.models import (
    Activity,
    ActivityAttachment,
    ActivityComment,
    ActivityEvent,
    PickupEvent,
    PickupLine,
    PickupOrder,
)
from sesam.exceptions import SesamError
from sesam.lib.admin_display import status_columns
from sesam.lib.attachments import attachment_response


class ActivityAdminForm(forms.ModelForm):
    """The change form: the status to move to, a new comment, a new attachment."""

    move_to = forms.ChoiceField(label=_("Ny status"), required=False)
    new_comment = forms.CharField(
        label=_("Ny kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_attachment = forms.FileField(
        label=_("Ny bilaga"), required=False, help_text=_("pdf, jpg eller png, högst 10 MB.")
    )

    class Meta:
        model = Activity
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = Activity.TRANSITIONS.get(self.instance.status, set())
        self.fields["move_to"].choices = [("", "–")] + [
            (value, label) for value, label in Activity.Status.choices if value in allowed
        ]

    def clean_new_attachment(self):
        """A refused attachment is a form error (the form kept, nothing saved), not a message
        beside "Ändrade aktivitet" after the comment was stored (ACT-D180)."""
        upload = self.cleaned_data.get("new_attachment")
        if upload:
            try:
                services.check_attachment(upload)
            except SesamError as error:
                raise forms.ValidationError(str(error)) from error
        return upload


def warranty_text(device) -> str:
    """BEY-4 as the technician reads it: "t.o.m. <date>" (delivery + the article's warranty
    months), "ingen" for an article without warranty, "–" when not delivered."""
    months = device.article.warranty_months
    if not device.delivered_on:
        return "–"
    if not months:
        return gettext("ingen")
    start = device.delivered_on
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    end = date(year, month, day)
    label = gettext("t.o.m. %(date)s") % {"date": end.isoformat()}
    return label + (gettext(" (utgången)") if end < timezone.localdate() else "")


def device_table(devices):
    """The devices as a table in an admin page (article, individual, serial, order, warranty)."""
    head = format_html_join(
        "",
        '<th scope="col">{}</th>',
        (
            (gettext(h),)
            for h in (
                "Artikelnr",
                "Benämning",
                "Individnummer",
                "Serienummer",
                "Beställningsnummer",
                "Levererad",
                "Garanti",
            )
        ),
    )
    body = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                d.article.number,
                d.article.name,
                d.individual.number if d.individual_id else "–",
                (d.individual.serial_number or "–") if d.individual_id else "–",
                d.order_number or "–",
                d.delivered_on.isoformat() if d.delivered_on else "–",
                warranty_text(d),
            )
            for d in devices
        ),
    )
    return format_html(
        '<table class="devices"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>', head, body
    )


class EventInline(admin.TabularInline):
    model = ActivityEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_label", "to_label"]
    readonly_fields = fields
    from_label, to_label = status_columns(Activity.Status.choices)

    def has_add_permission(self, request, obj=None):
        return False


class CommentInline(EventInline):
    model = ActivityComment
    fields = ["at", "by", "text"]
    readonly_fields = fields


class AttachmentInline(EventInline):
    model = ActivityAttachment
    fields = ["at", "by", "download", "content_type", "size"]
    readonly_fields = fields

    @admin.display(description=_("fil"))
    def download(self, obj):
        url = reverse("admin:activities_activity_attachment", args=[obj.activity_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    form = ActivityAdminForm
    list_display = ["number", "registered_at", "type", "status", "service_location", "orderer"]
    list_filter = ["status", "type", "service_location"]
    search_fields = ["number"]
    list_select_related = ["service_location", "orderer"]
    date_hierarchy = "registered_at"
    readonly_fields = [
        "number",
        "status",
        "type",
        "service_product_name",
        "recipient_name",
        "service_location",
        "requested_action",
        "devices_table",
        "performed_action",
        "orderer",
        "prescriber",
        "registered_at",
        "closed_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("number", "status"),
                    ("type", "service_product_name"),
                    ("recipient_name", "service_location"),
                    "requested_action",
                    "devices_table",
                ]
            },
        ),
        (_("Hjälpmedel"), {"fields": ["move_to", "new_comment", "new_attachment"]}),
        (
            _("Beställning och återrapportering"),
            {
                "fields": [
                    ("orderer", "prescriber"),
                    ("registered_at", "closed_at"),
                    "performed_action",
                ]
            },
        ),
    ]
    # The portal's activity page is scoped to the unit's users: staff would get 404 (UI-D182).
    view_on_site = False
    inlines = [EventInline, CommentInline, AttachmentInline]
    actions = ["to_planned", "to_started", "to_closed"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=Activity.Status.DRAFT)

    @admin.display(description=_("mottagare"))
    def recipient_name(self, obj):
        # REC-5: the name only, never an address.
        return obj.recipient.name

    @admin.display(description=_("tjänsteprodukt"))
    def service_product_name(self, obj):
        return obj.service_product_label or "–"

    @admin.display(description=_("hjälpmedel som aktiviteten gäller"))
    def devices_table(self, obj):
        """The technician's first question: which device — article, individual and serial
        number, order number, delivery and warranty (the article's months from delivery)."""
        rows = obj.devices.select_related("device__article", "device__individual")
        if not rows:
            return _("Inga hjälpmedel (aktivitetstypen har inga).")
        return device_table(row.device for row in rows)

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.attachment_view)
        return [
            path("<int:pk>/bilaga/<int:attachment>/", view, name="activities_activity_attachment"),
            *super().get_urls(),
        ]

    def attachment_view(self, request, pk, attachment):
        """Hjälpmedel's staff open an attachment from the change form (admin only)."""
        if not self.has_view_permission(request):
            raise Http404
        item = get_object_or_404(ActivityAttachment, pk=attachment, activity_id=pk)
        return attachment_response(item)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """No raw save: each field of the form calls its service, all in one transaction —
        the status first, the attachment (a file on disk) last. A refusal the form could not
        foresee (someone moved it meanwhile) rolls everything back (ACT-D180)."""
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if data.get("move_to"):
                    services.move_activity(by=request.user, activity=obj, to=data["move_to"])
                if data.get("new_comment"):
                    services.add_activity_comment(
                        by=request.user, activity=obj, text=data["new_comment"]
                    )
                if data.get("new_attachment"):
                    services.add_activity_attachment(
                        by=request.user, activity=obj, upload=data["new_attachment"]
                    )
        except SesamError as error:
            request._activity_refused = True
            messages.error(request, _("Inget sparades: %(error)s") % {"error": error})

    def response_change(self, request, obj):
        if getattr(request, "_activity_refused", False):  # no "Ändrade aktivitet"
            return redirect(reverse("admin:activities_activity_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def _move(self, request, queryset, to):
        moved = 0
        for activity in queryset.select_related("orderer", "prescriber", "recipient"):
            try:
                services.move_activity(by=request.user, activity=activity, to=to)
                moved += 1
            except SesamError as error:
                messages.warning(request, f"{activity.number}: {error}")
        if moved:
            self.message_user(request, _("%(count)s aktiviteter flyttade.") % {"count": moved})

    @admin.action(description=_("Flytta till Planerad"))
    def to_planned(self, request, queryset):
        self._move(request, queryset, Activity.Status.PLANNED)

    @admin.action(description=_("Flytta till Påbörjad"))
    def to_started(self, request, queryset):
        self._move(request, queryset, Activity.Status.STARTED)

    @admin.action(description=_("Flytta till Avslutad"))
    def to_closed(self, request, queryset):
        self._move(request, queryset, Activity.Status.CLOSED)


# --- Pickup orders (PU-6, PU-7): read-only; Registrera ankomst and Makulera through the services


class PickupLineInline(admin.TabularInline):
    model = PickupLine
    extra = 0
    can_delete = False
    fields = [
        "article_number",
        "article_name",
        "individual",
        "serial_number",
        "order_number",
        "warranty",
        "device_status",
    ]
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

    @admin.display(description=_("beställningsnummer"))
    def order_number(self, line):
        return line.device.order_number or "–"

    @admin.display(description=_("garanti"))
    def warranty(self, line):
        return warranty_text(line.device)

    @admin.display(description=_("hjälpmedlets status"))
    def device_status(self, line):
        return line.device.get_status_display()


class PickupEventInline(admin.TabularInline):
    model = PickupEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_label", "to_label", "note"]
    readonly_fields = fields
    from_label, to_label = status_columns(PickupOrder.Status.choices)

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
        ("number", "status"),
        ("recipient", "service_location"),
        ("reason", "return_reason"),
        "comment",
        ("orderer", "contact"),
        "pickup_address",
        ("created_at", "closed_on"),
    ]
    readonly_fields = [
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
    # The portal's pickup page is scoped to the unit's users: staff would get 404 (UI-D182).
    view_on_site = False
    inlines = [PickupLineInline, PickupEventInline]
    actions = ["register_arrival", "cancel"]
    change_form_template = "admin/activities/pickuporder/change_form.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A draft is the wizard's state (PU-D620): not a pickup order yet, nothing to handle.
        return super().get_queryset(request).exclude(status=PickupOrder.Status.DRAFT)

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
        pickup = self.get_object(request, object_id)  # the site logs the recipient (ACC-8)
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
            self.get_queryset(request).select_related("recipient", "orderer"), pk=pk
        )
        try:
            action(by=request.user, pickup_order=pickup)
        except SesamError as error:
            self.message_user(request, f"{pickup.number}: {error}", messages.WARNING)
        else:
            self.message_user(request, f"{pickup.number}: {done}")
        return redirect(reverse("admin:activities_pickuporder_change", args=[pk]))
