from django.core.management.base import BaseCommand

from billing.export import invoices_of, write_invoices
from billing.management.commands.bill_due_charges import parse_date


class Command(BaseCommand):
    help = "BIL-6: write a day's invoices as CSV for the finance system (UTF-8, ';')."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date, required=True, help="invoice date")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, date, output, **options):
        with open(output, "w", encoding="utf-8", newline="") as out:
            rows = write_invoices(out, invoices_of(date))
        self.stdout.write(f"export_invoices: {rows} rows to {output}")
