"""Mottagare (REC-1…REC-7): look-up, the recipient page with its tabs and side panel, inline
edits, and the documents (DOC-1, DOC-4). Recipients are region-wide: any staff member may
look one up, so every request that shows or changes a recipient's data writes exactly one
access-log row (ACC-8); the devices shown are limited to the user's product areas."""

import functools
import uuid

from django.contrib import messages
from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing import selectors as billing
from inventory.selectors import location_warehouses
from recipients import documents, extensions, selectors, services
from recipients.exceptions import RecipientError
from recipients.forms import (
    FIELD_FORMS,
    LoanAgreementForm,
    LookupForm,
    ReturnDevicesForm,
    ReturnLocationForm,
)
from recipients.models import Device, Recipient, Return
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page, render_page, wants_partial
from sesam.lib.pdf import pdf_response
from sesam.lib.scoping import get_scoped_or_404, location_ids
from sesam.lib.search import (
    ExportColumn,
    Paginator,
    bad_export_format,
    export,
    export_format,
    labels,
)
from sesam.lib.sorting import sort_headers
from sesam.models import Document
from sesam.services import register_document

PAGE_SIZE = 50
DOCUMENT_KINDS = {
    LoanAgreementForm.LOAN: Document.Kind.LOAN_AGREEMENT,
    LoanAgreementForm.OWNERSHIP: Document.Kind.OWNERSHIP,
}


@require_http_methods(["GET", "POST"])
def lookup(request):
    """REC-1: find a recipient by personnummer. The form posts, so that the number stays out
    of URLs and server logs; ?personnummer= (the start page's quick search) works too."""
    data = request.POST if request.method == "POST" else None
    if data is None and "personnummer" in request.GET:
        data = request.GET
    form = LookupForm(data)
    if data is None:
        return render(request, "recipients/lookup.html", {"form": form})
    if not form.is_valid():
        return render(request, "recipients/lookup.html", {"form": form}, status=422)
    number = form.cleaned_data["personnummer"]
    recipient = selectors.find_by_personnummer(number)
    if recipient is None:
        context = {"form": form, "unknown": Recipient(personnummer=number)}
        return render(request, "recipients/lookup.html", context)
    log_view(request, recipient, "lookup")
    return redirect(recipient)


@require_GET
def detail(request, pk):
    """REC-2…REC-7: the recipient page. ?flik= picks the tab, ?andra= opens an inline editor
    without JavaScript; under HTMX only the tabs are returned."""
    recipient = get_object_or_404(Recipient, pk=pk)
    tab = selectors.TABS_BY_SLUG.get(request.GET.get("flik", ""), selectors.DEFAULT_TAB)
    context = _page_context(request, recipient, tab=tab, editing=request.GET.get("andra"))
    action = f"tab:{tab.code}" if wants_partial(request) else "view"
    log_view(request, recipient, action, tab=tab.code)
    return render_page(request, "recipients/detail.html", context, partial="recipient-tabs")


@require_GET
def device_panel(request, pk, device_pk):
    """REC-6: a device's order details in a side panel beside its tab."""
    recipient = get_object_or_404(Recipient, pk=pk)
    devices = selectors.visible_devices(user=request.user, recipient=recipient)
    device = get_object_or_404(devices, pk=device_pk, status__in=selectors.ALL_TAB_STATUSES)
    tab = selectors.tab_for_device(device)
    context = _page_context(request, recipient, tab=tab, panel=device)
    log_view(request, recipient, "device_panel", device=device.pk)
    return render_page(request, "recipients/detail.html", context, partial="recipient-tabs")


