"""Writes of patients' requests (BEY-15): the patient sends one (Anmäl fel, Lämna tillbaka);
the unit turns it into an activity or a pickup order, or declines it with a reason. Each is
one transaction: sending locks the recipient's row (the day's rate limit and the key are
checked under it); handling locks the request and moves its status by compare-and-set, so two
members of staff clicking at once handle it once."""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.exceptions import PatientRequestRefused
from activities.models import Activity, PatientRequest, PatientRequestEvent, PickupOrder
from activities.models.patient_request import DECLINE_REASON_MAX, DESCRIPTION_MAX
from activities.models.pickup import COMMENT_MAX
from activities.services import activity as activity_services
from activities.services import pickup as pickup_services
from orders.services import allowed_prescribers
from recipients.models import Device, Recipient
from sesam.models import User

Status = PatientRequest.Status
Kind = PatientRequest.Kind


# --- The patient sends -------------------------------------------------------------------


def submit_patient_request(
    *, recipient: Recipient, device: Device, kind: str, description: str, key
) -> PatientRequest:
    """BEY-15: the patient's request for one of their delivered devices, to the unit that
    delivered it (BEY-D520). The same key twice (a double submit, a replayed POST) returns the
    first request. At most SESAM_PATIENT_REQUESTS_PER_DAY a calendar day per recipient
    (BEY-D521), counted with the recipient's row locked so that parallel submits cannot both
    slip under it. Refusals raise PatientRequestRefused with a Swedish message."""
    key = _key(key)
    existing = PatientRequest.objects.filter(recipient=recipient, key=key).first()
    if existing is not None:
        return existing
    description = _check(recipient, device, kind, description)
    try:
        with transaction.atomic():
            Recipient.objects.select_for_update().filter(pk=recipient.pk).first()
            existing = PatientRequest.objects.filter(recipient=recipient, key=key).first()
            if existing is not None:  # the twin submit won while we waited for the lock
                return existing
            device = Device.objects.select_related("service_location").get(pk=device.pk)
            if device.status != Device.Status.DELIVERED:
                raise _not_delivered()
            _check_rate(recipient)
            if PatientRequest.objects.filter(device=device, kind=kind, status=Status.NEW).exists():
                raise _already_open(kind)
            request = PatientRequest.objects.create(
                recipient=recipient,
                device=device,
                kind=kind,
                description=description,
                service_location=device.service_location,
                key=key,
            )
            PatientRequestEvent.objects.create(patient_request=request, to_status=Status.NEW)
    except IntegrityError:
        existing = PatientRequest.objects.filter(recipient=recipient, key=key).first()
        if existing is not None:
            return existing
        raise _already_open(kind) from None
    return request


def _key(key) -> uuid.UUID:
    if isinstance(key, uuid.UUID):
        return key
    try:
        return uuid.UUID(str(key))
    except ValueError:
        raise PatientRequestRefused(
            _("Formuläret har gått ut. Ladda om sidan och försök igen.")
        ) from None


def _check(recipient, device, kind, description) -> str:
    if kind not in Kind.values:
        raise PatientRequestRefused(_("Välj om du vill anmäla fel eller lämna tillbaka."))
    if device.recipient_id != recipient.pk:
        raise PatientRequestRefused(_("Hjälpmedlet finns inte bland dina hjälpmedel."))
    if device.status != Device.Status.DELIVERED:
        raise _not_delivered()
    description = (description or "").strip()
    if kind == Kind.REPAIR and not description:
        raise PatientRequestRefused(_("Beskriv felet: vad händer, och när?"))
    if len(description) > DESCRIPTION_MAX:
        raise PatientRequestRefused(
            _("Beskrivningen får vara högst %(max)s tecken (nu %(count)s).")
            % {"max": f"{DESCRIPTION_MAX:,}".replace(",", " "), "count": len(description)}
        )
    return description


def _not_delivered() -> PatientRequestRefused:
    return PatientRequestRefused(
        _(
            "Hjälpmedlet är inte längre utlämnat till dig, så du kan inte skicka en förfrågan "
            "om det. Kontakta din mottagning om något är fel."
        )
    )


def _already_open(kind) -> PatientRequestRefused:
    if kind == Kind.REPAIR:
        return PatientRequestRefused(
            _(
                "Du har redan anmält fel på det här hjälpmedlet. Mottagningen hör av sig – "
                "du ser svaret här när den har hanterat anmälan."
            )
        )
    return PatientRequestRefused(
        _(
            "Du har redan bett om att få lämna tillbaka det här hjälpmedlet. Mottagningen hör "
            "av sig – du ser svaret här när den har hanterat förfrågan."
        )
    )


def _check_rate(recipient) -> None:
    """BEY-D521: at most SESAM_PATIENT_REQUESTS_PER_DAY requests a calendar day (Swedish
    time) per recipient; the caller holds the recipient's lock."""
    limit = settings.SESAM_PATIENT_REQUESTS_PER_DAY
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    sent = PatientRequest.objects.filter(recipient=recipient, created_at__gte=start).count()
    if sent >= limit:
        raise PatientRequestRefused(
            _(
                "Du har redan skickat %(max)s förfrågningar i dag, vilket är det högsta antalet "
                "per dag. Försök igen i morgon, eller ring din mottagning om det är bråttom."
            )
            % {"max": limit}
        )


