"""Avvikelse / reklamation (BEY-9) for the units: report from an individual, a recipient's
device, an order line or a receipt; the report page with its history and attachments; the
Läkemedelsverket PDF; Sök → Avvikelse and Mina sidor → Mina avvikelser. Only the report's unit
sees it (others get 404, ACC-4); a page that names a recipient writes the access log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orders.extensions import Link
from safety import selectors, services
from safety.forms import DeviationAttachmentForm, DeviationForm, DeviationSearchForm
from safety.models import Deviation
from sesam.exceptions import SesamError
from sesam.lib.attachments import attachment_response
from sesam.lib.htmx import redirect_page, render_page
from sesam.lib.pdf import pdf_response
from sesam.lib.scoping import location_ids
from sesam.services import log_access, log_accesses


def _log(request, deviation, action):
    if deviation.recipient_id:
        log_access(
            by=request.user,
            service_location=request.service_location or None,
            recipient=deviation.recipient,
            action=action,
            deviation=deviation.number,
        )


def _deviation_or_404(request, number, *related) -> Deviation:
    found = selectors.deviations_for(location_ids(request))
    if related:
        found = found.select_related(*related)
    return get_object_or_404(found, number=number)


@require_http_methods(["GET", "POST"])
def deviation_new(request):
    """Rapportera avvikelse: ?individ= or ?mottagare= (then a device is chosen) names what the
    report is about; anything the user may not see is 404."""
    found = selectors.deviation_source(request.GET, location_ids(request))
    if found is None:
        raise Http404
    return _report(request, *found)


@require_http_methods(["GET", "POST"])
def deviation_from_order_line(request, order_line_id):
    """Avvikelse / reklamation on an order line (the order page, BEY-9); another location's
    line, a cart's or a cancelled one is 404 (ACC-4)."""
    line = selectors.reportable_order_line(order_line_id, location_ids(request))
    if line is None:
        raise Http404
    return _report(request, Deviation.Source.ORDER_LINE, line, None)


@require_http_methods(["GET", "POST"])
def deviation_from_receipt(request, receipt_id):
    """Reklamera leveransen: a receipt (Kvittera direktleverans, the order page's Kvittens)
    as the subject, Leveransfel preselected (BEY-9); another location's receipt is 404."""
    receipt = selectors.reportable_receipt(receipt_id, location_ids(request))
    if receipt is None:
        raise Http404
    return _report(request, Deviation.Source.RECEIPT, receipt, None)


def _report(request, source, thing, recipient):
    """The report form for what the URL named; POST reports it through the service (a double
    submit makes one report: the form's key) and goes to the report's page."""
    if request.service_location is None:
        raise Http404
    devices = selectors.reportable_devices(recipient, location_ids(request)) if recipient else None
    initial = {"kind": Deviation.Kind.DELIVERY_FAULT} if source == Deviation.Source.RECEIPT else {}
    form = DeviationForm(
        request.POST or None, request.FILES or None, devices=devices, initial=initial
    )
    if recipient:  # the form names the recipient (an order line's page names only the order)
        log_access(
            by=request.user,
            service_location=request.service_location,
            recipient=recipient,
            action="deviation_new",
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if devices is not None:
            thing = next(d for d in devices if d.pk == data["device"])
        try:
            deviation = services.report_deviation(
                by=request.user,
                service_location=request.service_location,
                source=source,
                thing=thing,
                kind=data["kind"],
                description=data["description"],
                event_date=data["event_date"],
                consequence=data["consequence"],
                udi=data["udi"],
                upload=data["attachment"],
                key=data["key"],
            )
        except SesamError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Avvikelse %(n)s är registrerad.") % {"n": deviation.number}
            )
            return redirect_page(request, deviation.get_absolute_url())
    context = {"form": form, "source": source, "thing": thing, "recipient": recipient}
    return render(request, "safety/deviation_new.html", context, status=422 if form.errors else 200)