@require_GET
def devices_export(request, pk):
    """BEY-10: a device tab of the recipient page (?flik=hjalpmedel, bestallt, aterlamnat) as
    CSV or Excel — every device of the tab in the user's product areas, sorted as the page;
    Avgift as the sum of the line's charges not cancelled. One access-log row (ACC-8); no
    address in it (REC-5)."""
    recipient = get_object_or_404(Recipient, pk=pk)
    tab = selectors.TABS_BY_SLUG.get(request.GET.get("flik", ""), selectors.DEFAULT_TAB)
    if not tab.statuses:
        raise Http404  # Aktiviteter: Sök → Aktivitet exports activities
    fmt = export_format(request)
    if fmt is None:
        return bad_export_format()
    sort = request.GET.get("sortera", selectors.DEFAULT_SORT)
    if sort.removeprefix("-") not in selectors.SORT_FIELDS:
        sort = selectors.DEFAULT_SORT
    devices = selectors.visible_devices(user=request.user, recipient=recipient)
    rows = selectors.tab_devices(devices, tab, sort=sort).annotate(
        fee=billing.line_fees(OuterRef("order_line_id"))
    )
    log_view(request, recipient, "devices_export", tab=tab.code, format=fmt)
    filters = [
        (_("Mottagare"), recipient.name),
        (_("Personnummer"), recipient.personnummer_display),
        (_("Flik"), str(tab.label)),
    ]
    name = f"{tab.slug}-{recipient.personnummer_display}"
    return export(fmt, name, rows, _export_columns(tab), filters)


def _export_columns(tab) -> list[ExportColumn]:
    """The columns of the tab as the page shows them (REC-6), the date a date."""
    columns = [
        ExportColumn(str(tab.date_label), tab.date_field, _day),
        ExportColumn(_("Artikelnr"), "article__number"),
        ExportColumn(_("Benämning"), "article__name"),
    ]
    if tab.slug != "bestallt":
        columns.append(ExportColumn(_("Individnummer"), "individual__number"))
        columns.append(ExportColumn(_("Avgift"), "fee"))
    columns.append(ExportColumn(_("Antal"), "quantity"))
    if tab.slug == "bestallt":
        columns.append(ExportColumn(_("Planerat lev.datum"), "planned_delivery_date"))
    if tab.slug == "aterlamnat":
        statuses = labels(Device.Status.choices)
        columns.append(ExportColumn(_("Status"), "status", statuses.get))
        columns.append(ExportColumn(_("Returkvitto"), "return_line__ret__number"))
    else:
        columns.append(ExportColumn(_("Beställningsnummer"), "order_number"))
    return columns


def _day(value):
    """A tab's date column: Beställd is a moment, shown (and exported) as its local day."""
    if hasattr(value, "hour"):
        return timezone.localdate(value)
    return value


def _page_context(request, recipient, *, tab, panel=None, editing=None, form=None):
    devices = selectors.visible_devices(user=request.user, recipient=recipient)
    sort = request.GET.get("sortera", selectors.DEFAULT_SORT)
    if sort.removeprefix("-") not in selectors.SORT_FIELDS:
        sort = selectors.DEFAULT_SORT
    page = None
    counts = selectors.tab_counts(request.user, recipient)
    for slug, counter in extensions.TAB_COUNTERS.items():  # e.g. Aktiviteter (issue 19.4)
        counts[slug] = counter(request, recipient)
    if tab.statuses:
        rows = selectors.tab_devices(devices, tab, sort=sort)
        # the tab's count is the list's: no second COUNT
        first = functools.partial(
            selectors.first_tab_page, request.user, recipient, tab, sort=sort, size=PAGE_SIZE
        )
        paginator = Paginator(rows, PAGE_SIZE, count=counts[tab.slug], first=first)
        page = paginator.get_page(request.GET.get("sida"))
    _attach_charges([*(page or []), *([panel] if panel else [])])
    if tab.slug == "aterlamnat" and page:  # back by pickup order: link to it (issue 19.4)
        links = extensions.return_links(request, [d.pk for d in page])
        for device in page:
            device.return_link = links.get(device.pk)
    home_region = billing.home_region_charges(recipient.pk) if recipient.is_out_of_region else []
    base = f"{recipient.get_absolute_url()}?flik={tab.slug}"
    fields = [
        _field(recipient, name, editing=name == editing, form=form if name == editing else None)
        for name in _editable_fields(recipient)
    ]
    provided = None  # a tab a higher app fills (REC-6 Aktiviteter), see recipients.extensions
    if tab.slug in extensions.TAB_PROVIDERS:
        template, extra = extensions.TAB_PROVIDERS[tab.slug](request, recipient)
        provided = {"template": template, **extra}
    return {
        "provided": provided,
        "recipient": recipient,
        "tab_links": [(t, counts[t.slug]) for t in selectors.TABS],
        "tab": tab,
        "page": page,
        "page_url": f"{base}&sortera={sort}",
        "export_query": urlencode({"flik": tab.slug, "sortera": sort}),
        "headers": _headers(request, recipient, tab, sort),
        "panel": panel,
        "fields": fields,
        # ACC-7: Retur is not offered while the active service location is private.
        "can_return": not getattr(request.service_location, "is_private", True),
        "my_location_ids": set(location_ids(request)),
        "home_region_charges": home_region,
        "fitting_pending": any(c.is_open for c in home_region),
        "may_report_fitting": bool(request.service_location)
        and not request.service_location.is_private,
        **_extensions(request, recipient),
    }


