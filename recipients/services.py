"""Writes of recipients (REC) and their devices. Every change of a recipient's data is one
transaction and is recorded in the access log (ACC-8): who, when, from what to what."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import services as billing
from inventory import services as stock
from inventory.models import Article, Individual, StockMovement, Warehouse
from recipients import extensions
from recipients.exceptions import (
    DeviceUnavailable,
    RecipientError,
    RecipientInactive,
    ReturnRefused,
)
from recipients.models import Device, Recipient, Return, ReturnLine
from sesam.lib.numbers import next_number
from sesam.models import ServiceLocation, User
from sesam.services import log_access

# ---------------------------------------------------------------------------------------------
# The recipient's own details (REC-2, REC-3, REC-4)
# ---------------------------------------------------------------------------------------------


def ensure_active(recipient: Recipient) -> None:
    """REC-3: new orders, activities and pickup orders call this first; an inactive recipient
    is refused with "Mottagaren är inte aktiv – kontakta Hjälpmedel"."""
    if not recipient.is_active:
        raise RecipientInactive()


def update_phone(
    *, by: User, recipient: Recipient, phone: str, service_location: ServiceLocation | None
) -> Recipient:
    """REC-2: the phone is the one detail the portal owns; it follows into what is registered
    later (orders read it from the recipient)."""
    return _update_field(
        by=by,
        recipient=recipient,
        field="phone",
        value=phone.strip(),
        service_location=service_location,
        action="phone",
    )


def update_payment_commitment(
    *, by: User, recipient: Recipient, reference: str, service_location: ServiceLocation | None
) -> Recipient:
    """REC-4: the home region's payment commitment reference, for recipients not registered
    in the region."""
    if not recipient.is_out_of_region:
        raise RecipientError(
            _(
                "Betalningsförbindelse registreras bara för mottagare som inte är folkbokförda "
                "i regionen."
            )
        )
    return _update_field(
        by=by,
        recipient=recipient,
        field="payment_commitment",
        value=reference.strip(),
        service_location=service_location,
        action="payment_commitment",
    )


def report_fitting_completed(
    *, by: User, recipient: Recipient, service_location: ServiceLocation | None
) -> int:
    """BIL-5/REC-4: a Region clinic reports Utprovning avslutad for a recipient of another
    region (one click): recorded who and when, and the pending home-region charges are
    cancelled. Private clinics (PAM) report it in Priva, not here. Returns the number of
    charges cancelled (0 when a double click finds them already cancelled)."""
    if not recipient.is_out_of_region:
        raise RecipientError(
            "Utprovning avslutad rapporteras bara för mottagare från en annan region."
        )
    if service_location is None or service_location.is_private:
        raise RecipientError(
            "Privata mottagningar rapporterar avslutad utprovning i Priva, inte i portalen."
        )
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        cancelled = billing.complete_fitting(by=by, recipient_id=locked.pk)
        if cancelled or locked.fitting_completed_at is None:
            locked.fitting_completed_at, locked.fitting_completed_by = timezone.now(), by
            locked.save(update_fields=["fitting_completed_at", "fitting_completed_by"])
        log_access(
            by=by,
            service_location=service_location,
            recipient=locked,
            action="fitting_completed",
            cancelled=cancelled,
        )
    recipient.fitting_completed_at = locked.fitting_completed_at
    recipient.fitting_completed_by = locked.fitting_completed_by
    return cancelled


def _update_field(*, by, recipient, field, value, service_location, action) -> Recipient:
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        old = getattr(locked, field)
        changed = old != value
        if changed:
            setattr(locked, field, value)
            locked.save(update_fields=[field])
        log_access(
            by=by,
            service_location=service_location,
            recipient=locked,
            action=f"{action}_changed" if changed else f"{action}_unchanged",
            **({"from": old, "to": value} if changed else {}),
        )
    setattr(recipient, field, value)
    return recipient


# ---------------------------------------------------------------------------------------------
# The population register (REC-2, REC-4): import_recipients and admin
# ---------------------------------------------------------------------------------------------

REGISTER_FIELDS = [
    "first_name",
    "last_name",
    "street",
    "postal_code",
    "city",
    "protected_identity",
    "home_region",
    "is_active",
]


@dataclass(frozen=True)
class RegisterRecord:
    """One recipient as the population register describes them (already validated)."""

    personnummer: str
    first_name: str
    last_name: str
    street: str
    postal_code: str
    city: str
    protected_identity: bool
    home_region: str
    is_active: bool = True


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def import_register_records(
    *, records: list[RegisterRecord], batch_size: int = 1000
) -> ImportSummary:
    """Creates or updates recipients by personnummer from a validated register extract, in one
    transaction. Never touches what the portal owns (phone, payment commitment)."""
    created = updated = unchanged = 0
    with transaction.atomic():
        for start in range(0, len(records), batch_size):
            batch = records[start : start + batch_size]
            existing = (
                Recipient.objects.select_for_update()
                .order_by("pk")
                .in_bulk([r.personnummer for r in batch], field_name="personnummer")
            )
            to_create, to_update = [], []
            for record in batch:
                values = {name: getattr(record, name) for name in REGISTER_FIELDS}
                recipient = existing.get(record.personnummer)
                if recipient is None:
                    to_create.append(Recipient(personnummer=record.personnummer, **values))
                elif any(getattr(recipient, k) != v for k, v in values.items()):
                    for name, value in values.items():
                        setattr(recipient, name, value)
                    to_update.append(recipient)
                else:
                    unchanged += 1
            Recipient.objects.bulk_create(to_create)
            Recipient.objects.bulk_update(to_update, REGISTER_FIELDS)
            created += len(to_create)
            updated += len(to_update)
    return ImportSummary(created=created, updated=updated, unchanged=unchanged)


def apply_register_change(
    *,
    by: User,
    recipient: Recipient,
    protected_identity: bool | None = None,
    home_region: str | None = None,
) -> Recipient:
    """BEY-14: a population-register event changes what the register owns — protected
    identity (REC-5: the address disappears from every page, PDF and export at once, as they
    all read the flag) or the home region after moving out (REC-4) — locked, logged."""
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        changed = {}
        if protected_identity is not None and locked.protected_identity != protected_identity:
            changed["protected_identity"] = protected_identity
        if home_region is not None and locked.home_region != home_region:
            changed["home_region"] = home_region
        for field, value in changed.items():
            setattr(locked, field, value)
        if changed:
            locked.save(update_fields=list(changed))
        log_access(
            by=by,
            service_location=None,
            recipient=locked,
            action="register_event",
            fields=sorted(changed),
        )
    return locked


def record_admin_change(
    *, by: User, recipient: Recipient, created: bool, fields: list[str]
) -> None:
    """ACC-8: an administrator created or corrected a recipient in admin (REC-4). The log keeps
    which fields changed, never their values (the address may be protected, REC-5)."""
    log_access(
        by=by,
        service_location=None,
        recipient=recipient,
        action="admin_created" if created else "admin_changed",
        fields=sorted(fields),
    )


# ---------------------------------------------------------------------------------------------
# Devices: recorded and moved by orders (a higher app) inside its own transactions
# ---------------------------------------------------------------------------------------------


def record_ordered_devices(
    *,
    recipient: Recipient,
    article: Article,
    quantity: int,
    order_line_id: int,
    order_number: str,
    prescriber: User,
    service_location: ServiceLocation,
    planned_delivery_date: datetime.date | None,
    individual: Individual | None = None,
    trial_until: datetime.date | None = None,
) -> list[Device]:
    """A sent prescription line becomes the recipient's ordered devices (Beställt tab):
    one device per unit for individual-marked articles, else one device with the quantity;
    `trial_until` for Leverans på prov (BEY-2)."""
    per_unit = article.is_individual
    common = dict(  # noqa: C408
        recipient=recipient,
        article=article,
        status=Device.Status.ORDERED,
        order_line_id=order_line_id,
        order_number=order_number,
        prescriber=prescriber,
        service_location=service_location,
        ordered_at=timezone.now(),
        planned_delivery_date=planned_delivery_date,
        trial_until=trial_until,
    )
    if individual is not None:
        return Device.objects.bulk_create([Device(**common, individual=individual, quantity=1)])
    if per_unit:
        return Device.objects.bulk_create([Device(**common, quantity=1) for _ in range(quantity)])
    return Device.objects.bulk_create([Device(**common, quantity=quantity)])


def deliver_devices(
    *, order_line_id: int, individuals: list[Individual] = (), day: datetime.date | None = None
) -> list[Device]:
    """The ordered devices of a line are delivered (Hjälpmedel tab), each individual-marked
    device getting its individual. The caller holds the line's lock."""
    devices = list(
        Device.objects.select_for_update()
        .filter(order_line_id=order_line_id, status=Device.Status.ORDERED)
        .order_by("pk")
    )
    pending = [d for d in devices if d.individual_id is None]
    individuals = list(individuals)
    if individuals and len(individuals) != len(pending):
        raise ValueError("one individual per ordered device")
    for device, individual in zip(pending, individuals, strict=False):
        device.individual = individual
    day = day or timezone.localdate()
    for device in devices:
        device.status, device.delivered_on = Device.Status.DELIVERED, day
    Device.objects.bulk_update(devices, ["individual", "status", "delivered_on"])
    return devices


