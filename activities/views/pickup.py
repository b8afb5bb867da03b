"""Hämtorder (PU-1…PU-8): the wizard Skapa Hämtorder → Hämtorderorsak → Ange artikel → Ange
adress from the recipient page, the confirmation with Visa utskrift and the return checklist,
the pickup order page with Skapa pdf and Makulera, the slip PDF, Sök → Hämtorder and Mina
sidor → Mina hämtordrar. Every page names a recipient and writes one access-log row (ACC-8);
another location's pickup order is 404 (ACC-4)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from activities import services
from activities.exceptions import PickupRefused
from activities.forms.pickup import (
    AddressForm,
    DevicesForm,
    PickupSearchForm,
    ReasonForm,
)
from activities.models import PickupOrder
from activities.selectors import pickup as selectors
from activities.views.activity_search import recipient_name
from recipients.extensions import Notice
from recipients.models import Recipient
from recipients.services import ensure_active
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page, render_page, wants_partial
from sesam.lib.scoping import location_ids
from sesam.lib.search import (
    ExportColumn,
    Paginator,
    SearchTab,
    export_search,
    labels,
    number_in,
    render_quick,
    render_search,
)
from sesam.lib.sorting import sort_headers
from sesam.services import log_accesses

STEPS = [
    gettext_lazy("Hämtorderorsak"),
    gettext_lazy("Ange artikel"),
    gettext_lazy("Ange adress"),
]
SLIP_ADDRESS = ["Verksamhetsområde Hjälpmedel", "Truckstigen 2", "245 34 Staffanstorp"]


def _pickup_or_404(request, number) -> PickupOrder:
    try:
        return selectors.pickup_detail(location_ids(request), number)
    except PickupOrder.DoesNotExist:
        raise Http404 from None


# --- The wizard -----------------------------------------------------------------------------


def _step(request, template, step, recipient, *, status=200, **context):
    """Renders a wizard step (ACC-8: one access-log row, with the step)."""
    log_view(request, recipient, "pickup_wizard", step=step)
    context = {
        "steps": STEPS,
        "step": step,
        "recipient": recipient,
        "open_pickup": selectors.open_pickup_for(recipient),
        **context,
    }
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def pickup_start(request, pk):
    """Hämtorderorsak, the first step (PU-1, PU-2): what a pickup order is for, the reason and
    Tjänsteställe (preselected, or the user's draft's); Nästa starts the draft with them, or
    continues the user's draft for the recipient (UI-D185, PU-D620). REC-3: an inactive
    recipient is refused (409)."""
    recipient = get_object_or_404(Recipient, pk=pk)
    reasons = services.allowed_reasons(request.user)
    location = request.service_location
    initial = {
        "reason": reasons[0] if len(reasons) == 1 else "",
        "service_location": location.pk if location else None,
    }
    draft = PickupOrder.objects.filter(
        orderer=request.user, recipient=recipient, status=PickupOrder.Status.DRAFT
    ).first()
    if draft:  # Skapa Hämtorder again, or a second tab: the user's draft goes on (PU-D620)
        initial = {
            "reason": draft.reason or initial["reason"],
            "service_location": draft.service_location_id,
        }
    data = request.POST if request.method == "POST" else None
    form = ReasonForm(data, user=request.user, reasons=reasons, initial=initial)
    if data is None:
        return _step(request, "activities/pickup_reason.html", 0, recipient, form=form)
    try:
        ensure_active(recipient)  # REC-3, before the form's own errors
        if not form.is_valid():
            return _step(
                request, "activities/pickup_reason.html", 0, recipient, status=422, form=form
            )
        draft = services.start_pickup_draft(
            by=request.user,
            recipient=recipient,
            service_location=form.cleaned_data["service_location"],
            reason=form.cleaned_data["reason"],
        )
    except SesamError as error:
        return _step(
            request,
            "activities/pickup_reason.html",
            0,
            recipient,
            status=409,
            form=form,
            error=str(error),
        )
    log_view(request, recipient, "pickup_draft_started")
    return redirect_page(request, "activities:pickup_devices", key=draft.idempotency_key)


def _draft_or_redirect(request, key):
    """The user's draft, or — when Skapa hämtorder already sent it (Back, a second tab) — a
    redirect to that pickup order's confirmation; anything else is 404."""
    pickup = (
        PickupOrder.objects.filter(idempotency_key=key, orderer=request.user)
        .select_related("recipient", "service_location")
        .first()
    )
    if pickup is None:
        raise Http404
    if pickup.status != PickupOrder.Status.DRAFT:
        return None, redirect("activities:pickup_created", number=pickup.number)
    return pickup, None