def _extensions(request, recipient) -> dict:
    """REC-7/REC-8: Registrera/skapa's entries and the notices that higher apps register
    (the page's head only: an HTMX tab does not show them)."""
    if wants_partial(request):
        return {}
    entries = extensions.menu_entries(request, recipient)
    return {
        "menu_entries": entries,
        "menu_soon": any(not entry["url"] for entry in entries),
        "notices": extensions.notices(request, recipient),
        "sections": extensions.sections(request, recipient),
    }


def _attach_charges(devices) -> None:
    """BIL: each device shown carries its order line's charges (one query per page)."""
    charges = billing.charges_by_line(d.order_line_id for d in devices)
    for device in devices:
        device.charges = charges.get(device.order_line_id, [])


@require_POST
def fitting_completed(request, pk):
    """BIL-5/REC-4: Utprovning avslutad (one click, Region clinics only): recorded who and
    when; the pending home-region charge is cancelled."""
    recipient = get_object_or_404(Recipient, pk=pk)
    try:
        cancelled = services.report_fitting_completed(
            by=request.user, recipient=recipient, service_location=request.service_location or None
        )
    except RecipientError as error:
        log_view(request, recipient, "fitting_completed_refused")
        context = _page_context(request, recipient, tab=selectors.DEFAULT_TAB)
        return render(
            request, "recipients/detail.html", {**context, "fitting_error": str(error)}, status=409
        )
    if cancelled:
        messages.success(
            request, _("Utprovning avslutad är rapporterad. Hemregionen faktureras inte.")
        )
    else:
        messages.info(request, _("Utprovning avslutad var redan rapporterad."))
    return redirect_page(request, recipient.get_absolute_url())


def _headers(request, recipient, tab, sort):
    """Column headers of a device tab; sortable ones link to their sort (again: reversed)."""
    columns = [
        ("datum", tab.date_label),
        ("artikel", _("Artikelnr")),
        ("benamning", _("Benämning")),
    ]
    if tab.slug != "bestallt":
        columns.append((None, _("Individnummer")))
        columns.append((None, _("Avgift")))
    columns.append((None, _("Antal")))
    if tab.slug == "bestallt":
        columns.append((None, _("Planerat lev.datum")))
    if tab.slug == "aterlamnat":
        columns += [(None, _("Status")), (None, _("Returkvitto"))]
    else:
        columns.append(("bestallning", _("Beställningsnummer")))
    headers = sort_headers(
        request,
        columns,
        sort,
        path=recipient.get_absolute_url(),
        query={"flik": tab.slug},
        descending_first={"datum"},
    )
    for header in headers:
        header["num"] = header["label"] == _("Antal")
    return headers


def _editable_fields(recipient):
    return ["telefon", "betalningsforbindelse"] if recipient.is_out_of_region else ["telefon"]


def _field(recipient, name, *, editing=False, form=None):
    value = recipient.phone if name == "telefon" else recipient.payment_commitment
    form = form or _form(name, initial={"value": value})
    return {"name": name, "form": form, "editing": editing, "value": value}


def _form(name, data=None, **kwargs):
    """Each inline field's form has its own ids (both may be open at once)."""
    return FIELD_FORMS[name](data, auto_id=f"id_{name}_%s", **kwargs)


FIELD_ACTIONS = {"telefon": "phone", "betalningsforbindelse": "payment_commitment"}


