"""Writes of the billing ledger (BIL-1…BIL-6). Called directly by the services of the apps
above (orders, recipients, later returns, pickup orders and stocktake) inside their own
transactions; they pass plain values or duck-typed objects (BIL-D1).

The caller of `record_delivery_charges` holds the order line's lock, so checking for an
existing charge before creating one is safe; the unique constraint
`billing_patientcharge_one_per_line_kind` is the last word."""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from billing import rules
from billing.exceptions import BillingError
from billing.models import (
    BillingRun,
    ChargeEvent,
    Invoice,
    InvoiceLine,
    InvoiceNumberSeries,
    PatientCharge,
)
from sesam.lib.bulk import copy_rows
from sesam.lib.numbers import NumberSeriesExhausted, reserve
from sesam.models import User

Kind, Status, Debtor = PatientCharge.Kind, PatientCharge.Status, PatientCharge.DebtorKind

# The Article.fee_kind values (inventory) that make a charge to the patient, by charge kind.
PATIENT_KINDS = {"standard": Kind.FEE, "charger": Kind.CHARGER, "charger_kit": Kind.CHARGER_KIT}
DUE_DATE = {
    Kind.FEE: rules.fee_due_date,
    Kind.CHARGER: rules.charger_due_date,
    Kind.CHARGER_KIT: rules.charger_kit_due_date,
    Kind.HOME_REGION: rules.home_region_due_date,
}


def _record(charge: PatientCharge, old: str, by: User | None, note: str = "") -> None:
    ChargeEvent.objects.create(
        charge=charge, from_status=old, to_status=charge.status, by=by, note=note
    )


def _move(charge: PatientCharge, new: str, by: User | None, note: str = "", **fields) -> None:
    """Compare-and-set from the charge's current status to `new` (TRANSITIONS), recorded."""
    old = charge.status
    if new not in PatientCharge.TRANSITIONS[old]:
        raise BillingError(
            _("Avgiften är %(status)s och kan inte ändras.")
            % {"status": charge.get_status_display().lower()}
        )
    changed = PatientCharge.objects.filter(pk=charge.pk, status=old).update(status=new, **fields)
    if changed != 1:
        raise BillingError(_("Avgiften ändrades samtidigt av någon annan. Försök igen."))
    charge.status = new
    for name, value in fields.items():
        setattr(charge, name, value)
    _record(charge, old, by, note)


# --- charges arise (BIL-1, BIL-2, BIL-3, BIL-5) ------------------------------------------


