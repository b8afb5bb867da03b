from django.core.management.base import BaseCommand

from recipients.trials import remind_trials


class Command(BaseCommand):
    help = "BEY-2: reminders of trial loans ending in 7 days or today, each sent once."

    def handle(self, *args, **options):
        self.stdout.write(f"remind_trials: {remind_trials()} reminders sent")
