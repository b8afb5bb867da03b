"""The invoice file for the finance system (BIL-6): UTF-8, `;`-separated, Swedish decimal
comma, one row per invoice line. No address column exists at all (REC-5)."""

import datetime
from collections.abc import Iterable

from billing.models import Invoice, InvoiceLine
from sesam.lib.tabular import write_csv

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


def invoice_lines(invoices) -> Iterable[InvoiceLine]:
    return (
        InvoiceLine.objects.filter(invoice__in=invoices)
        .select_related("invoice", "charge")
        .order_by("invoice__number", "pk")
        .iterator(chunk_size=2000)
    )


def invoice_rows(invoices) -> Iterable[list]:
    for line in invoice_lines(invoices):
        invoice, charge = line.invoice, line.charge
        yield [
            invoice.number,
            invoice.invoice_date,
            invoice.due_date,
            invoice.debtor_code,
            invoice.debtor_name,
            line.amount,
            charge.article_number,
            charge.individual_number,
            charge.order_number,
        ]


def write_invoices(out, invoices) -> int:
    """Writes the lines of `invoices` (a queryset) to the text stream `out`; returns rows.
    Through the portal's one writer, so no cell can run as a formula in a spreadsheet."""
    return write_csv(out, HEADER, invoice_rows(invoices))


def invoices_of(day: datetime.date):
    return Invoice.objects.filter(invoice_date=day)
