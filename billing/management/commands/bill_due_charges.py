import argparse
import datetime
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from billing import selectors, services
from billing.models import PatientCharge


def parse_date(value: str) -> datetime.date:
    """`--date` as an argparse type: a bad date is argparse's error — the usage and the
    message, exit status 2 (CommandError under call_command) — never a traceback."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ange ett datum som finns, som ÅÅÅÅ-MM-DD (fick {value!r})"
        ) from None


class Command(BaseCommand):
    help = "BIL-6: turn every charge due on or before the date into invoices (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=parse_date, help="run as of this day (YYYY-MM-DD)")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what is due, write nothing"
        )
        parser.add_argument(
            "--allow-future",
            action="store_true",
            help="accept a --date after today (charges would be billed before they are due)",
        )

    def handle(self, *args, date=None, dry_run=False, allow_future=False, **options):
        today = timezone.localdate()
        if date is not None and date > today and not allow_future:
            raise CommandError(
                f"--date {date.isoformat()} ligger efter i dag ({today.isoformat()}): då "
                "faktureras avgifter innan de förfaller. Ange --allow-future om det är meningen."
            )
        day = date or today
        if dry_run:
            self._who_would_be_billed(day)
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

    def _who_would_be_billed(self, day):
        """--dry-run lists each debtor a run would invoice: kind, code, name, charges, amount."""
        kinds = dict(PatientCharge.DebtorKind.choices)
        rows = [
            (
                str(kinds.get(row["debtor_kind"], row["debtor_kind"])),
                row["debtor_code"],
                row["debtor_name"],
                str(row["charges"]),
                f"{row['amount']:.2f}",
            )
            for row in selectors.due_by_debtor(day)
        ]
        if not rows:
            return
        head = ("Betalare", "Kund", "Namn", "Avgifter", "Belopp")
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        for row in [head, *rows]:
            cells = [
                cell.rjust(width) if i >= 3 else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells).rstrip())