@require_http_methods(["GET", "POST"])
def field(request, pk, name):
    """REC-2/REC-4 inline edit (pen → green check saves, red cross cancels): GET returns the
    field (?andra=1: its editor) under HTMX; POST saves through the service (which writes the
    access-log row), or answers 422 with the Swedish message."""
    recipient = get_object_or_404(Recipient, pk=pk)
    if name not in _editable_fields(recipient):
        return render(request, "404.html", status=404)
    template, partial = "recipients/detail.html", "recipient-field"
    if request.method == "GET":
        if not wants_partial(request):
            return redirect(recipient.get_absolute_url() + f"?andra={name}")
        log_view(request, recipient, f"{FIELD_ACTIONS[name]}_form")
        f = _field(recipient, name, editing=request.GET.get("andra") == "1")
        return render_page(request, template, {"recipient": recipient, "f": f}, partial=partial)
    form = _form(name, request.POST)
    if form.is_valid():
        try:
            _save_field(request, recipient, name, form.cleaned_data["value"])
        except RecipientError as error:
            form.add_error("value", str(error))
        else:
            if not wants_partial(request):
                messages.success(request, _("Uppgiften är sparad."))
                return redirect(recipient)
            context = {"recipient": recipient, "f": _field(recipient, name)}
            return render_page(request, template, context, partial=partial)
    log_view(request, recipient, f"{FIELD_ACTIONS[name]}_rejected")
    if not wants_partial(request):
        context = _page_context(
            request, recipient, tab=selectors.DEFAULT_TAB, editing=name, form=form
        )
        return render(request, "recipients/detail.html", context, status=422)
    f = _field(recipient, name, editing=True, form=form)
    context = {"recipient": recipient, "f": f}
    return render_page(request, template, context, partial=partial, status=422)


def _save_field(request, recipient, name, value):
    location = request.service_location or None
    if name == "telefon":
        services.update_phone(
            by=request.user, recipient=recipient, phone=value, service_location=location
        )
    else:
        services.update_payment_commitment(
            by=request.user, recipient=recipient, reference=value, service_location=location
        )


@require_GET
def loan_agreement(request, pk):
    """REC-7/DOC-1: Låneförbindelse – pick the document type (preselected by age) and tick
    devices. A <dialog> under HTMX, else a page. ?bestallning=<number> ticks the devices of
    that order (the order confirmation links so). Skapa pdf (?skapa=1) checks the form here,
    in place, before any tab opens (DOC-D3)."""
    recipient = get_object_or_404(Recipient, pk=pk)
    devices = list(selectors.document_devices(user=request.user, recipient=recipient))
    if "skapa" in request.GET:
        return _check_loan_agreement(request, recipient, devices)
    order_number = request.GET.get("bestallning", "")
    initial = {
        "typ": LoanAgreementForm.type_for(is_adult=recipient.is_adult),
        "hjalpmedel": [d.pk for d in devices if order_number and d.order_number == order_number],
    }
    form = LoanAgreementForm(initial=initial, devices=devices)
    log_view(request, recipient, "loan_agreement_form")
    context = _loan_context(recipient, form, devices, dialog=wants_partial(request))
    return render_page(request, "recipients/loan_agreement.html", context, partial="loan-agreement")


def _check_loan_agreement(request, recipient, devices):
    """Skapa pdf: with errors the form comes back with its message (422); when valid, with
    the link Öppna pdf, which the script opens in a new tab. The form says whether it sits
    in a dialog (?dialog=1) or on the page."""
    form = LoanAgreementForm(request.GET, devices=devices)
    valid = form.is_valid()
    log_view(request, recipient, "loan_agreement_form" if valid else "loan_agreement_rejected")
    dialog = wants_partial(request) and "dialog" in request.GET
    context = _loan_context(recipient, form, devices, dialog=dialog)
    if valid:
        data = {"typ": form.cleaned_data["typ"], "hjalpmedel": form.cleaned_data["hjalpmedel"]}
        pdf = reverse("recipients:loan_agreement_pdf", args=[recipient.pk])
        context["pdf_url"] = f"{pdf}?{urlencode(data, doseq=True)}"
    return render_page(
        request,
        "recipients/loan_agreement.html",
        context,
        partial="loan-agreement",
        status=200 if valid else 422,
    )


def _loan_context(recipient, form, devices, *, dialog):
    return {
        "recipient": recipient,
        "form": form,
        "devices": devices,
        "selected": {str(value) for value in form["hjalpmedel"].value() or []},
        "dialog": dialog,
    }


