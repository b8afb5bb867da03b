"""Reads of the patient pages (BEY-15): exactly the signed-in patient's own data — every
query is filtered by their recipient — in plain words, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityDevice, PatientRequest, PickupLine, PickupOrder
from activities.selectors.patient_requests import requests_for_recipient
from billing.models import Invoice, PatientCharge
from orders.models import OrderLine
from recipients.models import Device, Recipient

# Statuses in the patient's words, never the internal codes (BEY-D504).
LINE_WORDS = {
    OrderLine.Status.REGISTERED: _("Beställd"),
    OrderLine.Status.WAITING: _("Försenad – väntar på leverantören"),
    OrderLine.Status.PICKING: _("Packas för att skickas"),
}
ACTIVITY_WORDS = {
    Activity.Status.ASSIGNED: _("Mottagen – arbetet har inte börjat"),
    Activity.Status.PLANNED: _("Planerad"),
    Activity.Status.STARTED: _("Pågår"),
    Activity.Status.CLOSED: _("Klar"),
}
ACTIVITY_KINDS = {
    Activity.Type.WARRANTY_REPAIR: _("Reparation inom garantin"),
    Activity.Type.HEARING_SERVICES: _("Service av hörselhjälpmedel"),
    Activity.Type.INSTALLED_REPAIR_CHILD: _("Reparation"),
    Activity.Type.OUTSIDE_ASSORTMENT: _("Ansökan om ett hjälpmedel utanför sortimentet"),
}
PICKUP_WORDS = {
    PickupOrder.Status.REGISTERED: _("Väntar på att hjälpmedlen skickas in"),
    PickupOrder.Status.CLOSED: _("Klar – hjälpmedlen har kommit fram"),
    PickupOrder.Status.CANCELLED: _("Avbruten"),
}
CHARGE_KINDS = {
    PatientCharge.Kind.FEE: _("Patientavgift"),
    PatientCharge.Kind.CHARGER: _("Laddare"),
    PatientCharge.Kind.CHARGER_KIT: _("Laddkit"),
    PatientCharge.Kind.MISSING_INDIVIDUAL: _("Hjälpmedel som inte kom tillbaka"),
}
OPEN_LINE_STATUSES = list(LINE_WORDS)


def recipient(pk: int, personnummer: str) -> Recipient | None:
    """The signed-in patient (their session names both; a changed number signs them out)."""
    return Recipient.objects.filter(pk=pk, personnummer=personnummer).first()


def devices(recipient: Recipient) -> list[Device]:
    """Hjälpmedel the patient has (delivered: on loan or their own), newest first, each with
    its article, individual, warranty (BEY-4) and trial end (BEY-2)."""
    return list(
        Device.objects.filter(recipient=recipient, status=Device.Status.DELIVERED)
        .select_related("article", "individual")
        .order_by("-delivered_on", "-pk")
    )


def device(recipient: Recipient, pk: int) -> Device | None:
    """One of the patient's delivered devices; None for anyone else's (→ 404)."""
    return (
        Device.objects.filter(recipient=recipient, status=Device.Status.DELIVERED, pk=pk)
        .select_related("article", "individual")
        .first()
    )


def on_its_way(recipient: Recipient) -> list[OrderLine]:
    """Order lines for the patient sent and not delivered yet (a draft's or a cancelled
    line has a status of its own), newest first."""
    lines = (
        OrderLine.objects.filter(
            order__recipient=recipient,
            status__in=OPEN_LINE_STATUSES,
        )
        .select_related("order")
        .order_by("-order__sent_at", "position")
    )
    rows = list(lines)
    for line in rows:
        line.words = LINE_WORDS[line.status]
    return rows


def repairs(recipient: Recipient) -> list[Activity]:
    """The patient's activities (repairs and the like), newest first, with their devices."""
    rows = list(
        Activity.objects.filter(recipient=recipient)
        .exclude(status=Activity.Status.DRAFT)
        .prefetch_related(Prefetch("devices", ActivityDevice.objects.order_by("pk")))
        .order_by("-registered_at", "-pk")
    )
    for row in rows:
        row.words = ACTIVITY_WORDS[row.status]
        row.kind = ACTIVITY_KINDS[row.type]
    return rows


def pickups(recipient: Recipient) -> list[PickupOrder]:
    """The patient's pickup orders (hämtorder), newest first, with the devices on them."""
    lines = PickupLine.objects.select_related("device__article").order_by("pk")
    rows = list(
        PickupOrder.objects.filter(recipient=recipient)
        .exclude(status=PickupOrder.Status.DRAFT)
        .prefetch_related(Prefetch("lines", lines))
        .order_by("-created_at", "-pk")
    )
    for row in rows:
        row.words = PICKUP_WORDS[row.status]
    return rows


@dataclass
class InvoiceRows:
    invoice: Invoice
    charges: list = field(default_factory=list)


def charges(recipient: Recipient) -> tuple[list[PatientCharge], list[InvoiceRows]]:
    """What the patient pays (BIL): charges not invoiced yet (planned or paused, with the
    date they will be invoiced), and the invoices with their charges, newest first. Charges
    paid by a home region or a clinic are not the patient's to pay and are not listed."""
    rows = (
        PatientCharge.objects.filter(
            recipient_id=recipient.pk, debtor_kind=PatientCharge.DebtorKind.RECIPIENT
        )
        .exclude(status=PatientCharge.Status.CANCELLED)
        .select_related("invoice_line__invoice")
        .order_by("due_date", "pk")
    )
    upcoming, invoices = [], {}
    for charge in rows:
        charge.kind_words = CHARGE_KINDS.get(charge.kind, charge.get_kind_display())
        if charge.status == PatientCharge.Status.INVOICED:
            invoice = charge.invoice_line.invoice
            invoices.setdefault(invoice.pk, InvoiceRows(invoice)).charges.append(charge)
        else:
            upcoming.append(charge)
    billed = sorted(invoices.values(), key=lambda r: (r.invoice.invoice_date, r.invoice.pk))
    return upcoming, billed[::-1]


REQUEST_WORDS = {
    PatientRequest.Status.NEW: _("Skickad – mottagningen har inte svarat än"),
    PatientRequest.Status.ACTIVITY: _("Mottagningen har beställt en reparation"),
    PatientRequest.Status.PICKUP: _(
        "Mottagningen har registrerat att hjälpmedlet ska lämnas tillbaka"
    ),
    PatientRequest.Status.DECLINED: _("Avböjd"),
}
REQUEST_KINDS = {
    PatientRequest.Kind.REPAIR: _("Felanmälan"),
    PatientRequest.Kind.RETURN: _("Vill lämna tillbaka"),
}


def requests(recipient: Recipient) -> list[PatientRequest]:
    """Mina ärenden: the patient's requests (Anmäl fel, Lämna tillbaka), newest first, with
    the status in words and a decline's reason (one query)."""
    rows = list(requests_for_recipient(recipient))
    for row in rows:
        row.words = REQUEST_WORDS[row.status]
        row.kind_words = REQUEST_KINDS[row.kind]
    return rows
