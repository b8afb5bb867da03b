"""Population-register events (BEY-14): a file (docs/folkbokforing-exempel.csv, BEY-D226) read
line by line; each event applied once (safety_registerevent_once), one transaction per
recipient, a bad line reported with its number while the others still apply.

- avliden: open patient charges due after the date of death are cancelled (billing), the units
  of undelivered orders get a message, and each unit with delivered devices is asked to create
  a pickup order (PickupProposal → Att göra) — never created by the import;
- skyddad_identitet: the recipient's protected identity is set (REC-5);
- utflyttad: the new home region is recorded (REC-4's out-of-region notice)."""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import services as billing
from orders.models import Order
from recipients import services as recipients
from recipients.models import Device, Recipient
from safety.models import PickupProposal, RegisterEvent
from sesam.lib import personnummer as pnr
from sesam.models import Membership, User
from sesam.services import log_access, send_message

UNDELIVERED = [Order.Status.REGISTERED, Order.Status.PICKING, Order.Status.PARTLY_DELIVERED]
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line: int
    personnummer: str
    kind: str
    date: datetime.date
    region: str = ""


@dataclass
class ImportReport:
    applied: int = 0
    already: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    def __str__(self) -> str:
        text = _("%(a)d händelser tillämpade, %(b)d redan inlästa, %(c)d fel.") % {
            "a": self.applied,
            "b": self.already,
            "c": len(self.errors),
        }
        return " ".join([text, *(f"Rad {line}: {message}" for line, message in self.errors)])


def parse(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    """The file's rows (`personnummer;händelse;datum;region`, UTF-8; a header line and lines
    starting with # are skipped) and the errors of the lines that are not rows."""
    rows, errors = [], []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells) or cells[0].startswith("#") or cells[0].lower() == "personnummer":
            continue
        try:
            rows.append(_row(number, cells))
        except ValueError as error:
            errors.append((number, str(error)))
    return rows, errors


def _row(number: int, cells: list[str]) -> Row:
    if len(cells) < 3:
        raise ValueError(_("Raden ska ha personnummer;händelse;datum[;region]."))
    try:
        personnummer = pnr.normalise(cells[0])
    except ValidationError as error:
        raise ValueError(
            _("Ogiltigt personnummer: %(e)s") % {"e": " ".join(error.messages)}
        ) from None
    kind = cells[1].lower()
    if kind not in RegisterEvent.Kind.values:
        raise ValueError(
            _("Okänd händelse %(k)s (avliden, skyddad_identitet eller utflyttad).")
            % {"k": cells[1]}
        )
    try:
        day = datetime.date.fromisoformat(cells[2])
    except ValueError:
        raise ValueError(_("Datumet ska skrivas ÅÅÅÅ-MM-DD.")) from None
    region = cells[3] if len(cells) > 3 else ""
    if kind == RegisterEvent.Kind.MOVED_OUT and not region:
        raise ValueError(_("Utflyttad behöver den nya regionen i fjärde kolumnen."))
    return Row(number, personnummer, kind, day, region[:60])


def import_register_events(*, by: User, text: str, source: str = "") -> ImportReport:
    """BEY-14: applies the file's events, one transaction per recipient."""
    rows, errors = parse(text)
    report = ImportReport(errors=errors)
    by_person = defaultdict(list)
    for row in rows:
        by_person[row.personnummer].append(row)
    known = Recipient.objects.in_bulk(list(by_person), field_name="personnummer")
    for personnummer in sorted(by_person):
        person_rows = by_person[personnummer]
        recipient = known.get(personnummer)
        if recipient is None:
            report.errors += [(r.line, _("Ingen mottagare har personnumret.")) for r in person_rows]
            continue
        try:
            with transaction.atomic():
                applied = [_apply(by, recipient, row, source) for row in person_rows]
        except Exception as error:  # noqa: BLE001 — the recipient's rows are reported, others go on
            report.errors += [(r.line, str(error) or error.__class__.__name__) for r in person_rows]
            continue
        report.applied += sum(applied)
        report.already += len(applied) - sum(applied)
    report.errors.sort()
    return report


def _apply(by: User, recipient: Recipient, row: Row, source: str) -> bool:
    """One event: False when it was applied before (the unique constraint says so)."""
    try:
        with transaction.atomic():
            event = RegisterEvent.objects.create(
                personnummer=row.personnummer,
                kind=row.kind,
                date=row.date,
                region=row.region,
                recipient=recipient,
                source=source[:200],
                line=row.line,
                applied_by=by,
            )
    except IntegrityError:
        return False
    if row.kind == RegisterEvent.Kind.DEATH:
        summary = _death(by, recipient, event)
    elif row.kind == RegisterEvent.Kind.PROTECTED_IDENTITY:
        recipients.apply_register_change(by=by, recipient=recipient, protected_identity=True)
        summary = _("Skyddad identitet satt")
    else:
        recipients.apply_register_change(by=by, recipient=recipient, home_region=row.region)
        summary = _("Hemregion %(r)s") % {"r": row.region}
    RegisterEvent.objects.filter(pk=event.pk).update(summary=summary[:300])
    return True


def _members(location_ids) -> dict[int, list[User]]:
    members = defaultdict(list)
    for membership in Membership.objects.filter(
        service_location_id__in=list(location_ids), user__is_active=True
    ).select_related("user"):
        members[membership.service_location_id].append(membership.user)
    return members


def _death(by: User, recipient: Recipient, event: RegisterEvent) -> str:
    day = event.date
    log_access(by=by, service_location=None, recipient=recipient, action="register_event")
    cancelled = billing.cancel_charges_after(
        by=by,
        recipient_id=recipient.pk,
        day=day,
        note=_("Mottagaren avliden %(d)s (folkbokföringen)") % {"d": day.isoformat()},
    )
    orders = list(
        Order.objects.filter(recipient=recipient, status__in=UNDELIVERED).order_by("number")
    )
    delivered = Device.objects.filter(recipient=recipient, status=Device.Status.DELIVERED)
    units = set(delivered.values_list("service_location_id", flat=True))
    members = _members({o.service_location_id for o in orders} | units)
    by_unit = defaultdict(list)
    for order in orders:
        by_unit[order.service_location_id].append(order)
    for unit, unit_orders in by_unit.items():
        send_message(
            to=members[unit],
            subject=_("Avliden mottagare: beställningar som inte är levererade"),
            body="\n".join(
                [
                    _("%(name)s (%(pnr)s) avled %(d)s enligt folkbokföringen.")
                    % {"name": recipient.name, "pnr": recipient.personnummer_display, "d": day},
                    _("Beställningar som inte är levererade – makulera eller hantera dem:"),
                    *(o.number for o in unit_orders),
                ]
            ),
            link=reverse("orders:detail", args=[unit_orders[0].number]),
        )
    PickupProposal.objects.bulk_create(
        PickupProposal(register_event=event, recipient=recipient, service_location_id=unit)
        for unit in sorted(units)
    )
    return _("%(c)d avgifter makulerade, %(o)d beställningar flaggade, %(p)d hämtorderförslag") % {
        "c": cancelled,
        "o": len(orders),
        "p": len(units),
    }


def mark_proposal_done(*, by: User, proposal: PickupProposal) -> bool:
    """The unit has handled a proposed pickup (compare-and-set; a second click does nothing)."""
    return bool(
        PickupProposal.objects.filter(pk=proposal.pk, done_at__isnull=True).update(
            done_at=timezone.now(), done_by=by
        )
    )