def set_planned_delivery_date(*, order_line_id: int, day: datetime.date | None) -> int:
    """Keeps the Beställt tab's planned date with its order line's."""
    return Device.objects.filter(order_line_id=order_line_id, status=Device.Status.ORDERED).update(
        planned_delivery_date=day
    )


def cancel_devices(*, order_line_id: int) -> int:
    return Device.objects.filter(order_line_id=order_line_id, status=Device.Status.ORDERED).update(
        status=Device.Status.CANCELLED
    )


# ---------------------------------------------------------------------------------------------
# Devices taken back: returns to own store (RET-1…RET-4), pickup orders at 70 (PU-6)
# ---------------------------------------------------------------------------------------------


def lock_delivered_devices(*, recipient: Recipient, device_ids: list[int]) -> list[Device]:
    """Locks the recipient's delivered devices with these ids (primary-key order), or refuses:
    an id that is another recipient's, unknown, or no longer delivered (returned twice, by a
    double submit or a colleague at the same moment) raises DeviceUnavailable. Must run inside
    a transaction; lock the parent record (return, pickup order) before calling."""
    ids = sorted(set(device_ids))
    devices = list(
        Device.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, recipient=recipient, status=Device.Status.DELIVERED)
        .select_related("article", "individual")
        .order_by("pk")
    )
    if not ids or len(devices) != len(ids):
        missing = sorted(set(ids) - {d.pk for d in devices})
        gone = (
            Device.objects.filter(pk__in=missing, recipient=recipient)
            .select_related("article", "individual")
            .order_by("pk")
            .first()
        )
        raise DeviceUnavailable(gone)
    return devices


