import importlib
import random

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

SEED = 2026


class Command(BaseCommand):
    help = (
        "Loads the demo region (../shared/spec/demo-data.md). Idempotent and deterministic: "
        "each app's demo.py adds its part, in INSTALLED_APPS order."
    )

    def handle(self, *args, **options):
        rng = random.Random(SEED)
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                summary = module.seed(rng=rng)
            self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo region ready."))
