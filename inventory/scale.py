"""Scale data (`seed_demo --articles N`): N more articles on top of the demo region's
suppliers, ISO codes and product area, numbered S0000001…, loaded with COPY. Every sixth
is individual-marked (a hearing aid, IND); each carries a patient fee (BIL-1), so that each
scale order line makes one due charge (QUA-D14)."""

from decimal import Decimal

from inventory.models import Article, IsoCode, Supplier
from sesam.lib.bulk import copy_rows
from sesam.models import ProductArea

BRANDS = ["Audiola", "Hörteknik", "Sonora", "Klarljud", "Nordhör", "Phonix", "Vibra", "Tystnad"]
THINGS = [
    "Hörapparat",
    "Dome",
    "Öronpropp",
    "Slang",
    "Batteri",
    "Laddare",
    "Mikrofon",
    "Streamer",
    "Teleslinga",
    "Väckarklocka",
    "Filter",
    "Fjärrkontroll",
]
WORDS = [
    "bakom örat",
    "i örat",
    "mini",
    "power",
    "uppladdningsbar",
    "öppen",
    "sluten",
    "liten",
    "stor",
    "vattentät",
    "trådlös",
    "dubbel",
]


FEES = [Decimal("100"), Decimal("150"), Decimal("300"), Decimal("500")]


def is_individual(i: int) -> bool:
    """Article S{i}: every sixth (a main article, i % 3 == 0) is individual-marked."""
    return i % 6 == 0


def seed_scale(*, counts, rng, progress) -> str:
    wanted = counts.get("articles", 0)
    existing = Article.objects.filter(number__startswith="S").count()
    if wanted <= existing:
        return f"{existing} scale articles (none new)"
    suppliers = list(Supplier.objects.order_by("pk").values_list("pk", flat=True))
    iso_codes = list(
        IsoCode.objects.filter(children__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    area = ProductArea.objects.order_by("pk").first()
    bar = progress(total=wanted - existing, desc="artiklar")

    def rows():
        for i in range(existing + 1, wanted + 1):
            yield {
                "number": f"S{i:07d}",
                "name": f"{rng.choice(THINGS)} {rng.choice(BRANDS)} {rng.choice(WORDS)} {i % 97}",
                "supplier_id": suppliers[i % len(suppliers)],
                "supplier_number": f"SC-{i:07d}",
                "type": Article.Type.ACCESSORY if i % 3 else Article.Type.MAIN,
                "iso_code_id": iso_codes[i % len(iso_codes)],
                "product_area_id": area.pk,
                "price": Decimal(rng.randrange(50, 30000)) / 2,
                "fee_kind": Article.FeeKind.STANDARD,
                "fee_amount": FEES[i % len(FEES)],
                "is_individual": is_individual(i),
            }

    created = copy_rows(Article, rows(), progress=bar)
    bar.close()
    return f"{created} scale articles"
