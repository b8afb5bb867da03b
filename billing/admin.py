"""Hjälpmedel's billing in admin (ACC-9): charges and invoices are read-only and filterable;
pausing a charger invoice (BIL-4) and the finance export (BIL-6) go through the services."""

from types import SimpleNamespace

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from billing import services
from billing.export import write_invoices
from billing.models import BillingRun, ChargeEvent, Invoice, InvoiceLine, PatientCharge
from sesam.exceptions import SesamError
from sesam.lib import personnummer
from sesam.lib.admin import ReadOnlyMixin
from sesam.lib.admin_display import status_columns
from sesam.lib.device_numbers import validate_individual_number
from sesam.lib.pdf import pdf_response
from sesam.lib.search import (
    ExportColumn,
    bad_export_format,
    changelist_filters,
    export,
    export_format,
    labels,
)
from sesam.services import log_access


def _log_recipient_view(request, charge: PatientCharge | None, action: str) -> None:
    """ACC-8: an admin page naming a recipient (a charge to a patient) is logged."""
    if charge is None or charge.recipient_id is None:
        return
    if charge.debtor_kind != PatientCharge.DebtorKind.RECIPIENT:
        return
    log_access(
        by=request.user,
        service_location=None,
        recipient=SimpleNamespace(pk=charge.recipient_id, personnummer=charge.debtor_code),
        action=action,
    )


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Charges, invoices and runs are made and changed by billing.services only. A charge or
    invoice to a patient names them (the debtor): the site logs it (ACC-8) through
    `charges_of`, the charges to recipients the rows `pks` are or bill."""

    charges_of = None

    def shown_recipients(self, pks) -> dict[int, str]:
        if self.charges_of is None:
            return {}
        charges = self.charges_of(list(pks)).filter(
            debtor_kind=PatientCharge.DebtorKind.RECIPIENT, recipient_id__isnull=False
        )
        return dict(charges.values_list("recipient_id", "debtor_code"))


class ChargeEventInline(ReadOnlyMixin, admin.TabularInline):
    model = ChargeEvent
    extra = 0
    fields = readonly_fields = ["at", "by", "from_label", "to_label", "note"]
    from_label, to_label = status_columns(PatientCharge.Status.choices)


class PauseForm(forms.Form):
    individual_number = forms.CharField(
        label=_("Individnummer på laddaren"),
        max_length=40,
        validators=[validate_individual_number],  # IND-D123
    )
    until = forms.DateField(
        label=_("Pausa till"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Fakturan går ut detta datum (eller nästa vardag)."),
    )
    reason = forms.CharField(
        label=_("Orsak"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


@admin.register(PatientCharge)
class PatientChargeAdmin(ReadOnlyAdmin):
    def charges_of(self, pks):
        return PatientCharge.objects.filter(pk__in=pks)

    change_list_template = "admin/billing/patientcharge/change_list.html"
    list_display = [
        "due_date",
        "kind",
        "status",
        "debtor_code",
        "debtor_name",
        "amount",
        "article_number",
        "individual_number",
        "order_number",
        "paused_until",
    ]
    list_filter = ["status", "kind", "debtor_kind", "due_date"]
    search_fields = ["=individual_number", "=debtor_code", "=order_number", "article_number"]
    date_hierarchy = "due_date"
    readonly_fields = [f.name for f in PatientCharge._meta.fields]
    inlines = [ChargeEventInline]

    def get_urls(self):
        pause = self.admin_site.admin_view(self.pause_view)
        return [
            path("pausa/", pause, name="billing_patientcharge_pause"),
            *super().get_urls(),
        ]

    def pause_view(self, request):
        """BIL-4: Pausa laddarfaktura by the charger's individual number."""
        if not request.user.has_perm("billing.view_patientcharge"):
            raise PermissionDenied
        form = PauseForm(request.POST or None)
        status = 200
        if request.method == "POST":
            status = 422
            if form.is_valid():
                try:
                    result = services.pause_charge(by=request.user, **form.cleaned_data)
                except SesamError as error:
                    form.add_error(None, str(error))
                    status = 409
                else:
                    if result.warning:
                        self.message_user(request, result.warning, messages.WARNING)
                    self.message_user(
                        request,
                        _("Laddarfakturan för %(n)s är pausad; den faktureras %(day)s.")
                        % {
                            "n": form.cleaned_data["individual_number"],
                            "day": result.charge.due_date.isoformat(),
                        },
                    )
                    return redirect(
                        reverse("admin:billing_patientcharge_change", args=[result.charge.pk])
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Pausa laddarfaktura"),
        }
        return TemplateResponse(
            request, "admin/billing/patientcharge/pause.html", context, status=status
        )