def _cancel_charges_of_lines_back(devices: list[Device], by: User | None) -> None:
    """BIL-D6: a line's charge covers all its units, so its planned charges are cancelled when
    its last unit is back (returned or scrapped) before the invoice date; after invoicing
    nothing changes (billing's rule)."""
    line_ids = {d.order_line_id for d in devices if d.order_line_id}
    if not line_ids:
        return
    still_out = set(
        Device.objects.filter(order_line_id__in=line_ids)
        .exclude(
            status__in=[Device.Status.RETURNED, Device.Status.SCRAPPED, Device.Status.CANCELLED]
        )
        .values_list("order_line_id", flat=True)
    )
    back = [d for d in devices if d.order_line_id and d.order_line_id not in still_out]
    if back:
        billing.cancel_charges_for_devices(by=by, devices=back)


def take_back_devices(
    *,
    devices: list[Device],
    warehouse: Warehouse | None,
    day: datetime.date,
    reference: str,
    by: User | None,
    scrap: bool = False,
) -> list[Device]:
    """Locked delivered devices (`lock_delivered_devices`) leave the recipient's active list and
    show under Återlämnat with `day` (RET-2, PU-6). Into `warehouse`: its balance rises by each
    device's quantity, one stock movement per article (STK-4, reason Retur), and an individual
    lies there again (På lager). `scrap` (RET-4): recorded as Skrotad, nothing goes back into
    stock (`warehouse` is then None). The planned charges of a line whose last unit is back are
    cancelled (BIL-D6). The caller checks who may do it and records the return."""
    if scrap != (warehouse is None):
        raise ValueError("a scrapped device goes to no warehouse; a returned one to one")
    status = Device.Status.SCRAPPED if scrap else Device.Status.RETURNED
    changed = Device.objects.filter(
        pk__in=[d.pk for d in devices], status=Device.Status.DELIVERED
    ).update(status=status, returned_on=day)
    if changed != len(devices):
        raise DeviceUnavailable()
    for device in devices:
        device.status, device.returned_on = status, day
    _cancel_charges_of_lines_back(devices, by)
    if scrap:
        return devices
    individuals = [d.individual for d in devices if d.individual_id]
    if individuals:
        stock.take_back_individuals(
            individuals=individuals,
            warehouse=warehouse,
            source=devices[0].recipient.personnummer,
            reference=reference,
            by=by,
        )
    totals: dict[int, list] = {}
    for device in devices:
        entry = totals.setdefault(device.article_id, [device.article, 0])
        entry[1] += device.quantity
    stock.apply_changes(
        [stock.Change(warehouse, article, quantity=q) for article, q in totals.values()],
        reason=StockMovement.Reason.RETURN,
        reference=reference,
        by=by,
    )
    return devices


