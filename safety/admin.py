"""Hjälpmedel in admin: recalls (BEY-5) — the list, each recall's steps, and the services as
actions; tracing and the patient list live on the portal page (which writes the access log),
so admin shows no recipient data; every recall view needs the permission "Återkallelse".
Deviations (BEY-9): statuses moved with comments, attachments, the Läkemedelsverket PDF.
Register events (BEY-14): the applied events and Läs in fil. Opening a deviation or an event
of a recipient writes the access log."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from safety import services
from safety.models import (
    Deviation,
    DeviationAttachment,
    DeviationEvent,
    PickupProposal,
    Recall,
    RecallEvent,
    RegisterEvent,
)
from sesam.exceptions import SesamError
from sesam.lib.admin_display import status_columns
from sesam.lib.attachments import attachment_response
from sesam.lib.pdf import pdf_response
from sesam.services import log_access


class RecallEventInline(admin.TabularInline):
    model = RecallEvent
    extra = 0
    can_delete = False
    from_label, to_label = status_columns(Recall.Status.choices)
    fields = ["at", "by", "from_label", "to_label", "note"]
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


# --- Avvikelse / reklamation (BEY-9): statuses moved with comments, through the services -----


class DeviationAdminForm(forms.ModelForm):
    move_to = forms.ChoiceField(label=_("Ny status"), required=False)
    new_comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=300, widget=forms.Textarea({"rows": 3})
    )

    class Meta:
        model = Deviation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = Deviation.TRANSITIONS.get(Deviation.Status(self.instance.status), set())
        self.fields["move_to"].choices = [("", "–")] + [
            (value, label) for value, label in Deviation.Status.choices if value in allowed
        ]


class DeviationEventInline(admin.TabularInline):
    model = DeviationEvent
    extra = 0
    can_delete = False
    from_label, to_label = status_columns(Deviation.Status.choices)
    fields = ["at", "by", "from_label", "to_label", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class DeviationAttachmentInline(DeviationEventInline):
    model = DeviationAttachment
    fields = ["at", "by", "download", "content_type", "size"]
    readonly_fields = fields

    @admin.display(description=_("fil"))
    def download(self, obj):
        url = reverse("admin:safety_deviation_attachment", args=[obj.deviation_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)


@admin.register(Deviation)
class DeviationAdmin(admin.ModelAdmin):
    view_on_site = False  # the unit's page needs a service location; staff have none
    form = DeviationAdminForm
    list_display = [
        "number", "reported_at", "kind", "status", "report_to_mpa", "service_location", "article",
    ]  # fmt: skip
    list_filter = ["status", "kind", "report_to_mpa", "service_location"]
    search_fields = ["number", "article__number", "serial_number"]
    list_select_related = ["service_location", "article"]
    readonly_fields = [
        "number", "kind", "status", "source", "service_location", "reported_by", "reported_at",
        "article", "individual", "serial_number", "description", "report_to_mpa", "udi",
        "event_date", "consequence", "patient_age", "patient_sex", "mpa_report",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Hjälpmedel"), {"fields": ["move_to", "new_comment"]}),
    ]
    inlines = [DeviationEventInline, DeviationAttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Läkemedelsverket"))
    def mpa_report(self, obj):
        if not obj.report_to_mpa:
            return "–"
        url = reverse("admin:safety_deviation_pdf", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Rapport (pdf)"))

    def get_urls(self):
        attachment = self.admin_site.admin_view(self.attachment_view)
        pdf = self.admin_site.admin_view(self.pdf_view)
        return [
            path(
                "<int:pk>/bilaga/<int:attachment>/", attachment, name="safety_deviation_attachment"
            ),
            path("<int:pk>/lakemedelsverket.pdf", pdf, name="safety_deviation_pdf"),
            *super().get_urls(),
        ]

    def _log(self, request, deviation, action):
        if deviation.recipient_id:
            log_access(
                by=request.user,
                service_location=None,
                recipient=deviation.recipient,
                action=action,
                deviation=deviation.number,
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        deviation = Deviation.objects.filter(pk=object_id).select_related("recipient").first()
        if deviation and self.has_view_permission(request, deviation):
            self._log(request, deviation, "admin_deviation")
        return super().change_view(request, object_id, form_url, extra_context)

    def attachment_view(self, request, pk, attachment):
        if not self.has_view_permission(request):
            raise Http404
        item = get_object_or_404(DeviationAttachment, pk=attachment, deviation_id=pk)
        return attachment_response(item)

    def pdf_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        deviation = get_object_or_404(Deviation, pk=pk, report_to_mpa=True)
        self._log(request, deviation, "admin_deviation_pdf")
        return pdf_response(
            "safety/pdf/deviation_report.html",
            {"deviation": deviation, "number": deviation.number},
            filename=f"lakemedelsverket-{deviation.number}",
        )

    def save_model(self, request, obj, form, change):
        """No raw save: the comment and the move go through the services."""
        data = form.cleaned_data
        try:
            if data.get("move_to"):
                services.move_deviation(
                    by=request.user, deviation=obj, to=data["move_to"], note=data["new_comment"]
                )
            elif data.get("new_comment"):
                services.comment_deviation(by=request.user, deviation=obj, text=data["new_comment"])
        except SesamError as error:
            messages.error(request, str(error))


# --- Folkbokföringshändelser (BEY-14): read-only; Läs in fil runs the import service -----------


class RegisterFileForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV, UTF-8)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är för stor (högst 5 MB)."))
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Filen ska vara text i UTF-8.")) from None


class ProposalInline(admin.TabularInline):
    model = PickupProposal
    extra = 0
    can_delete = False
    fields = ["service_location", "created_at", "done_at", "done_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RegisterEvent)
class RegisterEventAdmin(admin.ModelAdmin):
    list_display = ["personnummer", "kind", "date", "region", "summary", "applied_at", "source"]
    list_filter = ["kind"]
    search_fields = ["=personnummer"]
    fields = [
        "personnummer", "kind", "date", "region", "summary", "source", "line", "applied_by",
        "applied_at",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [ProposalInline]
    change_list_template = "admin/safety/registerevent/change_list.html"

    def has_add_permission(self, request):
        return False  # Läs in fil (below) applies events through the service

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("las-in/", view, name="safety_registerevent_import"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        event = RegisterEvent.objects.filter(pk=object_id).select_related("recipient").first()
        if event and self.has_view_permission(request, event):
            log_access(
                by=request.user, service_location=None, recipient=event.recipient,
                action="admin_register_event",
            )  # fmt: skip
        return super().change_view(request, object_id, form_url, extra_context)

    def import_view(self, request):
        if not request.user.has_perm("safety.add_registerevent"):
            raise PermissionDenied
        form = RegisterFileForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            name, text = form.cleaned_data["file"]
            report = services.import_register_events(by=request.user, text=text, source=name)
            form = RegisterFileForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Läs in folkbokföringshändelser"),
            "form": form,
            "report": report,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/safety/registerevent/import.html", context)