def record_delivery_charges(
    *,
    by: User | None,
    order,
    line,
    day: datetime.date,
    individual_numbers: Iterable[str] = (),
    unit_price: Decimal | None = None,
) -> list[PatientCharge]:
    """A prescription line delivered to its recipient on `day` (own store and individual:
    at sending; 70: at Hjälpmedel's delivery, ORD-11; 750: at receipt, RCV-7). Creates what
    the line owes, once:
    - the patient's fee, charger or charger kit when they are 20 or more on `day` (BIL-1,
      REC-9), due at once (fee, kit) or the first vardag of month M + 3 (charger, BIL-2);
    - for a recipient of another region, the home region's charge for the device, due six
      months later (BIL-5; chargers and kits are the patient's, as for residents).
    `order` needs .recipient (personnummer, name, home_region, pk), .number and
    .service_location_id; `line` needs .pk, .article.fee_kind, .article.fee_amount,
    .fee_amount, .unit_price, .quantity, .article_number, .article_name, .individual_id."""
    recipient = getattr(order, "recipient", None)
    if recipient is None:
        return []
    numbers = [n for n in individual_numbers if n]
    individual = getattr(line, "individual", None)
    if not numbers and individual is not None:
        numbers = [individual.number]
    wanted: list[tuple[str, str, str, str, Decimal]] = []
    fee_kind = line.article.fee_kind
    if fee_kind in PATIENT_KINDS and rules.pays_patient_charges(recipient.personnummer, day):
        unit_fee = line.fee_amount or line.article.fee_amount  # BIL-D4
        amount = unit_fee * line.quantity
        if amount > 0:
            wanted.append(
                (
                    PATIENT_KINDS[fee_kind],
                    Debtor.RECIPIENT,
                    recipient.personnummer,
                    recipient.name,
                    amount,
                )
            )
    if recipient.home_region and fee_kind not in ("charger", "charger_kit"):
        price = unit_price if unit_price is not None else (line.unit_price or Decimal(0))
        wanted.append(
            (
                Kind.HOME_REGION,
                Debtor.REGION,
                recipient.home_region,
                recipient.home_region,
                price * line.quantity,
            )
        )
    existing = set(
        PatientCharge.objects.filter(order_line_id=line.pk).values_list("kind", flat=True)
    )
    created = []
    for kind, debtor_kind, code, name, amount in wanted:
        if kind in existing:
            continue  # a replayed delivery or receipt creates nothing new
        due = DUE_DATE[kind](day)
        charge = PatientCharge.objects.create(
            kind=kind,
            debtor_kind=debtor_kind,
            debtor_code=code,
            debtor_name=name,
            amount=amount,
            due_date=due,
            original_due_date=due,
            recipient_id=recipient.pk,
            order_line_id=line.pk,
            individual_id=getattr(line, "individual_id", None) if len(numbers) <= 1 else None,
            service_location_id=getattr(order, "service_location_id", None),
            order_number=order.number or "",
            article_number=line.article_number or line.article.number,
            article_name=line.article_name or line.article.name,
            individual_number=", ".join(numbers),
            occurred_on=day,
        )
        _record(charge, "", by)
        created.append(charge)
    return created


def record_missing_individual_charge(
    *,
    by: User | None,
    individual,
    service_location,
    amount: Decimal,
    day: datetime.date | None = None,
) -> PatientCharge:
    """A private clinic's individual not found at stocktake: a patient-independent charge to
    the clinic, due at once. Recording it twice returns the first (one open charge per
    individual). `individual` needs .pk, .number, .article (number, name);
    `service_location` needs .pk, .code, .name."""
    if amount < 0:
        raise BillingError(_("Beloppet kan inte vara negativt."))
    day = day or timezone.localdate()
    with transaction.atomic():
        existing = (
            PatientCharge.objects.select_for_update()
            .filter(kind=Kind.MISSING_INDIVIDUAL, individual_id=individual.pk)
            .exclude(status=Status.CANCELLED)
            .first()
        )
        if existing is not None:
            return existing
        charge = PatientCharge.objects.create(
            kind=Kind.MISSING_INDIVIDUAL,
            debtor_kind=Debtor.CLINIC,
            debtor_code=service_location.code,
            debtor_name=service_location.name,
            amount=amount,
            due_date=day,
            original_due_date=day,
            individual_id=individual.pk,
            service_location_id=service_location.pk,
            article_number=individual.article.number,
            article_name=individual.article.name,
            individual_number=individual.number,
            occurred_on=day,
        )
        _record(charge, "", by, note=_("Saknas vid inventering"))
        return charge


# --- charges cancelled (SRC-4, RCV-6, returns, BIL-5) -----------------------------------


def _cancel(charges: Iterable[PatientCharge], by: User | None, note: str) -> int:
    count = 0
    for charge in charges:
        _move(charge, Status.CANCELLED, by, note=note)
        count += 1
    return count


def _lock_open(queryset) -> list[PatientCharge]:
    return list(queryset.filter(status__in=PatientCharge.OPEN).select_for_update().order_by("pk"))


