"""The invoice file for the finance system (BIL-6): UTF-8, `;`-separated, Swedish decimal
comma, one row per invoice line. No address column exists at all (REC-5)."""

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal

from billing.models import Invoice, InvoiceLine

HEADER = [
    "fakturanummer",
    "fakturadatum",
    "förfallodatum",
    "kund",
    "namn",
    "belopp",
    "artikelnummer",
    "individnummer",
    "referens",
]


def swedish_amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def invoice_lines(invoices) -> Iterable[InvoiceLine]:
    return (
        InvoiceLine.objects.filter(invoice__in=invoices)
        .select_related("invoice", "charge")
        .order_by("invoice__number", "pk")
        .iterator(chunk_size=2000)
    )


def write_invoices(out, invoices) -> int:
    """Writes the lines of `invoices` (a queryset) to the text stream `out`; returns rows."""
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADER)
    rows = 0
    for line in invoice_lines(invoices):
        invoice, charge = line.invoice, line.charge
        writer.writerow(
            [
                invoice.number,
                invoice.invoice_date.isoformat(),
                invoice.due_date.isoformat(),
                invoice.debtor_code,
                invoice.debtor_name,
                swedish_amount(line.amount),
                charge.article_number,
                charge.individual_number,
                charge.order_number,
            ]
        )
        rows += 1
    return rows


def invoices_of(day: datetime.date):
    return Invoice.objects.filter(invoice_date=day)
