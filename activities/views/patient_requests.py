"""Förfrågningar från patienter (BEY-15) for the unit: Att göra's entry, the list of the
units' open requests, the section on the recipient page, and the answers — Skapa aktivitet and
Skapa hämtorder (one click, made at once: BEY-D523) and Avböj with a reason the patient reads.
Every page names recipients and writes the access log (ACC-8); another location's request is
404 (ACC-4)."""

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities.forms.patient_request import ConvertForm, DeclineForm
from activities.models import PatientRequest
from activities.selectors import patient_requests as selectors
from activities.services import patient_requests as services
from sesam.exceptions import SesamError
from sesam.lib.access import log_view
from sesam.lib.htmx import redirect_page
from sesam.lib.scoping import get_scoped_or_404, location_ids
from sesam.pages import TodoItem
from sesam.services import log_accesses

MAX_ROWS = 200  # a unit's open requests on one page; more are said to exist


def _request_or_404(request, pk) -> PatientRequest:
    rows = PatientRequest.objects.select_related(
        "recipient", "device__article", "device__individual", "service_location"
    )
    return get_scoped_or_404(rows, request, pk=pk)


def _list(request, *, error: str = "", status: int = 200):
    rows = list(selectors.open_request_rows(location_ids(request))[: MAX_ROWS + 1])
    log_accesses(
        by=request.user,
        service_location=request.service_location or None,
        recipients=[row.recipient for row in rows[:MAX_ROWS]],
        action="patient_requests",
    )
    context = {"rows": rows[:MAX_ROWS], "more": len(rows) > MAX_ROWS, "error": error}
    return render(request, "activities/patient_requests.html", context, status=status)


@require_GET
def request_list(request):
    """Att göra → Förfrågningar från patienter: the units' new requests, oldest first."""
    return _list(request)


@require_POST
def request_activity(request, pk):
    """Skapa aktivitet: the request becomes a sent Garantireparation (BEY-D523)."""
    patient_request = _request_or_404(request, pk)
    form = ConvertForm(request.POST)
    confirmed = form.is_valid() and form.cleaned_data["garanti"]
    try:
        activity = services.convert_to_activity(
            by=request.user, patient_request=patient_request, confirm_out_of_warranty=confirmed
        )
    except SesamError as error:
        return _refused(request, patient_request, error)
    log_view(request, patient_request.recipient, "patient_request_activity", number=activity.number)
    messages.success(
        request,
        _("Förfrågan är nu aktivitet %(number)s.") % {"number": activity.number},
    )
    return redirect_page(request, "activities:activity_detail", number=activity.number)


@require_POST
def request_pickup(request, pk):
    """Skapa hämtorder: the request becomes a pickup order of its device (BEY-D523)."""
    patient_request = _request_or_404(request, pk)
    try:
        pickup = services.convert_to_pickup_order(by=request.user, patient_request=patient_request)
    except SesamError as error:
        return _refused(request, patient_request, error)
    log_view(request, patient_request.recipient, "patient_request_pickup", number=pickup.number)
    return redirect_page(request, "activities:pickup_created", number=pickup.number)


def _refused(request, patient_request, error):
    """A refusal (handled already, a rule of the activity or pickup order): the list again with
    the message, 409."""
    return _list(request, error=str(error), status=409)


@require_http_methods(["GET", "POST"])
def request_decline(request, pk):
    """Avböj: the reason is required; the patient reads it on their page."""
    patient_request = _request_or_404(request, pk)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    status, error = 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decline_patient_request(
                    by=request.user,
                    patient_request=patient_request,
                    reason=form.cleaned_data["reason"],
                )
            except SesamError as refused:
                status, error = 409, str(refused)
            else:
                log_view(request, patient_request.recipient, "patient_request_declined")
                messages.success(request, _("Förfrågan är avböjd. Patienten ser ditt svar."))
                return redirect_page(request, "activities:patient_requests")
        else:
            status = 422
    log_view(request, patient_request.recipient, "patient_request_decline_form")
    context = {"row": patient_request, "form": form, "error": error}
    return render(request, "activities/patient_request_decline.html", context, status=status)


def patient_request_todo(request) -> TodoItem:
    """Mina sidor → Att göra: the units' new requests from patients (BEY-15)."""
    return TodoItem(
        _("Förfrågningar från patienter"),
        reverse("activities:patient_requests"),
        selectors.open_requests(location_ids(request)).count(),
    )


def recipient_section(request, recipient):
    """The recipient page: the open requests of this recipient at the user's units (the page
    writes its own access-log row)."""
    rows = selectors.open_requests_of(recipient, location_ids(request))
    if not rows:
        return None
    return "activities/patient_request_section.html", {"rows": rows}
