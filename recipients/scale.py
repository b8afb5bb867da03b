"""Scale data (`seed_demo --recipients N`): N more recipients with valid personnummer
(born 1930–1998, birth numbers 900–999, so never one of the demo's), loaded with COPY."""

import datetime

from stdnum import luhn

from recipients.models import Recipient
from sesam.lib.bulk import copy_rows

FIRST = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Per",
    "Elsa",
    "Ali",
    "Sara",
    "Johan",
    "Ingrid",
    "Mohammed",
    "Eva",
    "Nils",
    "Astrid",
    "Olof",
    "Fatima",
    "Gustav",
]
LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Hassan",
    "Lind",
    "Holm",
    "Berg",
    "Ek",
]
CITIES = [("Lund", "222"), ("Malmö", "211"), ("Helsingborg", "252"), ("Ystad", "271")]
FIRST_DAY = datetime.date(1930, 1, 1)
DAYS = 25_000  # to 1998
SCALE_PATTERN = r"^[0-9]{8}9"  # birth numbers 900–999


def personnummer(i: int) -> str:
    day = FIRST_DAY + datetime.timedelta(days=i % DAYS)
    digits = f"{day:%y%m%d}{900 + i // DAYS:03d}"
    return f"{day.year // 100}{digits}{luhn.calc_check_digit(digits)}"


def seed_scale(*, counts, rng, progress) -> str:
    wanted = counts.get("recipients", 0)
    if wanted > DAYS * 100:
        raise ValueError(f"at most {DAYS * 100} scale recipients")
    existing = Recipient.objects.filter(personnummer__regex=SCALE_PATTERN).count()
    if wanted <= existing:
        return f"{existing} scale recipients (none new)"
    bar = progress(total=wanted - existing, desc="mottagare")

    def rows():
        for i in range(existing, wanted):
            city, postal = CITIES[i % len(CITIES)]
            yield {
                "personnummer": personnummer(i),
                "first_name": rng.choice(FIRST),
                "last_name": rng.choice(LAST),
                "street": f"{rng.choice(LAST)}vägen {i % 120 + 1}",
                "postal_code": f"{postal} {i % 90 + 10:02d}",
                "city": city,
                "phone": f"070-{i % 1000:03d} {i % 100:02d} {i % 97:02d}",
                "created_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            }

    created = copy_rows(Recipient, rows(), progress=bar)
    bar.close()
    return f"{created} scale recipients"
