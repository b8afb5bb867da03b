"""Writes of pickup orders (hämtorder, PU-1…PU-8): the wizard's draft (the pickup order itself
with status Utkast, PU-D620), sending it, creating one in one step, closing
(Hjälpmedel registers the arrival at 70) and cancelling. Each state change is one transaction
with compare-and-set on the status and a PickupEvent (who, when, from, to)."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.exceptions import PickupRefused
from activities.models import PickupEvent, PickupLine, PickupOrder
from activities.models.pickup import COMMENT_MAX, CONTACT_MAX
from activities.selectors.pickup import draft_device_ids
from inventory.models import Warehouse
from recipients import services as recipient_services
from recipients.exceptions import DeviceUnavailable
from recipients.models import Device, Recipient, ReturnLine
from sesam.lib.numbers import next_number
from sesam.models import ServiceLocation, User
from sesam.services import send_message

CENTRAL_WAREHOUSE = "70"  # PU-6: where the devices of a pickup order arrive

# PU-2: the reasons each product area may choose (within Hörsel only by post).
REASONS_BY_AREA = {"horsel": [PickupOrder.Reason.BY_POST]}

Status = PickupOrder.Status


def allowed_reasons(user: User) -> list[PickupOrder.Reason]:
    """PU-2: the reasons of the user's product areas (Hörsel: Skickas till centrallager med
    post); every reason of the region when an area names none."""
    codes = set(user.product_areas.values_list("code", flat=True))
    reasons = {r for code in codes for r in REASONS_BY_AREA.get(code, PickupOrder.Reason)}
    return [r for r in PickupOrder.Reason if r in reasons]


# --- The wizard's draft (state on the server, PU-D620) ------------------------------------


def start_pickup_draft(
    *, by: User, recipient: Recipient, service_location: ServiceLocation, reason: str = ""
) -> PickupOrder:
    """Skapa Hämtorder (PU-1): the user's draft for this recipient — a pickup order with status
    Utkast — created or continued (one per user and recipient, so a second tab, Back or Skapa
    Hämtorder again never duplicates it), with the reason and Tjänsteställe chosen; a new one
    starts with the user's contact (PU-4). REC-3: an inactive recipient is refused."""
    recipient_services.ensure_active(recipient)
    if not reason:
        reasons = allowed_reasons(by)
        reason = reasons[0] if len(reasons) == 1 else ""
    try:
        return _start_draft(by, recipient, service_location, reason)
    except IntegrityError:  # a second tab made the draft meanwhile: continue that one
        return _start_draft(by, recipient, service_location, reason)


def _start_draft(by, recipient, service_location, reason) -> PickupOrder:
    with transaction.atomic():
        draft = (
            PickupOrder.objects.select_for_update()
            .filter(orderer=by, recipient=recipient, status=Status.DRAFT)
            .first()
        )
        if draft is None:
            draft = PickupOrder(
                orderer=by,
                recipient=recipient,
                status=Status.DRAFT,
                contact=by.contact_line,  # PU-4: the user's own (editable)
            )
        draft.service_location, draft.reason = service_location, reason
        draft.save()
        return draft


def _draft(by: User, key) -> PickupOrder:
    """The user's draft with this key, locked; a pickup order sent from it is none."""
    draft = (
        PickupOrder.objects.select_for_update(of=("self",))
        .select_related("recipient", "service_location")
        .filter(orderer=by, idempotency_key=key, status=Status.DRAFT)
        .first()
    )
    if draft is None:
        raise PickupRefused(_("Hämtordern finns inte längre som utkast – starta en ny."))
    return draft


