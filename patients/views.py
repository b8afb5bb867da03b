"""The patient pages (BEY-15): Mina hjälpmedel, Avgifter och fakturor, Vem har tittat på mina
uppgifter. Each page needs the patient's own session (patients.signin), shows only their
own data, writes the access log as the patient themself (BEY-D501) and is no-store
(patients.middleware)."""

import functools
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities.exceptions import PatientRequestRefused
from activities.models import PatientRequest
from activities.services.patient_requests import submit_patient_request
from logreview import selectors as log
from patients import selectors
from patients.forms import PeriodForm, RequestForm
from patients.signin import PATIENT_KEY, enabled, signed_in
from sesam.lib.pdf import pdf_response
from sesam.services import log_patient_access


def patient_page(view):
    """The patient's pages: the patient's own session or the patients' sign-in page (a staff
    session is no patient). `request.patient` is their recipient."""

    @login_not_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        who = request.session.get(PATIENT_KEY) or {}
        patient = None
        if who:
            patient = selectors.recipient(who.get("recipient"), who.get("personnummer"))
        if patient is None:
            if who:  # the recipient is gone or has another number now
                request.session.flush()
            return redirect("patients:sign_in")
        request.patient = patient
        return view(request, *args, **kwargs)

    return wrapped


@login_not_required
@require_GET
def sign_in(request):
    """Mina hjälpmedel: Logga in med BankID."""
    if signed_in(request):
        return redirect("patients:home")
    return render(request, "patients/sign_in.html", {"enabled": enabled()})


@require_GET
@patient_page
def home(request):
    """Mina hjälpmedel: what the patient has, what is on its way, repairs and pickups."""
    patient = request.patient
    context = {
        "patient": patient,
        "devices": selectors.devices(patient),
        "on_its_way": selectors.on_its_way(patient),
        "repairs": selectors.repairs(patient),
        "pickups": selectors.pickups(patient),
        "today": timezone.localdate(),
    }
    log_patient_access(recipient=patient, action="patient_devices")
    return render(request, "patients/home.html", context)


@require_GET
@patient_page
def charges(request):
    """Avgifter och fakturor: what the patient pays, when."""
    patient = request.patient
    upcoming, invoices = selectors.charges(patient)
    context = {"patient": patient, "upcoming": upcoming, "invoices": invoices}
    log_patient_access(recipient=patient, action="patient_charges")
    return render(request, "patients/charges.html", context)


def _extract(request):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    entries = log.extract(
        personnummer=request.patient.personnummer,
        start=data["fran"],
        end=data["till"],
        for_patient=True,
    )
    return form, entries


@require_GET
@patient_page
def access_log(request):
    """Vem har tittat på mina uppgifter (BEY-11, PDL 8:5): the patient's own extract."""
    patient = request.patient
    form, entries = _extract(request)
    context = {"patient": patient, "form": form, "entries": entries}
    log_patient_access(recipient=patient, action="patient_access_log")
    return render(
        request, "patients/access_log.html", context, status=200 if form.is_valid() else 422
    )


@require_GET
@patient_page
def access_log_pdf(request):
    """The same extract as a PDF, in logreview's Loggutdrag layout. The patient's own copy:
    no document number (BEY-D503)."""
    patient = request.patient
    form, entries = _extract(request)
    if entries is None:
        context = {"patient": patient, "form": form, "entries": None}
        return render(request, "patients/access_log.html", context, status=422)
    log_patient_access(recipient=patient, action="patient_extract_pdf")
    context = {
        **form.cleaned_data,
        "personnummer": patient.personnummer,
        "entries": entries,
        "today": timezone.localdate(),
        "for_patient": True,
    }
    return pdf_response("logreview/pdf/extract.html", context, filename="loggutdrag")


# Anmäl fel / Jag vill lämna tillbaka (BEY-15): the form of each kind.
REQUEST_PAGES = {
    PatientRequest.Kind.REPAIR: {
        "title": _("Anmäl fel på hjälpmedel"),
        "label": _("Vad är fel? Beskriv vad som händer och när."),
        "button": _("Skicka felanmälan"),
        "sent": _("Din felanmälan är skickad till %(unit)s. Du ser svaret under Mina ärenden."),
    },
    PatientRequest.Kind.RETURN: {
        "title": _("Jag vill lämna tillbaka"),
        "label": _("Vill du berätta varför? (frivilligt)"),
        "button": _("Skicka förfrågan"),
        "sent": _(
            "Din förfrågan är skickad till %(unit)s. De hör av sig om hur du lämnar tillbaka "
            "hjälpmedlet. Du ser svaret under Mina ärenden."
        ),
    },
}


@require_http_methods(["GET", "POST"])
@patient_page
def request_device(request, device_pk, kind):
    """A request about one of the patient's devices: another's device (or one no longer
    delivered) is 404. The hidden key makes a double submit one request."""
    patient = request.patient
    device = selectors.device(patient, device_pk)
    if device is None:
        raise Http404
    texts = REQUEST_PAGES[kind]
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                made = submit_patient_request(
                    recipient=patient,
                    device=device,
                    kind=kind,
                    description=form.cleaned_data["beskrivning"],
                    key=form.cleaned_data["nyckel"],
                )
            except PatientRequestRefused as error:
                form.add_error("beskrivning", str(error))
            else:
                log_patient_access(
                    recipient=patient, action="patient_request_submit", request=made.pk
                )
                messages.success(request, texts["sent"] % {"unit": made.service_location.name})
                return redirect("patients:requests")
        status = 422
    else:
        form = RequestForm(initial={"nyckel": uuid.uuid4()})
        status = 200
    form.fields["beskrivning"].label = texts["label"]
    log_patient_access(recipient=patient, action="patient_request_form", device=device.pk)
    context = {"patient": patient, "device": device, "form": form, "texts": texts}
    return render(request, "patients/request.html", context, status=status)


@require_GET
@patient_page
def requests(request):
    """Mina ärenden: the patient's requests with their status and a decline's reason."""
    patient = request.patient
    context = {"patient": patient, "requests": selectors.requests(patient)}
    log_patient_access(recipient=patient, action="patient_requests")
    return render(request, "patients/requests.html", context)
