import importlib
import random
import sys
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from tqdm import tqdm

SEED = 2026
SCALES = {
    "small": {"recipients": 400, "articles": 300, "orders": 1000},
    "full": {"recipients": 200_000, "articles": 100_000, "orders": 1_000_000},
}


class Command(BaseCommand):
    help = (
        "Loads the demo region (../shared/spec/demo-data.md). Idempotent and deterministic: "
        "each app's demo.py adds its part, in INSTALLED_APPS order. With --recipients, "
        "--articles, --orders (order lines) or --scale, each app's scale.py then adds that "
        "much scale data on top (PostgreSQL COPY)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES))
        for name in ("recipients", "articles", "orders"):
            parser.add_argument(f"--{name}", type=int)

    def handle(self, *args, **options):
        rng = random.Random(SEED)
        for module, config in self._modules("demo"):
            with transaction.atomic():
                summary = module.seed(rng=rng)
            self.stdout.write(f"{config.label}: {summary}")
        counts = dict(SCALES.get(options["scale"], {}))
        counts.update({k: options[k] for k in ("recipients", "articles", "orders") if options[k]})
        if counts:
            self._scale(counts, quiet=options["verbosity"] < 1)
        self.stdout.write(self.style.SUCCESS("Demo region ready."))

    def _modules(self, name):
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.{name}":
                    raise
                continue
            yield module, config

    def _scale(self, counts, *, quiet):
        started = time.perf_counter()
        rng = random.Random(SEED + 1)

        def progress(**kwargs):
            return tqdm(file=sys.stderr, disable=quiet, unit_scale=True, **kwargs)

        for module, config in self._modules("scale"):
            if not hasattr(module, "seed_scale"):  # helpers only (billing.scale)
                continue
            with transaction.atomic():
                summary = module.seed_scale(counts=counts, rng=rng, progress=progress)
            self.stdout.write(f"{config.label}: {summary}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Scale data in {time.perf_counter() - started:.0f} s.")