def _keep(request, key, then, **fields):
    """Keeps a step's choices in the draft and goes on to the step `then`; when another tab
    sent the draft meanwhile, to that pickup order instead."""
    try:
        services.update_pickup_draft(by=request.user, key=key, **fields)
    except PickupRefused:
        _, done = _draft_or_redirect(request, key)
        if done is None:
            raise
        return done
    return redirect_page(request, then, key=key)


@require_http_methods(["GET", "POST"])
def pickup_reason(request, key):
    """Hämtorderorsak (PU-2): the reason with its info text, Tjänsteställe preselected."""
    draft, done = _draft_or_redirect(request, key)
    if done:
        return done
    reasons = services.allowed_reasons(request.user)
    initial = {"reason": draft.reason, "service_location": draft.service_location_id}
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        reasons=reasons,
        initial=initial,
    )
    if request.method == "POST":
        if form.is_valid():
            return _keep(
                request,
                draft.idempotency_key,
                "activities:pickup_devices",
                reason=form.cleaned_data["reason"],
                service_location=form.cleaned_data["service_location"],
            )
        return _step(
            request,
            "activities/pickup_reason.html",
            0,
            draft.recipient,
            status=422,
            form=form,
            draft=draft,
        )
    return _step(
        request, "activities/pickup_reason.html", 0, draft.recipient, form=form, draft=draft
    )