class InvoiceLineInline(ReadOnlyMixin, admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = readonly_fields = ["charge", "amount"]


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    def charges_of(self, pks):
        return PatientCharge.objects.filter(invoice_line__invoice__in=pks)

    list_display = [
        "number",
        "pdf_link",
        "invoice_date",
        "due_date",
        "debtor_kind",
        "debtor_code",
        "debtor_name",
        "total",
    ]
    list_filter = ["invoice_date", "debtor_kind"]
    search_fields = ["=number", "=debtor_code", "debtor_name"]
    date_hierarchy = "invoice_date"
    readonly_fields = [f.name for f in Invoice._meta.fields]
    inlines = [InvoiceLineInline]
    actions = ["export_csv"]

    @admin.display(description=_("Faktura (pdf)"))
    def pdf_link(self, obj):
        url = reverse("admin:billing_invoice_pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, obj.number)

    def get_urls(self):
        pdf = self.admin_site.admin_view(self.pdf_view)
        export = self.admin_site.admin_view(require_GET(self.export_view))
        return [
            path("<int:pk>/pdf/", pdf, name="billing_invoice_pdf"),
            path("export/", export, name="billing_invoice_export"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """BEY-10: the changelist as it is filtered (search, Fakturadatum, Betalare, the date
        drill-down) as CSV or Excel, every row, the filters above the header. The invoices of
        patients name them: one access-log row each (ACC-8); no address exists (REC-5)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        fmt = export_format(request)
        if fmt is None:
            return bad_export_format()
        request.GET = request.GET.copy()
        request.GET.pop("format", None)
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Filtret finns inte.").encode())
        invoices = changelist.get_queryset(request)
        self.log_shown(request, invoices.values_list("pk", flat=True), "admin_export")
        kinds = labels(PatientCharge.DebtorKind.choices)
        columns = [
            ExportColumn(_("Fakturanummer"), "number"),
            ExportColumn(_("Fakturadatum"), "invoice_date"),
            ExportColumn(_("Förfallodatum"), "due_date"),
            ExportColumn(_("Betalare"), "debtor_kind", kinds.get),
            ExportColumn(_("Kund"), "debtor_code"),
            ExportColumn(_("Namn"), "debtor_name"),
            ExportColumn(_("Belopp"), "total"),
        ]
        return export(fmt, "fakturor", invoices, columns, changelist_filters(changelist, request))

    def pdf_view(self, request, pk):
        """DOC-4: the invoice as an A4 PDF, its number as text and barcode, from the data."""
        if not request.user.has_perm("billing.view_invoice"):
            raise PermissionDenied
        invoice = get_object_or_404(Invoice, pk=pk)
        lines = list(invoice.lines.select_related("charge").order_by("pk"))
        _log_recipient_view(request, lines[0].charge if lines else None, "admin_invoice_pdf")
        if invoice.debtor_kind == PatientCharge.DebtorKind.RECIPIENT:
            invoice.debtor_code_display = personnummer.display(invoice.debtor_code)
        else:
            invoice.debtor_code_display = invoice.debtor_code
        return pdf_response(
            "billing/pdf/invoice.html",
            {"invoice": invoice, "lines": lines, "number": invoice.number},
            filename=f"faktura-{invoice.number}",
        )

    @admin.action(description=_("Exportera till ekonomisystemet (CSV)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="fakturor-{stamp}.csv"'
        write_invoices(response, queryset)
        self.log_shown(request, queryset.values_list("pk", flat=True), "admin_export")  # ACC-8
        return response


@admin.register(BillingRun)
class BillingRunAdmin(ReadOnlyAdmin):
    list_display = ["run_date", "started_at", "finished_at", "invoices_created", "charges_billed"]
    readonly_fields = [f.name for f in BillingRun._meta.fields]
