from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# pg_try_advisory_lock key: the nightly job runs on one node at a time (docs/operations.md).
NIGHTLY_LOCK = 0x5E5A_0001


class Command(BaseCommand):
    help = (
        "The nightly job: housekeeping (expired sessions, old failed-login records) and the "
        "billing run (BIL-6), the lists of articles below minimum (BEY-8)."
    )

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [NIGHTLY_LOCK])
            if not cursor.fetchone()[0]:
                self.stdout.write("nightly: already running on another node, nothing done")
                return
            try:
                self._run()
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [NIGHTLY_LOCK])

    def _run(self):
        call_command("clearsessions")
        call_command("axes_reset_failure_logs", age=30)
        self.stdout.write(
            "nightly: expired sessions cleared, failed logins older than 30 days removed"
        )
        call_command("bill_due_charges", stdout=self.stdout)
        call_command("email_below_minimum", stdout=self.stdout)
