from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from recipients import register
from recipients.services import import_register_records


class Command(BaseCommand):
    help = (
        "Imports a population-register extract (CSV): creates or updates recipients by "
        "personnummer. Every row is validated first; if any row is bad, the bad rows are "
        "reported by line number and nothing is imported. The phone and the payment "
        "commitment, which the portal owns, are never overwritten.\n\n" + register.HELP
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the CSV file")
        parser.add_argument("--dry-run", action="store_true", help="validate only; import nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"Filen {path} finns inte.") from None
        except UnicodeDecodeError:
            raise CommandError(f"Filen {path} är inte UTF-8.") from None
        result = register.parse(text)
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(result.errors)} fel i {path.name}; inget importerades. "
                "Rätta raderna och kör igen."
            )
        if dry_run:
            self.stdout.write(
                f"{len(result.records)} rader är giltiga (provkörning, inget sparat)."
            )
            return
        summary = import_register_records(records=result.records)
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.total} mottagare lästa: {summary.created} nya, "
                f"{summary.updated} uppdaterade, {summary.unchanged} oförändrade."
            )
        )
