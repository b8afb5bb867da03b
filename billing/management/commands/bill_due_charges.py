import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from billing import services


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date: ange datumet som ÅÅÅÅ-MM-DD (fick {value!r}).") from error


class Command(BaseCommand):
    help = "BIL-6: turn every charge due on or before the date into invoices (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date, help="run as of this day (YYYY-MM-DD)")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what is due, write nothing"
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        day = date or timezone.localdate()
        if dry_run:
            result = services.bill_due_charges(day=day, dry_run=True)
        else:
            total = services.due_charges(day).count()
            bar = tqdm(
                total=total,
                unit="avgift",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                desc=f"Fakturering {day.isoformat()}",
            )
            with bar:
                result = services.bill_due_charges(day=day, progress=bar.update)
            if result.busy:
                self.stderr.write("bill_due_charges: another run holds the lock; nothing done")
        self.stdout.write(result.summary())
