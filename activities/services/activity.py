"""Writes of activities (ACT-1…ACT-9): the wizard's draft, Skicka, the technicians' status
moves, Återrapportera/avsluta, comments and attachments. Each is one transaction; status
changes are compare-and-set on the status the user saw, recorded as ActivityEvents, and tell
the orderer and the prescriber (HOME-5) after commit."""

import datetime
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from activities.exceptions import ActivityConflict, ActivityRefused
from activities.models.activity import (
    MAX_TEXT,
    PRODUCTS_BY_TYPE,
    SERVICE_PRODUCTS,
    Activity,
    ActivityAttachment,
    ActivityComment,
    ActivityDevice,
    ActivityEvent,
)
from activities.selectors.activity import eligible_devices
from inventory.models import Individual
from orders.services import allowed_prescribers
from recipients.exceptions import DeviceUnavailable
from recipients.models import Device, Recipient
from recipients.services import ensure_active
from sesam.lib.addresses import same_address
from sesam.lib.numbers import next_number
from sesam.models import ServiceLocation, User
from sesam.services import send_message

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Allowed attachments: extension → (content type, the file's first bytes).
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", b"%PDF"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
NOT_WARRANTY = "Ej garanti"
# BEY-4 (NAV's rule): at most this many repair activities per individual within 24 hours.
REPAIR_TYPES = [Activity.Type.WARRANTY_REPAIR, Activity.Type.INSTALLED_REPAIR_CHILD]
REPAIRS_PER_DAY = 2


# --- the rules ---------------------------------------------------------------------------


def type_refusal(recipient: Recipient, activity_type: str) -> str:
    """ACT-2/REC-9: why this type may not be chosen for the recipient today, or ""."""
    if activity_type not in Activity.Type.values:
        return _("Välj en aktivitetstyp i listan.")
    if activity_type == Activity.Type.INSTALLED_REPAIR_CHILD and recipient.is_adult:
        return _("Aktivitetstypen gäller endast barn (under 20 år).")
    return ""


def service_products(activity_type: str, recipient: Recipient) -> list:
    """ACT-2: the service products of a type; the BARN ones only for children."""
    products = [SERVICE_PRODUCTS[value] for value in PRODUCTS_BY_TYPE.get(activity_type, [])]
    return [p for p in products if not (p.children_only and recipient.is_adult)]


def address_choices(activity: Activity) -> list[tuple[str, str, str]]:
    """ACT-6: (key, label, address) — the unit's, and the patient's registered address
    (never under protected identity, REC-5). None for Enskild förskrivning."""
    if not activity.needs_devices:
        return []
    choices = [("enhet", _("Enhetens adress"), "\n".join(activity.service_location.address_lines))]
    if activity.recipient.address_lines:
        choices.append(
            ("patient", _("Patientens adress"), "\n".join(activity.recipient.address_lines))
        )
    return choices


def _check_start(by, recipient, activity_type, service_location, prescriber):
    ensure_active(recipient)
    if not recipient.phone.strip():
        raise ActivityRefused(_("Mottagaren saknar telefonnummer – ange det först."))
    refusal = type_refusal(recipient, activity_type)
    if refusal:
        raise ActivityRefused(refusal)
    if not by.memberships.filter(service_location=service_location).exists():
        raise ActivityRefused(
            _("Du är inte kopplad till tjänstestället %(name)s.") % {"name": service_location.name}
        )
    if prescriber not in allowed_prescribers(by):
        raise ActivityRefused(_("Du får inte registrera aktiviteter i förskrivarens namn."))


def _check_text(text: str, label: str, *, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise ActivityRefused(_("%(label)s måste fyllas i.") % {"label": label})
    if len(text) > MAX_TEXT:
        raise ActivityRefused(
            _("%(label)s får vara högst %(max)s tecken (nu %(count)s).")
            % {"label": label, "max": f"{MAX_TEXT:,}".replace(",", " "), "count": len(text)}
        )
    return text


def _check_devices(activity: Activity, devices: list[Device]) -> None:
    if not activity.needs_devices:
        if devices:
            raise ActivityRefused(_("Enskild förskrivning utanför sortiment anges utan artikel."))
        return
    if not devices:
        raise ActivityRefused(_("Välj hjälpmedlet som aktiviteten gäller."))
    if activity.type == Activity.Type.HEARING_SERVICES and len(devices) > 1:
        raise ActivityRefused(
            _(
                "Välj endast ett hjälpmedel – en aktivitet per installation. Skriv i Önskad "
                "åtgärd om flera hjälpmedel ska installeras."
            )
        )


def expired_warranties(activity: Activity, devices: list[Device]) -> list[Device]:
    """BEY-4: the devices of a Garantireparation whose individual is out of warranty."""
    if activity.type != Activity.Type.WARRANTY_REPAIR:
        return []
    return [d for d in devices if d.warranty is not None and d.warranty.expired]


def _check_warranty(activity: Activity, devices: list[Device], confirmed: bool) -> None:
    """BEY-4: a Garantireparation of a device out of warranty needs the orderer's
    confirmation, and is recorded as such (`warranty_confirmed`)."""
    expired = expired_warranties(activity, devices)
    if expired and not confirmed:
        raise ActivityRefused(
            _(
                "Garantin har gått ut för %(devices)s. Bekräfta att det ändå är en "
                "garantireparation, eller välj en annan aktivitetstyp."
            )
            % {"devices": ", ".join(f"{d.article.name} ({d.individual.number})" for d in expired)}
        )
    activity.warranty_confirmed = bool(expired)


def _check_repairs_per_day(activity: Activity, devices: list[Device]) -> None:
    """BEY-4: at most REPAIRS_PER_DAY repair activities per individual within 24 hours. The
    individuals are locked (primary-key order) so two sends cannot both slip under it."""
    ids = sorted({d.individual_id for d in devices if d.individual_id})
    if activity.type not in REPAIR_TYPES or not ids:
        return
    list(Individual.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    since = timezone.now() - datetime.timedelta(hours=24)
    recent = (
        ActivityDevice.objects.filter(
            device__individual_id__in=ids,
            activity__type__in=REPAIR_TYPES,
            activity__registered_at__gte=since,
        )
        .exclude(activity=activity)
        .values("device__individual__number")
        .annotate(n=Count("activity", distinct=True))
        .filter(n__gte=REPAIRS_PER_DAY)
    )
    full = [row["device__individual__number"] for row in recent]
    if full:
        raise ActivityRefused(
            _(
                "Individ %(numbers)s har redan %(max)s reparationsaktiviteter det senaste "
                "dygnet. Vänta, eller komplettera en av dem med en kommentar."
            )
            % {"numbers": ", ".join(full), "max": REPAIRS_PER_DAY}
        )


def _check_product(activity: Activity) -> None:
    allowed = {p.value for p in service_products(activity.type, activity.recipient)}
    if activity.service_product not in allowed:
        raise ActivityRefused(_("Välj en tjänsteprodukt i listan."))


# --- the wizard's draft ------------------------------------------------------------------


def start_activity(
    *,
    by: User,
    recipient: Recipient,
    activity_type: str,
    service_location: ServiceLocation,
    prescriber: User,
) -> Activity:
    """Skapa aktivitet (ACT-1…ACT-3): the user's draft for this recipient, created or
    continued (one per user and recipient, so a second tab or Back never duplicates it)."""
    _check_start(by, recipient, activity_type, service_location, prescriber)
    with transaction.atomic():
        draft = (
            Activity.objects.select_for_update()
            .filter(orderer=by, recipient=recipient, status=Activity.Status.DRAFT)
            .first()
        )
        if draft is None:
            draft = Activity(orderer=by, recipient=recipient, status=Activity.Status.DRAFT)
        changed_type = draft.type != activity_type
        draft.type, draft.service_location, draft.prescriber = (
            activity_type,
            service_location,
            prescriber,
        )
        if changed_type:
            draft.service_product = ""
        products = service_products(activity_type, recipient)
        if not draft.service_product and products:
            pam = [p for p in products if p.value == "warranty_pam"]
            draft.service_product = (
                pam[0] if service_location.is_private and pam else products[0]
            ).value
        draft.save()
        if changed_type or not draft.needs_devices:
            draft.devices.all().delete()
        return draft


def _draft(by: User, key) -> Activity:
    draft = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("recipient", "service_location")
        .filter(orderer=by, idempotency_key=key, status=Activity.Status.DRAFT)
        .first()
    )
    if draft is None:
        raise ActivityRefused(_("Aktiviteten finns inte längre som utkast – starta en ny."))
    return draft


def set_activity_devices(
    *,
    by: User,
    key: uuid.UUID | str,
    service_product: str,
    device_ids: Iterable[int],
    confirm_out_of_warranty: bool = False,
) -> Activity:
    """Ange artikel (ACT-2, ACT-4): the service product and the ticked devices, which must be
    the recipient's delivered devices that the user sees; a warranty repair out of warranty
    needs `confirm_out_of_warranty` (BEY-4)."""
    with transaction.atomic():
        draft = _draft(by, key)
        draft.service_product = service_product
        _check_product(draft)
        ids = sorted(set(device_ids))
        devices = list(
            eligible_devices(user=by, recipient=draft.recipient).filter(pk__in=ids).order_by("pk")
        )
        if len(devices) != len(ids):
            raise _not_delivered(draft.recipient, set(ids) - {d.pk for d in devices})
        _check_devices(draft, devices)
        _check_warranty(draft, devices, confirm_out_of_warranty)
        draft.save(update_fields=["service_product", "warranty_confirmed"])
        draft.devices.all().delete()
        ActivityDevice.objects.bulk_create(
            ActivityDevice(
                activity=draft,
                device=device,
                article_number=device.article.number,
                article_name=device.article.name,
                individual_number=device.individual.number if device.individual else "",
            )
            for device in devices
        )
        return draft


def set_requested_action(*, by: User, key: uuid.UUID | str, text: str) -> Activity:
    """Önskad åtgärd (ACT-5): required, at most MAX_TEXT characters."""
    with transaction.atomic():
        draft = _draft(by, key)
        draft.requested_action = _check_text(text, _("Önskad åtgärd"), required=True)
        draft.save(update_fields=["requested_action"])
        return draft


def set_activity_address(*, by: User, key: uuid.UUID | str, address: str, contact: str) -> Activity:
    """Ange leveransadress (ACT-6): the address chosen or edited, and the contact. The
    patient's address is refused under protected identity (REC-5)."""
    with transaction.atomic():
        draft = _draft(by, key)
        if not draft.needs_devices:
            draft.address, draft.contact = (
                "",
                _check_text(contact, _("Kontaktuppgifter"), required=False),
            )
        else:
            draft.address = _check_text(address, _("Adress"), required=True)
            draft.contact = _check_text(contact, _("Kontaktuppgifter"), required=False)
            _check_address(draft)
        draft.save(update_fields=["address", "contact"])
        return draft


def only_unit_address(activity: Activity) -> bool:
    """REC-5 (REC-D122): the return address of an activity for a recipient with protected
    identity is its unit's and no other: Annan adress is not offered, a typed one refused."""
    return activity.recipient.protected_identity


def _check_address(activity: Activity) -> None:
    """REC-D122: under protected identity only the unit's address, however it is spelled —
    no list of the patient's spellings can be complete, the unit's address is known."""
    if not only_unit_address(activity):
        return
    unit_address = "\n".join(activity.service_location.address_lines)
    if not same_address(activity.address, unit_address):
        raise ActivityRefused(
            _(
                "Mottagaren har skyddad identitet: returadressen är enhetens adress. "
                "En annan adress kan inte anges."
            )
        )
    activity.address = unit_address


# --- Skicka ------------------------------------------------------------------------------


def create_activity(*, by: User, key: uuid.UUID | str) -> Activity:
    """Skicka (ACT-6): every rule again, the number (ORD-10), status Tilldelad. Sending the
    same draft twice (double click, Back, a second tab) returns the activity already sent."""
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("recipient", "service_location", "prescriber")
            .filter(orderer=by, idempotency_key=key)
            .first()
        )
        if activity is None:
            raise ActivityRefused(_("Aktiviteten finns inte längre som utkast – starta en ny."))
        if activity.status != Activity.Status.DRAFT:
            return activity
        _check_start(
            by, activity.recipient, activity.type, activity.service_location, activity.prescriber
        )
        _check_product(activity)
        rows = list(activity.devices.select_related("device__article", "device__individual"))
        delivered = {
            d.pk
            for d in eligible_devices(user=by, recipient=activity.recipient).filter(
                pk__in=[row.device_id for row in rows]
            )
        }
        if any(row.device_id not in delivered for row in rows):
            raise ActivityRefused(_("Ett av hjälpmedlen är inte längre levererat till mottagaren."))
        _check_devices(activity, [row.device for row in rows])
        _check_warranty(activity, [row.device for row in rows], activity.warranty_confirmed)
        _check_repairs_per_day(activity, [row.device for row in rows])
        _check_text(activity.requested_action, _("Önskad åtgärd"), required=True)
        if activity.needs_devices:
            _check_text(activity.address, _("Adress"), required=True)
            _check_address(activity)
        now = timezone.now()
        activity.number = next_number(day=timezone.localdate(now))
        activity.registered_at = now
        activity.status = Activity.Status.ASSIGNED
        activity.save(update_fields=["number", "registered_at", "status", "warranty_confirmed"])
        _record(activity, Activity.Status.DRAFT, Activity.Status.ASSIGNED, by)
        return activity


def create_sent_activity(
    *,
    by: User,
    recipient: Recipient,
    activity_type: str,
    service_location: ServiceLocation,
    prescriber: User,
    device_ids: Iterable[int],
    requested_action: str,
    address: str,
    contact: str,
    confirm_out_of_warranty: bool = False,
) -> Activity:
    """An activity made and sent in one step, without the wizard's draft (BEY-15: a patient's
    fault report turned into a repair, BEY-D523): every rule of the wizard's steps and of
    Skicka, in the same order; the service product is the type's first (PAM's at a private
    clinic). The user's own draft for the recipient, if any, is left alone."""
    _check_start(by, recipient, activity_type, service_location, prescriber)
    with transaction.atomic():
        activity = Activity(
            orderer=by,
            recipient=recipient,
            type=activity_type,
            service_location=service_location,
            prescriber=prescriber,
        )
        products = [p.value for p in service_products(activity_type, recipient)]
        pam = "warranty_pam" if service_location.is_private else ""
        activity.service_product = pam if pam in products else (products[0] if products else "")
        _check_product(activity)
        ids = sorted(set(device_ids))
        devices = list(
            eligible_devices(user=by, recipient=recipient)
            .filter(pk__in=ids)
            .select_related("article", "individual")
            .order_by("pk")
        )
        if len(devices) != len(ids):
            raise _not_delivered(recipient, set(ids) - {d.pk for d in devices})
        _check_devices(activity, devices)
        _check_warranty(activity, devices, confirm_out_of_warranty)
        activity.requested_action = _check_text(requested_action, _("Önskad åtgärd"), required=True)
        activity.address = _check_text(address, _("Adress"), required=activity.needs_devices)
        activity.contact = _check_text(contact, _("Kontaktuppgifter"), required=False)
        if activity.needs_devices:
            _check_address(activity)
        now = timezone.now()
        activity.number = next_number(day=timezone.localdate(now))
        activity.registered_at = now
        activity.status = Activity.Status.ASSIGNED
        activity.save()
        ActivityDevice.objects.bulk_create(
            ActivityDevice(
                activity=activity,
                device=device,
                article_number=device.article.number,
                article_name=device.article.name,
                individual_number=device.individual.number if device.individual else "",
            )
            for device in devices
        )
        _check_repairs_per_day(activity, devices)
        _record(activity, Activity.Status.DRAFT, Activity.Status.ASSIGNED, by)
        return activity


# --- status moves (ACT-8, ACT-9) ---------------------------------------------------------


def move_activity(*, by: User, activity: Activity, to: str, seen: str | None = None) -> Activity:
    """ACT-8: a technician moves the activity on. Compare-and-set on the status the user saw
    (`seen`, default: the one loaded): when someone else moved it first, a clear refusal."""
    return _move(by=by, activity=activity, to=to, seen=seen or activity.status, fields={})


def report_back_activity(
    *,
    by: User,
    activity: Activity,
    performed_action: str,
    close: bool,
    outside_warranty: bool = False,
    seen: str | None = None,
) -> Activity:
    """ACT-9 Återrapportera/avsluta: Utförd åtgärd, Avsluta, Spara ändringar. Outside the
    warranty the performed action is "Ej garanti"."""
    text = _check_text(performed_action, _("Utförd åtgärd"), required=False)
    if outside_warranty and NOT_WARRANTY.lower() not in text.lower():
        text = f"{NOT_WARRANTY}\n{text}".strip()
    if close and not text:
        raise ActivityRefused(_("Utförd åtgärd måste fyllas i för att avsluta aktiviteten."))
    fields = {"performed_action": text, "outside_warranty": outside_warranty}
    seen = seen or activity.status
    if not close:
        with transaction.atomic():
            if seen in (Activity.Status.CLOSED, Activity.Status.DRAFT):
                raise ActivityRefused(_("Aktiviteten är avslutad och kan inte ändras."))
            if not Activity.objects.filter(pk=activity.pk, status=seen).update(**fields):
                raise _conflict(activity)
            for name, value in fields.items():
                setattr(activity, name, value)
            return activity
    return _move(by=by, activity=activity, to=Activity.Status.CLOSED, seen=seen, fields=fields)


def _move(*, by: User, activity: Activity, to: str, seen: str, fields: dict) -> Activity:
    if to not in Activity.TRANSITIONS.get(seen, set()):
        if seen == Activity.Status.CLOSED:
            raise ActivityConflict(_("Aktiviteten är redan avslutad."))
        raise ActivityRefused(
            _("En aktivitet med status %(old)s kan inte få status %(new)s.")
            % {"old": Activity.Status(seen).label, "new": Activity.Status(to).label}
        )
    with transaction.atomic():
        now = timezone.now()
        values = {**fields, "status": to}
        if to == Activity.Status.CLOSED:
            values["closed_at"] = now
        if not Activity.objects.filter(pk=activity.pk, status=seen).update(**values):
            raise _conflict(activity)
        for name, value in values.items():
            setattr(activity, name, value)
        _record(activity, seen, to, by)
        return activity


def _not_delivered(recipient: Recipient, missing: set[int]) -> ActivityRefused:
    """A ticked device no longer delivered: which one and its status now (issue 19.5)."""
    device = (
        Device.objects.filter(pk__in=missing, recipient=recipient)
        .select_related("article", "individual")
        .order_by("pk")
        .first()
    )
    if device is None:
        return ActivityRefused(
            _("Ett av hjälpmedlen finns inte bland mottagarens hjälpmedel. Ladda om sidan.")
        )
    return ActivityRefused(str(DeviceUnavailable(device)))


def _conflict(activity: Activity) -> ActivityConflict:
    current = Activity.objects.filter(pk=activity.pk).values_list("status", flat=True).first()
    label = Activity.Status(current).label if current else ""
    return ActivityConflict(
        _(
            "Aktiviteten %(number)s har redan ändrats av någon annan (status nu: %(status)s). "
            "Ladda om sidan och försök igen."
        )
        % {"number": activity.number, "status": label}
    )


def _record(activity: Activity, old: str, new: str, by: User) -> None:
    ActivityEvent.objects.create(activity=activity, from_status=old, to_status=new, by=by)
    to = [u for u in (activity.orderer, activity.prescriber) if u.pk != by.pk]
    if not to:
        return
    subject = _("Aktivitet %(number)s har status %(status)s") % {
        "number": activity.number,
        "status": Activity.Status(new).label,
    }
    body = _("%(type)s för %(name)s. Status ändrad från %(old)s till %(new)s.") % {
        "type": activity.get_type_display(),
        "name": activity.recipient.name,
        "old": Activity.Status(old).label,
        "new": Activity.Status(new).label,
    }
    link = reverse("activities:activity_detail", args=[activity.number])
    transaction.on_commit(lambda: send_message(to=to, subject=subject, body=body, link=link))


# --- comments and attachments (ACT-8) ----------------------------------------------------


def _sent(activity: Activity) -> None:
    if activity.status == Activity.Status.DRAFT:
        raise ActivityRefused(_("Aktiviteten är inte skickad."))


def add_activity_comment(*, by: User, activity: Activity, text: str) -> ActivityComment:
    """A technician's comment, shown to the prescriber on the activity page."""
    _sent(activity)
    text = _check_text(text, _("Kommentar"), required=True)
    with transaction.atomic():
        return ActivityComment.objects.create(activity=activity, text=text, by=by)


def check_attachment(upload) -> tuple[str, str]:
    """The attachment's checks (pdf, jpg, png by extension and first bytes; at most 10 MB;
    ACT-8, also deviation reports, BEY-9): returns its stored name (a valid file name of at most
    200 characters, extension kept) and content type, or raises ActivityRefused. Admin's form
    calls it before anything is saved."""
    name = get_valid_filename(upload.name or "bilaga")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ActivityRefused(_("Bilagan ska vara en pdf, jpg eller png."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ActivityRefused(_("Bilagan får vara högst 10 MB."))
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ActivityRefused(_("Filen är inte en giltig %(type)s.") % {"type": extension})
    limit = ActivityAttachment._meta.get_field("name").max_length
    if len(name) > limit:  # a long name is shortened, its extension kept
        name = f"{name[: limit - len(extension) - 1]}.{extension}"
    return name, content_type


def add_activity_attachment(*, by: User, activity: Activity, upload) -> ActivityAttachment:
    """An attachment (check_attachment), stored through Django's storage API. The file is
    written first and removed again when its row cannot be saved: no file without a row."""
    _sent(activity)
    name, content_type = check_attachment(upload)
    attachment = ActivityAttachment(
        activity=activity, name=name, content_type=content_type, size=upload.size, by=by
    )
    attachment.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