def cancel_line_charges(*, by: User | None, order_line_ids: Iterable[int], note: str = "") -> int:
    """Cancelling an order or lines (SRC-4, RCV-6) cancels their open charges; an invoiced
    charge stays (the invoice has gone)."""
    ids = list(order_line_ids)
    if not ids:
        return 0
    with transaction.atomic():
        charges = _lock_open(PatientCharge.objects.filter(order_line_id__in=ids))
        return _cancel(charges, by, note or _("Beställningen makulerad"))


def cancel_charges_for_devices(*, by: User | None, devices: Iterable) -> int:
    """A device returned before its invoice date cancels the open charges of its order line
    (BIL-D5); after invoicing nothing changes. `devices` need .order_line_id."""
    ids = [d.order_line_id for d in devices if getattr(d, "order_line_id", None)]
    if not ids:
        return 0
    with transaction.atomic():
        charges = _lock_open(PatientCharge.objects.filter(order_line_id__in=ids))
        return _cancel(charges, by, _("Hjälpmedlet återlämnat"))


def complete_fitting(*, by: User, recipient_id: int) -> int:
    """BIL-5: Utprovning avslutad reported: the recipient's open home-region charges are
    cancelled (the home region is not invoiced by the six-month rule)."""
    with transaction.atomic():
        charges = _lock_open(
            PatientCharge.objects.filter(recipient_id=recipient_id, kind=Kind.HOME_REGION)
        )
        return _cancel(charges, by, _("Utprovning avslutad"))


def cancel_charges_after(
    *, by: User | None, recipient_id: int, day: datetime.date, note: str
) -> int:
    """BEY-14: after a recipient's death no charge falls due: every open charge of theirs due
    after `day` is cancelled; those due on or before it stay (they were owed)."""
    with transaction.atomic():
        charges = _lock_open(
            PatientCharge.objects.filter(recipient_id=recipient_id, due_date__gt=day)
        )
        return _cancel(charges, by, note)


# --- pausing (BIL-4) ---------------------------------------------------------------------


@dataclass(frozen=True)
class PauseResult:
    charge: PatientCharge
    warning: str = ""


def charger_charges_by_individual_number(number: str):
    pattern = rf"(^|, ){re.escape(number.strip())}(,|$)"
    return PatientCharge.objects.filter(kind=Kind.CHARGER, individual_number__regex=pattern)


def pause_charge(
    *,
    by: User,
    individual_number: str,
    until: datetime.date,
    reason: str,
    today: datetime.date | None = None,
) -> PauseResult:
    """BIL-4: Hjälpmedel pauses a charger's invoice, found by the charger's individual
    number, until a date, with a reason. The charge becomes due on the pause end date (or
    the next vardag). A request later than two weeks before the invoice date is accepted
    with a warning."""
    today = today or timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise BillingError(_("Ange orsak till pausen."))
    if until <= today:
        raise BillingError(_("Pausa till: ange ett datum efter i dag."))
    with transaction.atomic():
        charges = _lock_open(charger_charges_by_individual_number(individual_number))
        if not charges:
            invoiced = charger_charges_by_individual_number(individual_number).filter(
                status=Status.INVOICED
            )
            if invoiced.exists():
                raise BillingError(
                    _("Laddaren med individnummer %(n)s är redan fakturerad och kan inte pausas.")
                    % {"n": individual_number}
                )
            raise BillingError(
                _("Ingen planerad laddarfaktura har individnummer %(n)s.")
                % {"n": individual_number}
            )
        charge = charges[0]
        warning = ""
        if rules.pause_is_late(requested_on=today, due_date=charge.due_date):
            warning = _(
                "Begäran kom senare än två veckor före fakturadatum %(day)s. Pausen är "
                "registrerad – kontrollera att fakturan inte redan har gått ut."
            ) % {"day": charge.due_date.isoformat()}
        _move(
            charge,
            Status.PAUSED,
            by,
            note=f"{_('Pausad till')} {until.isoformat()}: {reason}"[:300],
            paused_until=until,
            pause_reason=reason,
            due_date=rules.paused_due_date(until),
        )
        return PauseResult(charge=charge, warning=warning)