# --- The unit handles --------------------------------------------------------------------


def convert_to_activity(
    *, by: User, patient_request: PatientRequest, confirm_out_of_warranty: bool = False
) -> Activity:
    """Skapa aktivitet (BEY-15, BEY-D523): the request becomes a sent Garantireparation of its
    device at once — the patient's description as Önskad åtgärd, the unit's address, the
    user's contact, the device's prescriber when the user may act for them — through the
    activity service and all its rules (REC-3, the warranty's confirmation, two repairs a
    day). A request already handled is refused, and nothing is made."""
    with transaction.atomic():
        request = _lock_open(patient_request)
        recipient, location = request.recipient, request.service_location
        activity = activity_services.create_sent_activity(
            by=by,
            recipient=recipient,
            activity_type=Activity.Type.WARRANTY_REPAIR,
            service_location=location,
            prescriber=_prescriber(by, request.device),
            device_ids=[request.device_id],
            requested_action=_requested_action(request),
            address="\n".join(location.address_lines),
            contact=by.contact_line,
            confirm_out_of_warranty=confirm_out_of_warranty,
        )
        _move(by, request, Status.ACTIVITY, activity=activity)
    return activity


def convert_to_pickup_order(*, by: User, patient_request: PatientRequest) -> PickupOrder:
    """Skapa hämtorder (BEY-15, BEY-D523): the request becomes a pickup order of its device
    at once (Skickas till centrallager med post, orsak Annat with the patient's words as the
    comment, the user's contact) through the pickup service and all its rules."""
    with transaction.atomic():
        request = _lock_open(patient_request)
        reasons = pickup_services.allowed_reasons(by)
        pickup = pickup_services.create_sent_pickup_order(
            by=by,
            recipient=request.recipient,
            service_location=request.service_location,
            reason=reasons[0] if reasons else "",
            device_ids=[request.device_id],
            contact=by.contact_line,
            return_reason=PickupOrder.ReturnReason.OTHER,
            comment=_requested_action(request)[:COMMENT_MAX],
            idempotency_key=uuid.uuid4(),
        )
        _move(by, request, Status.PICKUP, pickup_order=pickup)
    return pickup


def decline_patient_request(
    *, by: User, patient_request: PatientRequest, reason: str
) -> PatientRequest:
    """Avböj (BEY-15): the unit says no, with a reason the patient reads (required)."""
    reason = (reason or "").strip()
    if not reason:
        raise PatientRequestRefused(
            _("Skriv varför förfrågan avböjs – patienten ser det du skriver.")
        )
    if len(reason) > DECLINE_REASON_MAX:
        raise PatientRequestRefused(
            _("Skälet får vara högst %(max)s tecken.") % {"max": DECLINE_REASON_MAX}
        )
    with transaction.atomic():
        request = _lock_open(patient_request)
        _move(by, request, Status.DECLINED, decline_reason=reason)
    return request


def _lock_open(patient_request: PatientRequest) -> PatientRequest:
    """The request locked; refused (naming what it became) unless it is still new."""
    request = (
        PatientRequest.objects.select_for_update(of=("self",))
        .select_related("recipient", "service_location", "device")
        .get(pk=patient_request.pk)
    )
    if request.status != Status.NEW:
        raise already_handled(request)
    return request


def already_handled(request: PatientRequest) -> PatientRequestRefused:
    return PatientRequestRefused(
        _("Förfrågan är redan hanterad (%(status)s). Ladda om sidan.")
        % {"status": request.get_status_display().lower()}
    )


def _move(by, request, to, **fields) -> None:
    """Compare-and-set from Ny (PatientRequest.TRANSITIONS) with who and when, and the event."""
    frm = request.status
    now = timezone.now()
    changed = 0
    if to in PatientRequest.TRANSITIONS.get(frm, set()):
        changed = PatientRequest.objects.filter(pk=request.pk, status=frm).update(
            status=to, handled_by=by, handled_at=now, **fields
        )
    if changed != 1:
        raise already_handled(PatientRequest.objects.get(pk=request.pk))
    PatientRequestEvent.objects.create(
        patient_request=request, from_status=frm, to_status=to, by=by
    )
    request.status, request.handled_by, request.handled_at = to, by, now
    for name, value in fields.items():
        setattr(request, name, value)


def _prescriber(by: User, device: Device) -> User:
    """The activity's prescriber: the device's own when the user may act in their name, else
    the user (a prescriber) or the first prescriber the user is linked to (ACC-3)."""
    allowed = allowed_prescribers(by)
    for candidate in allowed:
        if candidate.pk == device.prescriber_id:
            return candidate
    if not allowed:
        raise PatientRequestRefused(
            _(
                "Du kan inte registrera aktiviteter: du saknar förskrivningsrätt och koppling "
                "till en förskrivare."
            )
        )
    return allowed[0]


def _requested_action(request: PatientRequest) -> str:
    words = request.description or _("Patienten vill lämna tillbaka hjälpmedlet.")
    prefix = (
        _("Felanmälan från patienten")
        if request.kind == Kind.REPAIR
        else _("Patienten vill lämna tillbaka hjälpmedlet")
    )
    sent = timezone.localtime(request.created_at).strftime("%Y-%m-%d")
    return f"{prefix} ({sent}): {words}"