@require_http_methods(["GET", "POST"])
def pickup_devices(request, key):
    """Ange artikel (PU-3): tick devices among the recipient's delivered ones; a device on an
    open pickup order is not offered again."""
    draft, done = _draft_or_redirect(request, key)
    if done:
        return done
    if not draft.reason:
        return redirect("activities:pickup_reason", key=draft.idempotency_key)
    devices = list(selectors.pickable_devices(user=request.user, recipient=draft.recipient))
    form = DevicesForm(
        request.POST if request.method == "POST" else None,
        devices=devices,
        initial={"hjalpmedel": selectors.draft_device_ids(draft)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            return _keep(
                request,
                draft.idempotency_key,
                "activities:pickup_address",
                device_ids=form.cleaned_data["hjalpmedel"],
            )
        status = 422
        if form.has_error("hjalpmedel", "invalid_choice"):  # a second tab took it: say which
            posted = [int(v) for v in request.POST.getlist("hjalpmedel") if v.isdigit()]
            taken = services.on_open_pickup_message(posted)
            if taken:
                form.errors["hjalpmedel"] = form.error_class([taken])
    selected = {str(v) for v in (form["hjalpmedel"].value() or [])}
    return _step(
        request,
        "activities/pickup_devices.html",
        1,
        draft.recipient,
        status=status,
        form=form,
        draft=draft,
        devices=devices,
        selected=selected,
    )


@require_http_methods(["GET", "POST"])
def pickup_address(request, key):
    """Ange adress (PU-4, PU-5): the unit's address (shown, not editable), Kontaktuppgifter
    (the user's, editable), the reason for the return and Kommentar; Skapa hämtorder."""
    draft, done = _draft_or_redirect(request, key)
    if done:
        return done
    if not draft.reason or not selectors.draft_device_ids(draft):
        return redirect("activities:pickup_devices", key=draft.idempotency_key)
    initial = {
        "contact": draft.contact,
        "return_reason": draft.return_reason,
        "comment": draft.comment,
    }
    form = AddressForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {"form": form, "draft": draft, "address": draft.service_location.address_lines}
    if request.method == "GET":
        return _step(request, "activities/pickup_address.html", 2, draft.recipient, **context)
    if not form.is_valid():
        return _step(
            request, "activities/pickup_address.html", 2, draft.recipient, status=422, **context
        )
    data = form.cleaned_data
    try:
        pickup = services.create_pickup_order(
            by=request.user,
            key=draft.idempotency_key,
            contact=data["contact"],
            return_reason=data["return_reason"],
            comment=data["comment"],
        )
    except SesamError as error:
        return _step(
            request,
            "activities/pickup_address.html",
            2,
            draft.recipient,
            status=409,
            error=str(error),
            **context,
        )
    log_view(request, draft.recipient, "pickup_created", pickup=pickup.number)
    messages.success(request, _("Hämtorder %(number)s är skapad.") % {"number": pickup.number})
    return redirect_page(request, "activities:pickup_created", number=pickup.number)


# --- The pickup order: confirmation, page, slip, Makulera ---------------------------------


@require_GET
def pickup_created(request, number):
    """The confirmation (PU-5): Visa utskrift and the return checklist (on screen only)."""
    pickup = _pickup_or_404(request, number)
    log_view(request, pickup.recipient, "pickup_confirmation", pickup=pickup.number)
    context = {"steps": STEPS, "step": 4, "pickup": pickup, "recipient": pickup.recipient}
    return render(request, "activities/pickup_created.html", context)


@require_GET
def pickup_detail(request, number):
    """The pickup order page (PU-7, PU-8): head, devices, address and contact, history; the
    Registrera/skapa menu has Skapa pdf and, while Registrerad, Makulera."""
    pickup = _pickup_or_404(request, number)
    log_view(request, pickup.recipient, "pickup_detail", pickup=pickup.number)
    return render(request, "activities/pickup_detail.html", {"pickup": pickup})


@require_GET
def pickup_slip(request, number):
    """DOC-3, DOC-4, PU-5, PU-8: the slip to pack with the devices, addressed to Hjälpmedel in
    Staffanstorp, marked Hörsel; never an address of the patient (none is needed)."""
    from sesam.lib.pdf import pdf_response  # WeasyPrint is heavy to import

    pickup = _pickup_or_404(request, number)
    log_view(request, pickup.recipient, "pickup_slip_pdf", pickup=pickup.number)
    context = {
        "pickup": pickup,
        "number": pickup.number,
        "slip_address": SLIP_ADDRESS,
        "printed_at": timezone.localtime(),
    }
    return pdf_response(
        "activities/pdf/pickup.html", context, filename=f"Hämtorder {pickup.number}"
    )


@require_http_methods(["GET", "POST"])
def pickup_cancel(request, number):
    """Makulera (PU-7) while Registrerad: GET asks (a dialog under HTMX, else a page), POST
    `Ja, makulera` cancels through the service; posting again for a cancelled one returns."""
    pickup = _pickup_or_404(request, number)
    if request.method == "POST":
        if pickup.status == PickupOrder.Status.CANCELLED:
            log_view(request, pickup.recipient, "pickup_cancel_repeated", pickup=pickup.number)
            messages.info(request, _("Hämtordern är redan makulerad."))
            return redirect_page(request, "activities:pickup_detail", number=pickup.number)
        try:
            services.cancel_pickup_order(by=request.user, pickup_order=pickup)
        except SesamError as error:
            log_view(request, pickup.recipient, "pickup_cancel_refused", pickup=pickup.number)
            context = {"pickup": pickup, "refusal": str(error), "dialog": False}
            return render(request, "activities/pickup_cancel.html", context, status=409)
        log_view(request, pickup.recipient, "pickup_cancelled", pickup=pickup.number)
        messages.success(request, _("Hämtorder %(number)s är makulerad.") % {"number": number})
        return redirect_page(request, "activities:pickup_detail", number=pickup.number)
    refusal = (
        ""
        if pickup.is_open
        else _("Hämtordern är %(status)s och kan inte makuleras.")
        % {"status": pickup.get_status_display().lower()}
    )
    log_view(request, pickup.recipient, "pickup_cancel_form", pickup=pickup.number)
    context = {"pickup": pickup, "refusal": refusal, "dialog": wants_partial(request)}
    return render_page(
        request,
        "activities/pickup_cancel.html",
        context,
        partial="cancel-dialog",
        status=409 if refusal else 200,
    )


# --- Sök → Hämtorder (PU-8) -------------------------------------------------------------------

PAGE_SIZE = 50

COLUMNS = [
    ("nummer", gettext_lazy("Hämtordernummer")),
    ("registrerad", gettext_lazy("Registrerad")),
    ("bestallare", gettext_lazy("Beställare")),
    ("orsak", gettext_lazy("Hämtorderorsak")),
    ("status", gettext_lazy("Status")),
    ("mottagare", gettext_lazy("Mottagare")),
    ("tjanstestalle", gettext_lazy("Tjänsteställe")),
]


SEARCH_TAB = SearchTab(
    template="activities/pickup_search.html",
    form=PickupSearchForm,
    columns=COLUMNS,
    detail="activities:pickup_detail",
    per_page=PAGE_SIZE,
)


@require_GET
def pickup_search(request):
    """?nummer= is Snabbsökning: a whole number opens the pickup order. Otherwise the search
    by service location and period; under HTMX only the results are returned. The rows name
    recipients: one access-log row per recipient on the page (ACC-8)."""
    if "nummer" in request.GET:
        return render_quick(
            request,
            SEARCH_TAB,
            find=number_in(selectors.sent_pickups(location_ids(request))),
            not_found=_(
                "Hämtorder %(number)s finns inte på dina tjänsteställen. Kontrollera numret."
            ),
        )
    return render_search(request, SEARCH_TAB, on_page=lambda form, page: _log_page(request, page))


@require_GET
def pickup_search_export(request):
    """BEY-10: Sök → Hämtorder as CSV or Excel — every pickup order the search finds, the
    filters on screen; the rows name recipients: one access-log row each (ACC-8). The pickup
    address is no column (REC-5: none under protected identity, and the page shows none)."""
    reasons, statuses = labels(PickupOrder.Reason.choices), labels(PickupOrder.Status.choices)
    columns = [
        ExportColumn(_("Hämtordernummer"), "number"),
        ExportColumn(_("Registrerad"), "created_at"),
        ExportColumn(_("Beställare"), "orderer__full_name"),
        ExportColumn(_("Hämtorderorsak"), "reason", reasons.get),
        ExportColumn(_("Status"), "status", statuses.get),
        ExportColumn(
            _("Mottagare"), ("recipient__first_name", "recipient__last_name"), recipient_name
        ),
        ExportColumn(_("Tjänsteställe"), "service_location__name"),
    ]
    return export_search(request, SEARCH_TAB, "hamtordrar", columns, log_action="pickup_export")


def _log_page(request, page):
    if page.object_list:
        log_accesses(
            by=request.user,
            service_location=request.service_location,
            recipients=[pickup.recipient for pickup in page],
            action="pickup_search_recipients",
        )


# --- Mina sidor → Mina hämtordrar (HOME-4) ----------------------------------------------------

MY_PAGE_SIZE = 25

MY_COLUMNS = [
    ("nummer", gettext_lazy("Hämtordernummer")),
    ("registrerad", gettext_lazy("Registrerad")),
    ("orsak", gettext_lazy("Hämtorderorsak")),
    ("status", gettext_lazy("Status")),
    ("mottagare", gettext_lazy("Mottagare")),
    ("tjanstestalle", gettext_lazy("Tjänsteställe")),
]


def my_pickups_tab(request) -> tuple[str, dict]:
    """Mina hämtordrar: the user's pickup orders with their status, newest first, sortable,
    paged; ?hamtorder=<number> opens a side panel with the details (404 for another's)."""
    ids = location_ids(request)
    sort = selectors.MY_SORTING.key(request.GET.get("sortera"))
    pickups = selectors.my_pickups(request.user, ids, sort=sort)
    page = Paginator(pickups, MY_PAGE_SIZE).get_page(request.GET.get("sida"))
    panel = None
    number = request.GET.get("hamtorder", "")
    if number:
        try:
            panel = selectors.pickup_detail(ids, number)
        except PickupOrder.DoesNotExist:
            raise Http404 from None
        if panel.orderer_id != request.user.pk:
            raise Http404
        log_view(request, panel.recipient, "my_pickups_panel", pickup=panel.number)
    query = request.GET.copy()
    query.pop("hamtorder", None)
    context = {
        "pickup_page": page,
        "pickup_headers": sort_headers(request, MY_COLUMNS, sort),
        "pickup_panel": panel,
        "pickup_close_url": f"{request.path}?{query.urlencode()}",
    }
    return "activities/pickup_my.html", context


# --- The recipient page's parts (REC-7, REC-8), registered in recipients.extensions ---------


def pickup_menu_entry(request, recipient) -> str:
    """Registrera/skapa → Hämtorder (PU-1); private clinics too (ACC-7)."""
    return reverse("activities:pickup_start", args=[recipient.pk])


def pickup_notice(request, recipient) -> Notice | None:
    """REC-8: "Det finns en öppen hämtorder", which opens it (at one of the user's locations;
    another location's is named without a link, since its page would be 404)."""
    pickup = selectors.open_pickup_for(recipient)
    if pickup is None:
        return None
    mine = pickup.service_location_id in location_ids(request)
    url = reverse("activities:pickup_detail", args=[pickup.number]) if mine else ""
    return Notice(text=_("Det finns en öppen hämtorder"), url=url)


def pickup_return_links(request, device_ids) -> dict[int, tuple[str, str]]:
    """Återlämnat: a device that came back by pickup order links to that pickup order."""
    numbers = selectors.returned_by_pickup(location_ids(request), device_ids)
    return {
        device_id: (number, reverse("activities:pickup_detail", args=[number]))
        for device_id, number in numbers.items()
    }