# --- the nightly run (BIL-6) -------------------------------------------------------------

BATCH_SIZE = 2000
# pg_advisory_lock key of the billing run: "BIL6" as a number.
ADVISORY_LOCK_KEY = 0x42494C36


@dataclass
class RunResult:
    invoices: int = 0
    charges: int = 0
    dry_run: bool = False
    busy: bool = False

    def summary(self) -> str:
        if self.dry_run:
            return f"invoices: {self.invoices} due, {self.charges} charges (dry run)"
        return f"invoices: {self.invoices} created, {self.charges} charges"


def due_charges(day: datetime.date):
    """The open charges due on or before `day` (a paused one is due on its pause end)."""
    return PatientCharge.objects.filter(status__in=PatientCharge.OPEN, due_date__lte=day)


def preview_due(day: datetime.date) -> RunResult:
    """--dry-run: what a run would bill; writes nothing."""
    counts = due_charges(day).aggregate(charges=Count("pk"))
    debtors = due_charges(day).values("debtor_kind", "debtor_code").distinct().count()
    return RunResult(invoices=debtors, charges=counts["charges"], dry_run=True)


def bill_due_charges(
    *,
    day: datetime.date,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """BIL-6: every charge due on or before `day` onto invoices, one invoice per debtor and
    run. Walks the due charges debtor by debtor (keyset on kind, code, id: constant memory,
    linear time, QUA-D16), one transaction per batch, so a crash leaves whole batches and
    the next run finishes the rest. A second run at the same time finds the advisory lock
    taken and does nothing; the charge lock, the
    status compare-and-set and the one-to-one invoice line are the last word. A run for a
    day already done finds nothing due and creates nothing (not even a run record)."""
    if dry_run:
        return preview_due(day)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        (locked,) = cursor.fetchone()
    if not locked:
        return RunResult(busy=True)
    try:
        return _run(day, batch_size, progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])


def _run(day, batch_size, progress) -> RunResult:
    result, run, after, carried = RunResult(), None, ("", "", 0), None
    while True:
        with transaction.atomic():
            charges = _claim(day, after, batch_size)
            if not charges:
                break
            if run is None:
                run = BillingRun.objects.create(run_date=day)
            invoices, carried = _bill_batch(run, charges, day, carried)
            result.invoices += invoices
            result.charges += len(charges)
            BillingRun.objects.filter(pk=run.pk).update(
                invoices_created=result.invoices, charges_billed=result.charges
            )
        after = charges[-1].key
        if progress is not None:
            progress(len(charges))
    if run is not None:  # a crashed run keeps finished_at empty
        BillingRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return result


@dataclass(frozen=True)
class Claimed:
    """A charge the batch has moved to Fakturerad, with what its invoice line needs."""

    id: int
    old_status: str
    debtor_kind: str
    debtor_code: str
    debtor_name: str
    amount: Decimal

    @property
    def debtor(self) -> tuple[str, str]:
        return self.debtor_kind, self.debtor_code

    @property
    def key(self) -> tuple[str, str, int]:
        """The run's walk order (index billing_charge_open_debtor)."""
        return self.debtor_kind, self.debtor_code, self.id


_OPEN_SQL = ", ".join(f"'{status}'" for status in PatientCharge.OPEN)  # constants


