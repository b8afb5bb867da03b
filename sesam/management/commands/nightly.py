from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "The nightly job: housekeeping (expired sessions, old failed-login records) and the "
        "billing run (BIL-6)."
    )

    def handle(self, *args, **options):
        call_command("clearsessions")
        call_command("axes_reset_failure_logs", age=30)
        self.stdout.write(
            "nightly: expired sessions cleared, failed logins older than 30 days removed"
        )
        call_command("bill_due_charges", stdout=self.stdout)