@require_GET
def loan_agreement_pdf(request, pk):
    """DOC-1, DOC-4: the Låneförbindelse / Eget ägande PDF (no address under protected
    identity, REC-5). A form with errors comes back as the page, 422."""
    recipient = get_object_or_404(Recipient, pk=pk)
    devices = list(selectors.document_devices(user=request.user, recipient=recipient))
    form = LoanAgreementForm(request.GET, devices=devices)
    if not form.is_valid():
        log_view(request, recipient, "loan_agreement_rejected")
        context = _loan_context(recipient, form, devices, dialog=False)
        return render(request, "recipients/loan_agreement.html", context, status=422)
    chosen = form.selected_devices()
    kind = form.cleaned_data["typ"]
    printed = register_document(
        by=request.user,
        kind=DOCUMENT_KINDS[kind],
        service_location=request.service_location or None,
        recipient=recipient,
        reference=",".join(str(d.pk) for d in chosen),
    )
    document = documents.loan_agreement(
        recipient=recipient,
        devices=chosen,
        kind=kind,
        number=printed.number,
        user=request.user,
        service_location=request.service_location or None,
    )
    log_view(
        request, recipient, "loan_agreement_pdf", kind=document.kind, devices=[d.pk for d in chosen]
    )
    return pdf_response(document.template, document.context, filename=document.filename)


@require_GET
def device_list_pdf(request, pk):
    """REC-7, DOC-4: Hjälpmedelslista – the recipient's delivered devices, as a PDF."""
    recipient = get_object_or_404(Recipient, pk=pk)
    devices = list(selectors.delivered_devices(user=request.user, recipient=recipient))
    printed = register_document(
        by=request.user,
        kind=Document.Kind.DEVICE_LIST,
        service_location=request.service_location or None,
        recipient=recipient,
    )
    document = documents.device_list(
        recipient=recipient,
        devices=devices,
        number=printed.number,
        user=request.user,
        service_location=request.service_location or None,
    )
    log_view(request, recipient, "device_list_pdf", devices=len(devices))
    return pdf_response(document.template, document.context, filename=document.filename)


# --- Retur från patient till eget lager (RET-1…RET-5, ACC-7) -----------------------------------

RETURN_STEPS = [_("Tjänsteställe"), _("Välj hjälpmedel"), _("Klart")]


def _return_locations(request) -> list:
    """The user's service locations that hold an own store (ACC-7: private clinics hold none),
    each with its `warehouse` loaded."""
    return [w.service_location for w in location_warehouses(request.service_locations)]


def _return_refusal_text(request) -> str:
    """ACC-7, RET-3: a user whose active service location is private is not offered Retur, and
    the server refuses it (a pickup order goes to the central store instead)."""
    location = request.service_location or None
    if location is not None and location.is_private:
        return "private"
    return "" if _return_locations(request) else "no_store"


def _return_refused(request, recipient):
    if not _return_refusal_text(request):
        return None
    location = request.service_location or None
    log_view(request, recipient, "return_refused")
    context = {"recipient": recipient, "location": location}
    return render(request, "recipients/return_refused.html", context, status=403)


@require_http_methods(["GET", "POST"])
def return_devices(request, pk):
    """RET-1: Tjänsteställe (its own store shown automatically; under HTMX a changed choice
    returns the store only) → Nästa → tick devices in the Retur column (or Skrota, RET-4) →
    Returnera artiklar, which posts here and redirects to the confirmation."""
    recipient = get_object_or_404(Recipient, pk=pk)
    if refused := _return_refused(request, recipient):
        return refused
    locations = _return_locations(request)
    if request.method == "POST":
        return _return_post(request, recipient, locations)
    if "tjanstestalle" not in request.GET or (
        request.htmx and request.htmx.target == "return-warehouse"
    ):
        return _return_step_one(request, recipient, locations)
    form = ReturnLocationForm(request.GET, locations=locations)
    if not form.is_valid():
        return _return_step_one(request, recipient, locations, form=form, status=422)
    devices_form = _devices_form(
        request, recipient, locations, initial={**form.cleaned_data, "key": uuid.uuid4()}
    )
    log_view(request, recipient, "return_form", returned_at=form.location().pk)
    return _render_return_step_two(request, recipient, devices_form)