def _claim(day: datetime.date, after: tuple[str, str, int], size: int) -> list[Claimed]:
    """The next `size` open charges due on or before `day` in debtor order after `after`,
    locked (SKIP LOCKED: a charge another transaction holds waits for the next run) and
    moved to Fakturerad in one statement — the status compare-and-set of the whole batch.
    Walking by debtor keeps a debtor's charges together, so the batch makes its invoices
    whole and never looks one up (QUA-D16). Collation "C" is code point order, Python's: the
    batch's last charge in Python is its last in the database, whatever the locale."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH batch AS (
                SELECT id, status FROM billing_patientcharge
                WHERE status IN ({_OPEN_SQL}) AND due_date <= %s
                  AND (debtor_kind COLLATE "C", debtor_code COLLATE "C", id) > (%s, %s, %s)
                ORDER BY debtor_kind COLLATE "C", debtor_code COLLATE "C", id LIMIT %s
                FOR UPDATE SKIP LOCKED
            )
            UPDATE billing_patientcharge AS c SET status = %s
            FROM batch WHERE c.id = batch.id
            RETURNING c.id, batch.status, c.debtor_kind, c.debtor_code, c.debtor_name, c.amount
            """,  # noqa: S608 — _OPEN_SQL is the model's constants
            [day, *after, size, Status.INVOICED],
        )
        return sorted((Claimed(*row) for row in cursor.fetchall()), key=lambda c: c.key)


def invoice_numbers(count: int, *, day: datetime.date) -> list[str]:
    """`count` consecutive invoice numbers of `day`'s year in one statement (QUA-D15):
    allocated by the database, never repeated under concurrent runs, gaps after a rollback;
    a year that would exceed its 460 000 numbers fails loudly rather than wrap."""
    if count < 1:
        return []
    year = f"{day.year % 100:02d}"
    try:
        last = reserve(InvoiceNumberSeries, year, count)
    except IntegrityError as error:
        raise NumberSeriesExhausted(f"År {year} har slut på fakturanummer.") from error
    first = InvoiceNumberSeries.FIRST - 1
    return [f"{year}{first + n:06d}" for n in range(last - count + 1, last + 1)]


def _bill_batch(run: BillingRun, charges: list[Claimed], day: datetime.date, carried):
    """One claimed batch in a constant number of queries: an invoice per debtor with its
    total (the previous batch's last debtor keeps its invoice, `carried`: (debtor, invoice
    id)), a line and an event per charge (COPY). Returns the number of invoices created and
    the batch's last (debtor, invoice id)."""
    totals: dict[tuple[str, str], Decimal] = {}
    names = {}
    for c in charges:
        totals[c.debtor] = totals.get(c.debtor, Decimal(0)) + c.amount
        names[c.debtor] = c.debtor_name
    invoice_of = {}
    if carried is not None and carried[0] in totals:
        debtor, invoice = carried
        invoice_of[debtor] = invoice
        Invoice.objects.filter(pk=invoice).update(total=F("total") + totals.pop(debtor))
    if totals:
        invoice_of |= _create_invoices(run, totals, names, day)
    now = timezone.now()
    copy_rows(
        InvoiceLine,
        (
            {"invoice_id": invoice_of[c.debtor], "charge_id": c.id, "amount": c.amount}
            for c in charges
        ),
    )
    copy_rows(
        ChargeEvent,
        (
            {
                "charge_id": c.id,
                "from_status": c.old_status,
                "to_status": Status.INVOICED,
                "at": now,
            }
            for c in charges
        ),
    )
    last = charges[-1].debtor
    return len(totals), (last, invoice_of[last])


def _create_invoices(run, totals, names, day) -> dict[tuple[str, str], int]:
    debtors = list(totals)
    numbers = invoice_numbers(len(debtors), day=day)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO billing_invoice (number, run_id, debtor_kind, debtor_code, debtor_name,
                                         invoice_date, due_date, total, created_at)
            SELECT n, %s, k, c, nm, %s, %s, t, %s
            FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::numeric[])
                 AS u(n, k, c, nm, t)
            RETURNING id, debtor_kind, debtor_code
            """,
            [
                run.pk,
                day,
                rules.invoice_due_date(day),
                timezone.now(),
                numbers,
                [kind for kind, _code in debtors],
                [code for _kind, code in debtors],
                [names[debtor] for debtor in debtors],
                [totals[debtor] for debtor in debtors],
            ],
        )
        return {(kind, code): pk for pk, kind, code in cursor.fetchall()}