# ---------------------------------------------------------------------------------------------
# Retur från patient till eget lager (RET-1…RET-4, ACC-7)
# ---------------------------------------------------------------------------------------------

SCRAP_PRICE_LIMIT = Decimal("1000")


def scrap_refusal(article: Article) -> str:
    """RET-4: why a device of this article may not be scrapped ("" when it may). Scrapping is
    for service purchases (tjänsteköp) and non-individual main devices costing under
    1 000 kr (the article's price); anything else goes back into stock."""
    if article.type == Article.Type.SERVICE:
        return ""
    if article.type != Article.Type.MAIN:
        return _(
            "%(article)s är %(type)s. Bara tjänsteköp och huvudhjälpmedel utan individnummer "
            "som kostar under 1 000 kr får skrotas; returnera det till lagret."
        ) % {"article": article.name, "type": article.get_type_display().lower()}
    if article.is_individual:
        return _("%(article)s är individmärkt och får inte skrotas; returnera det till lagret.") % {
            "article": article.name
        }
    if article.price >= SCRAP_PRICE_LIMIT:
        return _(
            "%(article)s kostar 1 000 kr eller mer och får inte skrotas; returnera det till lagret."
        ) % {"article": article.name}
    return ""


def return_refusal(*, by: User, service_location: ServiceLocation | None) -> str:
    """RET-1, RET-3, ACC-7: why `by` may not take devices back at this service location
    ("" when allowed): it must be one of theirs, not a private clinic, and hold a store."""
    if service_location is None:
        return _("Välj det tjänsteställe där hjälpmedlen lämnas tillbaka.")
    if service_location.is_private:
        return _(
            "%(name)s är en privat mottagning och har inget eget lager. Privata mottagningar "
            "returnerar hjälpmedel med en hämtorder direkt till centrallagret."
        ) % {"name": service_location.name}
    if not by.memberships.filter(service_location=service_location).exists():
        return _("Du är inte kopplad till %(name)s.") % {"name": service_location.name}
    if not Warehouse.objects.filter(service_location=service_location).exists():
        return _("%(name)s har inget eget lager. Kontakta Hjälpmedel.") % {
            "name": service_location.name
        }
    return ""