def update_pickup_draft(*, by: User, key: uuid.UUID | str, **fields) -> PickupOrder:
    """Keeps what a step chose (already validated by the step's form; Skapa hämtorder checks
    every rule again). `device_ids` become the draft's lines, not open (PU-D4): a draft holds
    no device from another pickup order."""
    allowed = {"service_location", "reason", "device_ids", "contact", "return_reason", "comment"}
    if not set(fields) <= allowed:
        raise TypeError(f"not a field of the draft: {sorted(set(fields) - allowed)}")
    device_ids = fields.pop("device_ids", None)
    with transaction.atomic():
        draft = _draft(by, key)
        for name, value in fields.items():
            setattr(draft, name, value)
        if fields:
            draft.save(update_fields=list(fields))
        if device_ids is not None:
            ids = sorted(set(device_ids))
            if Device.objects.filter(pk__in=ids, recipient=draft.recipient).count() != len(ids):
                raise PickupRefused(str(DeviceUnavailable()))
            draft.lines.all().delete()
            PickupLine.objects.bulk_create(
                PickupLine(pickup_order=draft, device_id=pk, is_open=False) for pk in ids
            )
        return draft


# --- Skapa hämtorder ------------------------------------------------------------------------


def create_pickup_order(
    *,
    by: User,
    key: uuid.UUID | str,
    contact: str,
    return_reason: str,
    comment: str = "",
) -> PickupOrder:
    """Skapa hämtorder (PU-1…PU-5): the user's draft becomes Registrerad in place, with its
    number, the unit's address (PU-4), the contact and the reasons, every rule checked again;
    its lines become open. The devices stay on the recipient's list until the arrival is
    registered (PU-6). Sending the same draft twice (double click, Back, a second tab) returns
    the pickup order already sent. A device already on an open pickup order is refused; the
    database's unique constraint backs it under concurrency."""
    device_ids: list[int] = []
    try:
        with transaction.atomic():
            pickup = (
                PickupOrder.objects.select_for_update(of=("self",))
                .select_related("recipient", "service_location")
                .filter(orderer=by, idempotency_key=key)
                .first()
            )
            if pickup is None:
                raise PickupRefused(_("Hämtordern finns inte längre som utkast – starta en ny."))
            if pickup.status != Status.DRAFT:
                return pickup
            device_ids = draft_device_ids(pickup)
            recipient, location = pickup.recipient, pickup.service_location
            _check(
                by, recipient, location, pickup.reason, device_ids, contact, return_reason, comment
            )
            devices = _lock_devices(by, recipient, device_ids)
            if PickupLine.objects.filter(device__in=devices, is_open=True).exists():
                raise _already_on_pickup(device_ids)
            _move(
                by,
                pickup,
                Status.REGISTERED,
                number=next_number(),
                created_at=timezone.now(),
                return_reason=return_reason,
                comment=comment.strip(),
                pickup_address="\n".join(location.address_lines),
                contact=contact.strip(),
            )
            pickup.lines.update(is_open=True)
    except IntegrityError:
        raise _already_on_pickup(device_ids) from None
    return pickup


def create_sent_pickup_order(
    *,
    by: User,
    recipient: Recipient,
    service_location: ServiceLocation,
    reason: str,
    device_ids: list[int],
    contact: str,
    return_reason: str,
    comment: str = "",
    idempotency_key: uuid.UUID,
) -> PickupOrder:
    """A pickup order made and sent in one step, without the wizard's draft (BEY-15: a
    patient's request turned into a pickup order, BEY-D523; the demo): every rule of Skapa
    hämtorder, status Registrerad with its number. The same idempotency key twice (a double
    submit) returns the first pickup order. The user's own draft for the recipient, if any,
    is left alone."""
    existing = PickupOrder.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    _check(by, recipient, service_location, reason, device_ids, contact, return_reason, comment)
    try:
        with transaction.atomic():
            devices = _lock_devices(by, recipient, device_ids)
            existing = PickupOrder.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:  # the twin submit won while we waited for the locks
                return existing
            if PickupLine.objects.filter(device__in=devices, is_open=True).exists():
                raise _already_on_pickup(device_ids)
            order = PickupOrder.objects.create(
                number=next_number(),
                status=Status.REGISTERED,
                recipient=recipient,
                service_location=service_location,
                orderer=by,
                reason=reason,
                return_reason=return_reason,
                comment=comment.strip(),
                pickup_address="\n".join(service_location.address_lines),
                contact=contact.strip(),
                idempotency_key=idempotency_key,
            )
            PickupLine.objects.bulk_create(
                [PickupLine(pickup_order=order, device=device) for device in devices]
            )
            PickupEvent.objects.create(pickup_order=order, to_status=Status.REGISTERED, by=by)
    except IntegrityError:
        existing = PickupOrder.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        raise _already_on_pickup(device_ids) from None
    return order


