from axes.handlers.proxy import AxesProxyHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# pg_try_advisory_lock key: the nightly job runs on one node at a time (docs/operations.md).
NIGHTLY_LOCK = 0x5E5A_0001
FAILED_LOGIN_DAYS = 30


class Command(BaseCommand):
    help = (
        "The nightly job: housekeeping (expired sessions, old failed-login records), the "
        "reminders of trial loans (BEY-2), the lists of articles below minimum (BEY-8) and the "
        "billing run (BIL-6)."
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
        # django-axes' own command prints "No logs found." on an ordinary night; its handler
        # (the command's body) returns the count, which the nightly line reports. Errors raise.
        removed = AxesProxyHandler.reset_failure_logs(age_days=FAILED_LOGIN_DAYS)
        self.stdout.write(
            f"nightly: expired sessions cleared, {removed} failed logins older than "
            f"{FAILED_LOGIN_DAYS} days removed"
        )
        call_command("remind_trials", stdout=self.stdout)  # BEY-2 (recipients)
        call_command("email_below_minimum", stdout=self.stdout)  # BEY-8, queued for the worker
        call_command("bill_due_charges", stdout=self.stdout)  # its summary is the last line