def return_devices(
    *,
    by: User,
    recipient: Recipient,
    service_location: ServiceLocation,
    device_ids: list[int],
    scrap_ids: list[int] = (),
    key: uuid.UUID | str | None = None,
    day: datetime.date | None = None,
) -> Return:
    """RET-1…RET-4: the recipient hands devices back at `service_location`; its own store is
    used automatically. In one transaction: a numbered Return, each device off the active
    list and under Återlämnat with the day (RET-2), the store's balance raised by a stock
    movement per article (STK-4) and returned individuals På lager there again; the devices
    in `scrap_ids` (a subset of `device_ids`) are scrapped instead (RET-4: no stock, recorded
    with who and when). Refused (ReturnRefused) for private clinics (ACC-7), a location the
    user is not linked to, devices outside the user's product areas or not scrappable; a
    device no longer delivered (another return got there first) raises DeviceUnavailable.
    `key` makes it idempotent: a second call with the same key returns the first Return."""
    if refusal := return_refusal(by=by, service_location=service_location):
        raise ReturnRefused(refusal)
    ids, scrap = set(device_ids), set(scrap_ids)
    if not ids:
        raise ReturnRefused(_("Bocka i minst ett hjälpmedel att returnera."))
    if not scrap <= ids:
        raise ValueError("scrap_ids must be among device_ids")
    key = key or uuid.uuid4()
    if existing := _return_with_key(key, recipient):
        return existing
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            # The devices first, then the number: a pickup order locks in the same order, so
            # the two meet on the devices' rows, never deadlock on the week's series (RET-D124).
            devices = lock_delivered_devices(recipient=recipient, device_ids=sorted(ids))
            _check_returnable(by=by, devices=devices, scrap=scrap)
            ret = _create_return(
                by=by, recipient=recipient, service_location=service_location, key=key, day=day
            )
            back = [d for d in devices if d.pk not in scrap]
            scrapped = [d for d in devices if d.pk in scrap]
            if back:
                take_back_devices(
                    devices=back, warehouse=ret.warehouse, day=day, reference=ret.number, by=by
                )
            if scrapped:
                take_back_devices(
                    devices=scrapped,
                    warehouse=None,
                    day=day,
                    reference=ret.number,
                    by=by,
                    scrap=True,
                )
            ReturnLine.objects.bulk_create(
                [
                    ReturnLine(
                        ret=ret,
                        device=d,
                        kind=ReturnLine.Kind.SCRAP if d.pk in scrap else ReturnLine.Kind.RETURN,
                        quantity=d.quantity,
                    )
                    for d in devices
                ]
            )
            log_access(
                by=by,
                service_location=service_location,
                recipient=recipient,
                action="return_devices",
                number=ret.number,
                returned=[d.pk for d in back],
                scrapped=[d.pk for d in scrapped],
            )
    except (DeviceUnavailable, IntegrityError):
        # A double submit that lost the race: the first one's return is the answer.
        if existing := _return_with_key(key, recipient):
            return existing
        raise
    return ret


def _return_with_key(key, recipient: Recipient) -> Return | None:
    existing = Return.objects.filter(key=key).first()
    if existing is not None and existing.recipient_id != recipient.pk:
        raise ReturnRefused(
            _(
                "Formuläret hör till en retur för en annan mottagare (öppnad i en annan flik). "
                "Ladda om sidan."
            )
        )
    return existing


def _create_return(*, by, recipient, service_location, key, day) -> Return:
    """The return's row, once its devices are locked (a concurrent double submit with the same
    key waits on those locks and then finds them returned: DeviceUnavailable, and the first
    return is the answer; should it get here, the unique key refuses: IntegrityError)."""
    with transaction.atomic():
        return Return.objects.create(
            number=next_number(day=day),
            key=key,
            recipient=recipient,
            service_location=service_location,
            warehouse=Warehouse.objects.get(service_location=service_location),
            returned_on=day,
            by=by,
        )


def _check_returnable(*, by: User, devices: list[Device], scrap: set[int]) -> None:
    """RET-1, RET-4, RET-D124: within the user's product areas, scrappable when scrapped, and
    claimed by no higher app (an open pickup order: `extensions.return_refusal`)."""
    if refusal := extensions.return_refusal(devices):
        raise ReturnRefused(refusal)
    areas = set(by.product_areas.values_list("pk", flat=True))
    for device in devices:
        if device.article.product_area_id not in areas:
            raise ReturnRefused(
                _("Du kan bara returnera hjälpmedel inom dina produktområden (%(article)s).")
                % {"article": device.article.name}
            )
        if device.pk in scrap and (refusal := scrap_refusal(device.article)):
            raise ReturnRefused(refusal)