def _check(by, recipient, service_location, reason, device_ids, contact, return_reason, comment):
    recipient_services.ensure_active(recipient)  # REC-3
    if not by.memberships.filter(service_location=service_location).exists():
        raise PickupRefused(_("Välj ett av dina tjänsteställen."))
    if reason not in allowed_reasons(by):
        raise PickupRefused(_("Välj hämtorderorsak Skickas till centrallager med post."))
    if not device_ids:
        raise PickupRefused(_("Markera minst ett hjälpmedel som ska returneras."))
    if return_reason not in PickupOrder.ReturnReason.values:
        raise PickupRefused(_("Välj orsak till retur."))
    if not contact.strip():
        raise PickupRefused(_("Ange kontaktuppgifter."))
    if len(contact) > CONTACT_MAX or len(comment) > COMMENT_MAX:
        raise PickupRefused(_("Texten är för lång."))


def _lock_devices(by, recipient, device_ids) -> list[Device]:
    """The recipient's delivered devices with these ids, locked in primary-key order; one of
    another recipient, another product area, or no longer delivered is refused — naming the
    return that took it back (RET-D124), as a Retur locks the same rows first."""
    try:
        devices = recipient_services.lock_delivered_devices(
            recipient=recipient, device_ids=device_ids
        )
    except DeviceUnavailable as error:
        returned = (
            ReturnLine.objects.filter(device_id__in=device_ids, device__recipient=recipient)
            .select_related("ret", "device__article")
            .order_by("device_id")
            .first()
        )
        if returned is None:
            raise PickupRefused(str(error)) from None
        raise PickupRefused(
            _(
                "%(article)s är redan återlämnat med retur %(number)s och kan inte läggas på "
                "en hämtorder. Ladda om sidan."
            )
            % {"article": returned.device.article.name, "number": returned.ret.number}
        ) from None
    areas = set(by.product_areas.values_list("pk", flat=True))
    if any(device.article.product_area_id not in areas for device in devices):
        raise PickupRefused(str(DeviceUnavailable()))
    return devices


def open_pickup_refusal(devices: list[Device]) -> str:
    """RET-D124 (registered as a return check of recipients): a device on an open pickup order
    is on its way to 70 and may not be returned to own store — Registrera ankomst would find
    it gone. Named, with what to do; "" when none is. The devices are locked by the caller."""
    line = (
        PickupLine.objects.filter(device__in=devices, is_open=True)
        .select_related("pickup_order", "device__article")
        .order_by("device_id")
        .first()
    )
    if line is None:
        return ""
    return _(
        "%(article)s finns på den öppna hämtordern %(number)s och kan inte returneras till eget "
        "lager. Makulera hämtordern först, eller låt den gå till centrallagret."
    ) % {"article": line.device.article.name, "number": line.pickup_order.number}


def _already_on_pickup(device_ids) -> PickupRefused:
    """The refusal names the open pickup order a device is on (a second tab, a colleague) and
    the device, so the user knows what changed (issue 19.5)."""
    message = on_open_pickup_message(device_ids)
    if message is None:  # the other order was rolled back meanwhile
        return PickupRefused(_("Ett av hjälpmedlen lades just på en annan hämtorder. Försök igen."))
    return PickupRefused(message)


