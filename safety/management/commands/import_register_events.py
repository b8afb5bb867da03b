from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safety.services import import_register_events
from sesam.models import User


class Command(BaseCommand):
    help = (
        "BEY-14: applies population-register events from a CSV file "
        "(personnummer;händelse;datum;region, UTF-8; händelse avliden, skyddad_identitet or "
        "utflyttad; region only for utflyttad; docs/folkbokforing-exempel.csv). Each event is "
        "applied once however often the file is imported; a bad line is reported with its "
        "number and the others still apply, one transaction per recipient."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the CSV file")
        parser.add_argument(
            "--by", default="admin", help="the user the changes are logged for (default admin)"
        )

    def handle(self, *args, path: Path, by: str, **options):
        try:
            user = User.objects.get(username=by)
        except User.DoesNotExist:
            raise CommandError(f"Användaren {by} finns inte.") from None
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"Filen {path} finns inte.") from None
        except UnicodeDecodeError:
            raise CommandError(f"Filen {path} är inte UTF-8.") from None
        report = import_register_events(by=user, text=text, source=path.name)
        for line, message in report.errors:
            self.stderr.write(f"Rad {line}: {message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.applied} händelser tillämpade, {report.already} redan inlästa, "
                f"{len(report.errors)} fel."
            )
        )
