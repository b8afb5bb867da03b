"""Avvikelse / reklamation (BEY-9): a unit reports; Hjälpmedel moves the report through its
statuses (Deviation.TRANSITIONS) with comments; the reporter is told of every move."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safety.exceptions import SafetyRefused
from safety.models import Deviation, DeviationAttachment, DeviationEvent
from safety.services.numbers import DEVIATION, next_safety_number
from sesam.lib import personnummer as pnr
from sesam.lib.attachments import check_attachment, store_attachment
from sesam.models import ServiceLocation, User
from sesam.services import send_message

DESCRIPTION_MAX = 4000


def _source_fields(source: str, thing) -> dict:
    """What a deviation is about, from its source: the individual, device, order line or
    receipt and what follows from it (article, individual, recipient, serial number)."""
    if source == Deviation.Source.INDIVIDUAL:
        individual, recipient = thing, None
        fields = {"individual": thing, "article": thing.article}
    elif source == Deviation.Source.DEVICE:
        individual, recipient = thing.individual, thing.recipient
        fields = {"device": thing, "article": thing.article, "individual": individual}
    elif source in (Deviation.Source.ORDER_LINE, Deviation.Source.RECEIPT):
        line = thing.line if source == Deviation.Source.RECEIPT else thing
        individual, recipient = line.individual, line.order.recipient
        fields = {"order_line": line, "article": line.article, "individual": individual}
        if source == Deviation.Source.RECEIPT:
            fields["receipt"] = thing
    else:
        raise SafetyRefused(_("Okänt underlag för avvikelsen."))
    return {
        **fields,
        "recipient": recipient,
        "serial_number": individual.serial_number if individual else "",
    }


def _patient(recipient, day: datetime.date) -> dict:
    """MDR art. 87: the patient's age and sex on the day of the event, never the number."""
    if recipient is None:
        return {}
    sex = Deviation.Sex.MALE if int(recipient.personnummer[10]) % 2 else Deviation.Sex.FEMALE
    return {"patient_age": pnr.age_on(recipient.personnummer, day), "patient_sex": sex}


def report_deviation(
    *,
    by: User,
    service_location: ServiceLocation,
    source: str,
    thing,
    kind: str,
    description: str,
    event_date: datetime.date | None = None,
    consequence: str = "",
    udi: str = "",
    upload=None,
    key: uuid.UUID | str | None = None,
) -> Deviation:
    """BEY-9: a numbered report of the user's unit; a negative event or near miss is flagged
    for Läkemedelsverket and needs the event's date and its consequence. `key` makes a double
    submit return the first report."""
    if not by.memberships.filter(service_location=service_location).exists():
        raise SafetyRefused(_("Du kan bara rapportera för dina egna tjänsteställen."))
    description = description.strip()
    if not description:
        raise SafetyRefused(_("Beskriv vad som hänt."))
    if kind not in Deviation.Kind.values:
        raise SafetyRefused(_("Välj typ av avvikelse."))
    incident = kind == Deviation.Kind.INCIDENT
    if incident and (event_date is None or not consequence.strip()):
        raise SafetyRefused(
            _("En negativ händelse eller ett tillbud behöver händelsedatum och konsekvens.")
        )
    if event_date and event_date > timezone.localdate():
        raise SafetyRefused(_("Händelsedatumet kan inte ligga i framtiden."))
    key = key or uuid.uuid4()
    if existing := Deviation.objects.filter(key=key).first():
        return existing
    if upload:
        check_attachment(upload)  # refused before the report is numbered
    fields = _source_fields(source, thing)
    patient = _patient(fields["recipient"], event_date or timezone.localdate()) if incident else {}
    try:
        with transaction.atomic():
            deviation = Deviation.objects.create(
                number=next_safety_number(DEVIATION),
                key=key,
                kind=kind,
                source=source,
                description=description[:DESCRIPTION_MAX],
                service_location=service_location,
                reported_by=by,
                report_to_mpa=incident,
                event_date=event_date,
                consequence=consequence.strip(),
                udi=udi.strip() or getattr(fields["article"], "gtin", "") or "",
                **fields,
                **patient,
            )
            DeviationEvent.objects.create(
                deviation=deviation, from_status="", to_status=deviation.status, by=by
            )
            if upload:
                store_attachment(DeviationAttachment(deviation=deviation, by=by), upload)
    except IntegrityError:
        if existing := Deviation.objects.filter(key=key).first():
            return existing  # a double submit that lost the race
        raise
    return deviation


def add_deviation_attachment(*, by: User, deviation: Deviation, upload) -> DeviationAttachment:
    """Another photo or document on a report (sesam.lib.attachments' checks)."""
    return store_attachment(DeviationAttachment(deviation=deviation, by=by), upload)


def move_deviation(*, by: User, deviation: Deviation, to: str, note: str = "") -> Deviation:
    """BEY-9: Hjälpmedel moves a report (compare-and-set along TRANSITIONS), with an optional
    comment; the reporter gets a message."""
    old = deviation.status
    if to not in Deviation.TRANSITIONS[Deviation.Status(old)]:
        raise SafetyRefused(
            _("En avvikelse som är %(old)s kan inte bli %(new)s.")
            % {"old": deviation.get_status_display().lower(), "new": Deviation.Status(to).label}
        )
    with transaction.atomic():
        changed = Deviation.objects.filter(pk=deviation.pk, status=old).update(status=to)
        if changed != 1:
            raise SafetyRefused(_("Avvikelsen ändrades samtidigt av någon annan. Försök igen."))
        deviation.status = to
        DeviationEvent.objects.create(
            deviation=deviation, from_status=old, to_status=to, note=note.strip()[:300], by=by
        )
        send_message(
            to=[deviation.reported_by],
            subject=_("Avvikelse %(n)s: %(s)s")
            % {"n": deviation.number, "s": deviation.get_status_display()},
            body=note.strip(),
            link=deviation.get_absolute_url(),
        )
    return deviation


def comment_deviation(*, by: User, deviation: Deviation, text: str) -> DeviationEvent:
    """A comment without a move (from = to)."""
    text = text.strip()
    if not text:
        raise SafetyRefused(_("Skriv en kommentar."))
    return DeviationEvent.objects.create(
        deviation=deviation,
        from_status=deviation.status,
        to_status=deviation.status,
        note=text[:300],
        by=by,
    )
