from django.core.management.base import BaseCommand
from django.utils import timezone

from inventory.below_minimum import queue_below_minimum_reports


class Command(BaseCommand):
    help = (
        "BEY-8: queues today's e-mail to each unit of its articles below minimum (once a day; "
        "run by the nightly job)."
    )

    def handle(self, *args, **options):
        queued = queue_below_minimum_reports(day=timezone.localdate())
        self.stdout.write(f"nightly: {queued} list(s) of articles below minimum queued")