@require_GET
def deviation_detail(request, deviation_number):
    deviation = _deviation_or_404(request, deviation_number, "order_line__order")
    _log(request, deviation, "deviation")
    context = {
        "deviation": deviation,
        "events": deviation.events.select_related("by"),
        "attachments": deviation.attachments.all(),
        "attachment_form": DeviationAttachmentForm(),
    }
    return render(request, "safety/deviation_detail.html", context)


@require_POST
def deviation_add_attachment(request, deviation_number):
    deviation = _deviation_or_404(request, deviation_number)
    form = DeviationAttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise SesamError(_("Välj en fil att bifoga."))
        services.add_deviation_attachment(
            by=request.user, deviation=deviation, upload=form.cleaned_data["attachment"]
        )
    except SesamError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Bilagan är sparad."))
    return redirect_page(request, deviation.get_absolute_url())


@require_GET
def deviation_attachment(request, deviation_number, pk):
    deviation = _deviation_or_404(request, deviation_number)
    item = get_object_or_404(deviation.attachments, pk=pk)
    return attachment_response(item)


@require_GET
def deviation_pdf(request, deviation_number):
    """Läkemedelsverket's incident report (MDR art. 87): the device and the event, the
    patient's age and sex, never the personnummer."""
    deviation = _deviation_or_404(request, deviation_number)
    if not deviation.report_to_mpa:
        raise Http404
    _log(request, deviation, "deviation_pdf")
    return pdf_response(
        "safety/pdf/deviation_report.html",
        {"deviation": deviation, "number": deviation.number},
        filename=f"lakemedelsverket-{deviation.number}",
    )


@require_GET
def deviation_search(request):
    """Sök → Avvikelse: the reports of the user's locations, by number, status and type."""
    form = DeviationSearchForm(request.GET or None)
    found = selectors.deviations_for(location_ids(request))
    if form.is_valid():
        data = form.cleaned_data
        if data["number"]:
            found = found.filter(number__iexact=data["number"].strip())
        if data["status"]:
            found = found.filter(status=data["status"])
        if data["kind"]:
            found = found.filter(kind=data["kind"])
    page = Paginator(found, 50).get_page(request.GET.get("sida"))
    log_accesses(
        by=request.user,
        service_location=request.service_location or None,
        recipients=[d.recipient for d in page if d.recipient_id],
        action="deviation_search",
    )
    context = {"form": form, "page": page, "deviations": list(page)}
    return render_page(
        request, "safety/deviation_search.html", context, partial="deviation-results"
    )


def my_deviations_tab(request):
    """Mina sidor → Mina avvikelser: the reports of the user's current location."""
    location = request.service_location
    found = selectors.deviations_for([location.pk] if location else [])[:50]
    log_accesses(
        by=request.user,
        service_location=location,
        recipients=[d.recipient for d in found if d.recipient_id],
        action="my_deviations",
    )
    return "safety/deviation_rows.html", {"deviations": found}


def recipient_menu_entry(request, recipient) -> str:
    """Registrera/skapa → Avvikelse / reklamation (a user without a location reports nothing)."""
    if request.service_location is None:
        return ""
    return f"{reverse('safety:deviation_new')}?mottagare={recipient.pk}"


def individual_tab(request, individual):
    """The individual page's tab Avvikelser: this individual's reports of the user's locations."""
    found = selectors.deviations_for(location_ids(request)).filter(individual=individual)
    return "safety/deviation_individual_tab.html", {
        "deviations": list(found),
        "report_url": f"{reverse('safety:deviation_new')}?individ={individual.pk}",
    }


def order_line_link(request, line) -> Link | None:
    """The order page (orders.extensions): Avvikelse / reklamation beside each line that can
    be reported on (not a cart's, not cancelled); no query."""
    if request.service_location is None or line.status in selectors.NOT_REPORTABLE_LINE:
        return None
    url = reverse("safety:deviation_from_order_line", args=[line.pk])
    return Link(_("Avvikelse / reklamation"), url)


def receipt_link(request, receipt) -> Link | None:
    """Beside a receipt (the order page, Kvittera direktleverans): Reklamera leveransen."""
    if request.service_location is None:
        return None
    url = reverse("safety:deviation_from_receipt", args=[receipt.pk])
    return Link(_("Reklamera leveransen"), url)
