"""Aktivitet (ACT-1…ACT-9): the wizard Skapa aktivitet → Ange artikel → Önskad åtgärd → Ange
leveransadress (its state a draft on the server), the confirmation, the activity page with
Skapa pdf för aktivitet and Återrapportera/avsluta, and the technicians' attachments. Every
page names a recipient and writes one access-log row (ACC-8)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities import services
from activities.exceptions import ActivityConflict, ActivityRefused
from activities.forms.activity import (
    AddressForm,
    ContactForm,
    DevicesForm,
    PdfForm,
    ReportBackForm,
    RequestedActionForm,
    StartForm,
)
from activities.models.activity import Activity, ActivityAttachment
from activities.selectors import activity as selectors
from orders.services import allowed_prescribers
from recipients.exceptions import RecipientError
from recipients.models import Device, Recipient
from recipients.services import update_phone
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.attachments import attachment_response
from sesam.lib.htmx import redirect_page, render_page
from sesam.lib.pdf import pdf_response
from sesam.lib.scoping import location_ids

STEPS = [_("Skapa aktivitet"), _("Ange artikel"), _("Önskad åtgärd"), _("Ange leveransadress")]


def _steps():
    return [str(step) for step in STEPS]


def _refused(form, error, field=None):
    form.add_error(field, str(error))
    return 409


# --- the wizard --------------------------------------------------------------------------


def activity_menu_entry(request, recipient) -> str:
    """Registrera/skapa → Aktivitet on the recipient page (REC-7); private clinics too."""
    return reverse("activities:activity_start", args=[recipient.pk])


@require_http_methods(["GET", "POST"])
def activity_start(request, pk):
    """Skapa aktivitet (ACT-1…ACT-3): type with its info text, service location (the
    default preselected), prescriber (ACC-3); the phone when the recipient has none."""
    recipient = get_object_or_404(Recipient, pk=pk)
    draft = Activity.objects.filter(
        orderer=request.user, recipient=recipient, status=Activity.Status.DRAFT
    ).first()
    initial = {
        "service_location": request.service_location,
        "prescriber": request.user if request.user.is_prescriber else None,
    }
    if draft:
        initial.update(
            activity_type=draft.type,
            service_location=draft.service_location,
            prescriber=draft.prescriber,
        )
    form = StartForm(
        request.POST or None,
        initial=initial,
        locations=request.service_locations,
        prescribers=allowed_prescribers(request.user),
        needs_phone=not recipient.phone.strip(),
    )
    status = 200
    log_view(request, recipient, "activity_start")
    if not recipient.is_active:
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        status = 422
        if form.is_valid():
            status = _start(request, recipient, form)
            if status is None:
                draft = Activity.objects.get(
                    orderer=request.user, recipient=recipient, status=Activity.Status.DRAFT
                )
                url = _step_url("activities:activity_devices", draft)
                device = request.POST.get("hjalpmedel", "")
                return redirect(f"{url}?hjalpmedel={device}" if device.isdigit() else url)
    context = {
        "recipient": recipient,
        "form": form,
        "steps": _steps(),
        "step": 0,
        "device": request.GET.get("hjalpmedel") or request.POST.get("hjalpmedel", ""),
        "draft": draft,
    }
    return render(request, "activities/activity_start.html", context, status=status)


def _start(request, recipient, form):
    data = form.cleaned_data
    try:
        if form.needs_phone:
            update_phone(
                by=request.user,
                recipient=recipient,
                phone=data["phone"],
                service_location=request.service_location or None,
            )
        services.start_activity(
            by=request.user,
            recipient=recipient,
            activity_type=data["activity_type"],
            service_location=data["service_location"],
            prescriber=data["prescriber"],
        )
    except (ActivityRefused, RecipientError) as error:
        return _refused(form, error)
    return None


@require_GET
def activity_from_individual(request, pk):
    """Registrera/skapa → Aktivitet on the individual page: the recipient it is delivered to,
    with that device preticked (only for the delivering location's users, ACC-4)."""
    device = get_object_or_404(
        Device,
        individual_id=pk,
        status=Device.Status.DELIVERED,
        service_location_id__in=location_ids(request),
    )
    return redirect(
        f"{_url('activities:activity_start', device.recipient_id)}?hjalpmedel={device.pk}"
    )


def _url(name, *args):
    return reverse(name, args=args)


def _step_url(name, draft):
    return _url(name, draft.idempotency_key)


def _draft_or_404(request, key):
    draft = (
        Activity.objects.filter(
            orderer=request.user, idempotency_key=key, status=Activity.Status.DRAFT
        )
        .select_related("recipient", "service_location", "prescriber")
        .first()
    )
    if draft is None:
        sent = Activity.objects.filter(orderer=request.user, idempotency_key=key).first()
        if sent is not None:  # Back after Skicka: the activity is already sent
            return None, redirect("activities:activity_sent", number=sent.number)
        raise Http404
    log_view(request, draft.recipient, "activity_wizard")
    return draft, None


def _render_step(request, draft, step, template, context, status=200):
    context = {
        "activity": draft,
        "recipient": draft.recipient,
        "steps": _steps(),
        "step": step,
        **context,
    }
    return render(request, f"activities/{template}", context, status=status)


@require_http_methods(["GET", "POST"])
def activity_devices(request, key):
    """Ange artikel (ACT-2, ACT-4): the service product, the recipient's delivered devices
    (only those are offered; one for an installation). Enskild förskrivning has none."""
    draft, done = _draft_or_404(request, key)
    if done:
        return done
    products = services.service_products(draft.type, draft.recipient)
    rows = list(selectors.eligible_devices(user=request.user, recipient=draft.recipient))
    ticked = [row.device_id for row in draft.devices.all()]
    pretick = request.GET.get("hjalpmedel", "")
    if not ticked and pretick.isdigit():
        ticked = [int(pretick)]
    form = DevicesForm(
        request.POST or None,
        initial={"service_product": draft.service_product, "devices": ticked},
        activity=draft,
        products=products,
        devices=rows,
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.set_activity_devices(
                    by=request.user,
                    key=key,
                    service_product=form.cleaned_data["service_product"],
                    device_ids=form.cleaned_data.get("devices", []),
                    confirm_out_of_warranty=form.cleaned_data["confirm_out_of_warranty"],
                )
            except ActivityRefused as error:
                status = _refused(form, error)
            else:
                return redirect(_step_url("activities:activity_action", draft))
    expired = services.expired_warranties(draft, rows)  # BEY-4: the confirmation is offered
    context = {"form": form, "rows": rows, "expired": expired}
    return _render_step(request, draft, 1, "activity_devices.html", context, status)


@require_http_methods(["GET", "POST"])
def activity_action(request, key):
    """Önskad åtgärd (ACT-5): required, ≤ 5 000 characters; the application checklist as its
    help for Enskild förskrivning (ACT-2)."""
    draft, done = _draft_or_404(request, key)
    if done:
        return done
    form = RequestedActionForm(
        request.POST or None,
        initial={"requested_action": draft.requested_action},
        activity=draft,
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.set_requested_action(
                    by=request.user, key=key, text=form.cleaned_data["requested_action"]
                )
            except ActivityRefused as error:
                status = _refused(form, error, "requested_action")
            else:
                return redirect(_step_url("activities:activity_address", draft))
    back = "activities:activity_devices"
    return _render_step(
        request,
        draft,
        2,
        "activity_action.html",
        {"form": form, "back": _step_url(back, draft)},
        status,
    )


@require_http_methods(["GET", "POST"])
def activity_address(request, key):
    """Ange leveransadress (ACT-6): the unit's or the patient's address (never under
    protected identity, REC-5), or one typed by hand; Kontaktuppgifter; Skicka."""
    draft, done = _draft_or_404(request, key)
    if done:
        return done
    choices = services.address_choices(draft)
    contact = draft.contact or request.user.contact_line
    if draft.needs_devices:
        chosen = next((k for k, _l, text in choices if text == draft.address), None)
        initial = {
            "choice": chosen or ("annan" if draft.address else choices[0][0]),
            "address": "" if chosen else draft.address,
            "contact": contact,
        }
        form = AddressForm(
            request.POST or None,
            initial=initial,
            choices=choices,
            other=not services.only_unit_address(draft),
        )
    else:
        form = ContactForm(request.POST or None, initial={"contact": contact})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.set_activity_address(
                    by=request.user,
                    key=key,
                    address=form.cleaned_data.get("address", ""),
                    contact=form.cleaned_data["contact"],
                )
                activity = services.create_activity(by=request.user, key=key)
            except ActivityRefused as error:
                status = _refused(form, error)
            else:
                return redirect("activities:activity_sent", number=activity.number)
    context = {"form": form, "back": _step_url("activities:activity_action", draft)}
    return _render_step(request, draft, 3, "activity_address.html", context, status)


def _sent_or_404(request, number):
    try:
        activity = selectors.activity_detail(location_ids(request), number)
    except Activity.DoesNotExist:
        raise Http404 from None
    log_view(request, activity.recipient, "activity_view", activity=activity.number)
    return activity


@require_GET
def activity_sent(request, number):
    """The confirmation: the number, Stäng (start page) and Gå till aktivitetsdetaljer."""
    activity = _sent_or_404(request, number)
    return render(request, "activities/activity_sent.html", {"activity": activity})


# --- the activity page -------------------------------------------------------------------


@require_GET
def activity_detail(request, number):
    """ACT-7/ACT-8: the activity in collapsible sections; Registrera/skapa → Skapa pdf för
    aktivitet, Återrapportera/avsluta aktivitet. Under HTMX only the sections."""
    activity = _sent_or_404(request, number)
    context = {"activity": activity, "recipient": activity.recipient}
    return render_page(request, "activities/activity_detail.html", context, partial="sections")


@require_GET
def activity_pdf_form(request, number):
    """Skapa pdf för aktivitet: an optional comment for the printout, then Skapa pdf."""
    activity = _sent_or_404(request, number)
    context = {"activity": activity, "form": PdfForm()}
    return render_page(request, "activities/activity_pdf_form.html", context, partial="dialog")


@require_GET
def activity_pdf(request, number):
    """ACT-7/DOC-3: the A4 activity PDF (number as text and barcode)."""
    activity = _sent_or_404(request, number)
    form = PdfForm(request.GET)
    if not form.is_valid():
        context = {"activity": activity, "form": form}
        return render(request, "activities/activity_pdf_form.html", context, status=422)
    context = {
        "activity": activity,
        "number": activity.number,
        "comment": form.cleaned_data["comment"],
        "return_address": activity.address.splitlines(),
        "unit": activity.service_location,
        "printed": timezone.localdate(),
    }
    return pdf_response(
        "activities/pdf/activity.html", context, filename=f"aktivitet-{activity.number}"
    )


@require_http_methods(["GET", "POST"])
def activity_report_back(request, number):
    """ACT-9 Återrapportera/avsluta aktivitet: Utförd åtgärd, Ej garanti, Avsluta, Spara
    ändringar. A new unit from the supplier leads on to Byte av individnummer (IND-4)."""
    activity = _sent_or_404(request, number)
    form = ReportBackForm(
        request.POST or None,
        initial={
            "performed_action": activity.performed_action,
            "seen": activity.status,
            "outside_warranty": activity.outside_warranty,
        },
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_back_activity(
                    by=request.user,
                    activity=activity,
                    performed_action=data["performed_action"],
                    close=data["close"],
                    outside_warranty=data["outside_warranty"],
                    seen=data["seen"],
                )
            except SesamError as error:
                status = 409 if isinstance(error, ActivityConflict | ActivityRefused) else 422
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Ändringarna är sparade."))
                individual = _replaced_individual(activity) if data["new_unit"] else None
                if individual:
                    return redirect_page(request, "inventory:individual_change_number", individual)
                return redirect_page(request, "activities:activity_detail", activity.number)
    context = {"activity": activity, "form": form}
    return render_page(
        request, "activities/activity_report_back.html", context, partial="dialog", status=status
    )


def _replaced_individual(activity):
    ids = [row.device.individual_id for row in activity.devices.all() if row.device.individual_id]
    return ids[0] if ids else None


@require_GET
def activity_attachment(request, number, pk):
    """A technician's attachment, served only to users of the activity's location (ACC-4:
    others 404), as a download with its checked content type."""
    activity = _sent_or_404(request, number)
    item = get_object_or_404(ActivityAttachment, pk=pk, activity=activity)
    return attachment_response(item)