def _return_step_one(request, recipient, locations, *, form=None, status=200):
    by_id = {location.pk: location for location in locations}
    wanted = request.GET.get("tjanstestalle") or request.GET.get("byt", "")
    active = request.service_location
    chosen = by_id.get(int(wanted) if wanted.isdigit() else None) or by_id.get(active.pk)
    chosen = chosen or locations[0]
    form = form or ReturnLocationForm(initial={"tjanstestalle": chosen.pk}, locations=locations)
    log_view(request, recipient, "return_form")
    context = {
        "recipient": recipient,
        "form": form,
        "location": chosen,
        "steps": RETURN_STEPS,
        "step": 0,
    }
    return render_page(
        request, "recipients/return.html", context, partial="return-warehouse", status=status
    )


def _devices_form(request, recipient, locations, *, data=None, initial=None):
    devices = list(selectors.delivered_devices(user=request.user, recipient=recipient))
    refusals = {device.pk: services.scrap_refusal(device.article) for device in devices}
    return ReturnDevicesForm(
        data, initial=initial, locations=locations, devices=devices, scrap_refusals=refusals
    )


def _render_return_step_two(request, recipient, form, *, status=200):
    chosen = form["tjanstestalle"].value()
    location = form.locations.get(int(chosen)) if str(chosen).isdigit() else None
    context = {
        "recipient": recipient,
        "form": form,
        "location": location,
        "rows": [
            {"device": device, "scrappable": not form.scrap_refusals[device.pk]}
            for device in form.devices.values()
        ],
        "scrappable_count": sum(not refusal for refusal in form.scrap_refusals.values()),
        "ticked": {str(v) for v in form["retur"].value() or []},
        "ticked_scrap": {str(v) for v in form["skrota"].value() or []},
        "steps": RETURN_STEPS,
        "step": 1,
    }
    return render(request, "recipients/return.html", context, status=status)


def _return_post(request, recipient, locations):
    if earlier := _return_with_posted_key(request, recipient):
        # A double submit: the first one did the work; show its confirmation.
        log_view(request, recipient, "return_repeated", number=earlier.number)
        return redirect_page(request, earlier.get_absolute_url())
    form = _devices_form(request, recipient, locations, data=request.POST)
    if not form.is_valid():
        log_view(request, recipient, "return_rejected")
        return _render_return_step_two(request, recipient, form, status=422)
    try:
        ret = services.return_devices(
            by=request.user,
            recipient=recipient,
            service_location=form.location(),
            device_ids=form.device_ids(),
            scrap_ids=form.cleaned_data["skrota"],
            key=form.cleaned_data["key"],
        )
    except SesamError as error:  # refused, or lost a race to another return or pickup
        log_view(request, recipient, "return_rejected")
        form = _devices_form(
            request, recipient, locations, initial={**form.cleaned_data, "key": uuid.uuid4()}
        )
        form.refusal = str(error)
        return _render_return_step_two(request, recipient, form, status=409)
    messages.success(
        request, _("Returen är registrerad, nummer %(number)s.") % {"number": ret.number}
    )
    return redirect_page(request, ret.get_absolute_url())


def _return_with_posted_key(request, recipient):
    try:
        key = uuid.UUID(request.POST.get("key", ""))
    except ValueError:
        return None
    return Return.objects.filter(
        key=key, recipient=recipient, service_location__in=location_ids(request)
    ).first()


def _scoped_return(request, pk, number):
    """ACC-4: a return is its service location's business; any other user gets 404."""
    queryset = Return.objects.select_related(
        "recipient", "service_location", "warehouse", "by"
    ).filter(recipient_id=pk)
    return get_scoped_or_404(queryset, request, number=number)


@require_GET
def return_done(request, pk, number):
    """RET-1 confirmation: the return's number, its devices, and the receipt (RET-5)."""
    ret = _scoped_return(request, pk, number)
    lines = list(ret.lines.select_related("device__article", "device__individual"))
    log_view(request, ret.recipient, "return_confirmation", number=ret.number)
    context = {"ret": ret, "recipient": ret.recipient, "lines": lines}
    return render(request, "recipients/return_done.html", context)


@require_GET
def return_receipt_pdf(request, pk, number):
    """RET-5, DOC-3, DOC-4: Returkvitto – the return's devices (no address under protected
    identity, REC-5), its number as text and barcode."""
    ret = _scoped_return(request, pk, number)
    lines = list(ret.lines.select_related("device__article", "device__individual"))
    document = documents.return_receipt(ret=ret, lines=lines)
    log_view(request, ret.recipient, "return_receipt_pdf", number=ret.number)
    return pdf_response(document.template, document.context, filename=document.filename)
