from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Creates the development IdP's database when it is missing (in the cluster of its "
        "DATABASES), migrates it and seeds the demo people (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", dest="redirect_uris")

    def handle(self, *args, redirect_uris=None, **options):
        name = connection.settings_dict["NAME"]
        # Django's own way to reach the cluster without the database (as its test runner).
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_idp", redirect_uris=redirect_uris, stdout=self.stdout)