def on_open_pickup_message(device_ids) -> str | None:
    """The refusal's words — <device> finns redan på den öppna hämtordern <number>,
    registrerad av … — or None when none of these devices is on an open pickup order."""
    line = (
        PickupLine.objects.filter(device_id__in=device_ids, is_open=True)
        .select_related("pickup_order__orderer", "device__article", "device__individual")
        .order_by("pk")
        .first()
    )
    if line is None:
        return None
    device = line.device
    name = device.article.name
    if device.individual_id:
        name = f"{name} ({_('individ')} {device.individual.number})"
    return str(
        _(
            "%(device)s finns redan på den öppna hämtordern %(number)s, registrerad av "
            "%(orderer)s %(date)s. Ladda om sidan – hjälpmedel på en öppen hämtorder visas "
            "inte – och markera hjälpmedlen igen."
        )
        % {
            "device": name,
            "number": line.pickup_order.number,
            "orderer": line.pickup_order.orderer.full_name,
            "date": timezone.localtime(line.pickup_order.created_at).strftime("%Y-%m-%d %H:%M"),
        }
    )


# --- Closing and cancelling -----------------------------------------------------------------


def close_pickup_order(
    *, by: User, pickup_order: PickupOrder, day: datetime.date | None = None
) -> list[Device]:
    """Registrera ankomst (PU-6, ACC-9): Hjälpmedel received the devices at 70. In one
    transaction the pickup order becomes Stängd (compare-and-set), each device moves to
    Återlämnat with `day`, and an individual lies in 70 again with its stock movement (STK-4);
    the orderer gets a message (HOME-5). Returns the devices taken back: what else follows a
    return (billing's planned charges) hooks in after `_take_back`."""
    day = day or timezone.localdate()
    with transaction.atomic():
        _move(by, pickup_order, Status.CLOSED, closed_on=day)
        devices = _take_back(by, pickup_order, day)
        _message_orderer(pickup_order)
    return devices


def _take_back(by, pickup_order, day) -> list[Device]:
    lines = list(pickup_order.lines.order_by("pk").values_list("device_id", flat=True))
    try:
        devices = recipient_services.lock_delivered_devices(
            recipient=pickup_order.recipient, device_ids=lines
        )
        devices = recipient_services.take_back_devices(
            devices=devices,
            warehouse=Warehouse.objects.get(number=CENTRAL_WAREHOUSE),
            day=day,
            reference=pickup_order.number,
            by=by,
        )
    except DeviceUnavailable as error:
        raise PickupRefused(str(error)) from None
    pickup_order.lines.update(is_open=False)
    return devices


def _message_orderer(pickup_order: PickupOrder) -> None:
    send_message(
        to=[pickup_order.orderer],
        subject=_("Hämtorder %(number)s är stängd") % {"number": pickup_order.number},
        body=_(
            "Hjälpmedel har tagit emot hjälpmedlen på hämtorder %(number)s. De visas nu under "
            "Återlämnat hos mottagaren."
        )
        % {"number": pickup_order.number},
        link=reverse("activities:pickup_detail", args=[pickup_order.number]),
    )


def cancel_pickup_order(*, by: User, pickup_order: PickupOrder) -> PickupOrder:
    """Makulera (PU-7) while Registrerad: the devices are free for another pickup order. The
    caller checks that `by` may (the order's location in the portal, staff in admin)."""
    with transaction.atomic():
        _move(by, pickup_order, Status.CANCELLED)
        pickup_order.lines.update(is_open=False)
    return pickup_order


def _move(by, pickup_order, to, **fields) -> None:
    """Compare-and-set from the status loaded to `to`, as PickupOrder.TRANSITIONS allows (PU-7:
    Skapa hämtorder moves a draft to Registrerad, then only Registrerad moves); a move it does
    not allow, or a status changed meanwhile, is refused with the status the pickup order has
    now."""
    frm = pickup_order.status
    changed = 0
    if to in PickupOrder.TRANSITIONS.get(frm, set()):
        changed = PickupOrder.objects.filter(pk=pickup_order.pk, status=frm).update(
            status=to, **fields
        )
    if changed != 1:
        current = PickupOrder.objects.get(pk=pickup_order.pk)
        raise PickupRefused(
            _("Hämtorder %(number)s är redan %(status)s.")
            % {"number": current.number, "status": current.get_status_display().lower()}
        )
    PickupEvent.objects.create(pickup_order=pickup_order, from_status=frm, to_status=to, by=by)
    pickup_order.status = to
    for name, value in fields.items():
        setattr(pickup_order, name, value)
