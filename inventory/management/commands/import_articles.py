from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inventory.imports import COLUMNS_HELP, import_articles


class Command(BaseCommand):
    help = (
        "Imports or updates catalogue articles from a CSV file. Every row is validated; if any "
        "row is bad, nothing is imported and the bad rows are listed by line number.\n\n"
        + COLUMNS_HELP
    )

    def create_parser(self, *args, **kwargs):
        from argparse import RawDescriptionHelpFormatter

        parser = super().create_parser(*args, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--delimiter", choices=[";", ","], help="default: from the header")
        parser.add_argument("--encoding", default="utf-8-sig", help="default: utf-8")
        parser.add_argument("--dry-run", action="store_true", help="validate only, import nothing")

    def handle(self, *args, path, delimiter, encoding, dry_run, **options):
        try:
            text = Path(path).read_text(encoding=encoding)
        except FileNotFoundError:
            raise CommandError(f"Filen {path} finns inte.") from None
        except (UnicodeDecodeError, LookupError) as error:
            raise CommandError(f"Filen kan inte läsas som {encoding}: {error}") from None
        result = import_articles(text, delimiter=delimiter, dry_run=dry_run)
        if not result.ok:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(
                f"Inget importerades: {len(result.errors)} fel. Rätta raderna och försök igen."
            )
        if dry_run:
            self.stdout.write(f"Kontroll klar: {result.rows} rader utan fel. Inget importerades.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows} rader: {result.created} nya, {result.updated} uppdaterade, "
                f"{result.unchanged} oförändrade artiklar."
            )
        )
