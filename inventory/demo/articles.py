"""The demo catalogue: ≥ 300 articles on the ISO 9999 class-22 tree, every case of
demo-data.md under the numbers of KEY_ARTICLES. Plain data plus a little deterministic
variation (prices, balances) from the seed's generator."""

import random
from decimal import Decimal

from inventory.demo.keys import KEY_ARTICLES
from inventory.models import Article, ArticleDocument, IsoCode, Supplier
from sesam.models import ProductArea

# --- Articles -----------------------------------------------------------------------------


class _Catalogue:
    """Collects article definitions; numbers run per series unless fixed."""

    def __init__(self, rng, suppliers, iso, areas):
        self.rng, self.suppliers, self.iso, self.areas = rng, suppliers, iso, areas
        self.rows: list[Article] = []
        self.plan: dict[str, dict] = {}  # number → stock plan
        self.series = {"4": 41000, "5": 51000, "6": 61000, "7": 71000, "9": 91000}
        self.taken = set(KEY_ARTICLES.values())
        self.supplier_numbers: dict[tuple[str, str], str] = {}  # (supplier, number) → ours
        self.gtins: set[str] = set()

    def next_number(self, series: str) -> str:
        while True:
            self.series[series] += 1
            number = str(self.series[series])
            if number not in self.taken:
                self.taken.add(number)
                return number

    def gtin_for(self, number: str) -> str:
        """BEY-6: a demo GTIN in a fictional Swedish company prefix, the item reference from
        the article number (40110 → 07350000401103); "" when another article has it."""
        body = f"0735000040{number[-3:]}"
        total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
        gtin = body + str((10 - total % 10) % 10)
        if gtin in self.gtins:
            return ""
        self.gtins.add(gtin)
        return gtin

    def add(
        self, *, number=None, series="5", supplier, iso, name, stock=None, area="horsel", **fields
    ):
        """Adds an article; a generated one (no number) that the key articles already hold
        (the same supplier's number, e.g. Aria 5 RIC laddbar, silver = 40110) is not added
        twice: a supplier's article number names one article (ART-D8)."""
        given = fields.get("supplier_number")
        if number is None and given and (supplier, given) in self.supplier_numbers:
            return self.supplier_numbers[(supplier, given)]
        number = number or self.next_number(series)
        prefix = supplier
        supplier_number = fields.pop("supplier_number", f"{prefix}-{number}")
        self.supplier_numbers[(supplier, supplier_number)] = number
        if fields.get("is_individual") and "gtin" not in fields:
            fields["gtin"] = self.gtin_for(number)
        self.rows.append(
            Article(
                number=number,
                name=name,
                supplier=self.suppliers[prefix],
                supplier_number=supplier_number,
                iso_code=self.iso[iso],
                product_area=self.areas[area],
                **fields,
            )
        )
        self.plan[number] = stock or {}
        return number


def _price(rng, low: int, high: int, step: int = 10) -> Decimal:
    return Decimal(rng.randrange(low, high + step, step))


def create_articles(
    rng: random.Random, suppliers: dict[str, Supplier], iso: dict[str, IsoCode]
) -> dict[str, Article]:
    areas = {a.code: a for a in ProductArea.objects.all()}
    c = _Catalogue(rng, suppliers, iso, areas)
    _key_articles(c)
    _hearing_aids(c)
    _accessories(c)
    _other_devices(c)
    Article.objects.bulk_create(c.rows)
    articles = {a.number: a for a in Article.objects.select_related("supplier")}
    for number, plan in c.plan.items():
        articles[number].stock_plan = plan
    return articles


def _key_articles(c: _Catalogue) -> None:
    k = KEY_ARTICLES
    hearing_aid = {
        "type": Article.Type.MAIN,
        "is_individual": True,
        "warranty_months": 48,
        "unit": "st",
        "delivery_days": 5,
    }
    c.add(
        number=k["hearing_aid_central"],
        supplier="NL",
        iso="220615",
        name="Hörapparat Aria 5 RIC laddbar, silver",
        product="Aria",
        price=Decimal("5400"),
        replacement_group="HA-RL-5",
        supplier_number="NL-AR5RL-SI",
        description="Laddbar hörapparat med högtalare i örat (RIC) för lätt till måttlig "
        "hörselnedsättning. Bluetooth för telefon och TV. Levereras med laddare (beställs "
        "separat).",
        stock={"70": 6, "4101": 3, "4102": 2, "4103": 1},
        **hearing_aid,
    )
    c.add(
        number=k["hearing_aid_750_only"],
        supplier="AV",
        iso="220615",
        name="Hörapparat Vita 7 BTE Power 13, beige",
        product="Vita",
        price=Decimal("7900"),
        replacement_group="HA-BTE-P-7",
        supplier_number="AV-VI7BP-BE",
        description="Kraftfull bakom-örat-apparat för grav hörselnedsättning. Köps in från "
        "leverantören vid beställning.",
        **hearing_aid,
    )
    c.add(
        number=k["outside_assortment"],
        supplier="KB",
        iso="220615",
        name="Hörapparat Tonus 9 RIC premium, svart",
        product="Tonus",
        price=Decimal("11900"),
        in_assortment=False,
        supplier_number="KB-TO9RP-SV",
        description="Utanför sortimentet: förskrivs efter ansökan om enskild förskrivning.",
        **hearing_aid,
    )
    c.add(
        number=k["phasing_out"],
        supplier="AV",
        iso="220615",
        name="Hörapparat Clara 3 BTE 13, beige",
        product="Clara",
        price=Decimal("3100"),
        status=Article.Status.PHASING_OUT,
        replacement_group="HA-BTE-3",
        supplier_number="AV-CL3B-BE",
        description="Utgående modell. Ersätts av Vita 3 BTE. Förskrivs endast från eget förråd "
        "så länge det finns saldo.",
        stock={"4101": 3, "4102": 1},
        **hearing_aid,
    )
    c.add(
        number=k["bone_anchored"],
        supplier="BL",
        iso="220621",
        name="Benförankrad hörapparat Osso 5",
        product="Osso",
        price=Decimal("24500"),
        replacement_group="BAHA-5",
        supplier_number="BL-OS5",
        description="Ljudprocessor för benförankrad hörsel, fästs på distans eller mjukt pannband.",
        stock={"70": 2},
        **hearing_aid,
    )
    c.add(
        number=k["charger"],
        supplier="NL",
        iso="220627",
        name="Laddare Aria RIC",
        type=Article.Type.ACCESSORY,
        product="Aria",
        price=Decimal("900"),
        fee_kind=Article.FeeKind.CHARGER,
        fee_amount=Decimal("500"),
        is_individual=True,
        warranty_months=24,
        supplier_number="NL-ARCH",
        description="Laddetui för två Aria RIC laddbar. Patienter från 20 år betalar laddaren "
        "själva; fakturan skickas tre månader efter leverans.",
        stock={"70": 7},
    )
    c.add(
        number=k["charger_kit"],
        supplier="NL",
        iso="220627",
        name="Laddkit resa Aria (laddetui och nätadapter)",
        type=Article.Type.ACCESSORY,
        product="Aria",
        price=Decimal("1200"),
        fee_kind=Article.FeeKind.CHARGER_KIT,
        fee_amount=Decimal("600"),
        supplier_number="NL-ARKIT",
        description="Reseladdare med powerbank. Faktureras patienten när leveransen kvitteras.",
    )
    c.add(
        number=k["adult_fee_accessory"],
        supplier="NL",
        iso="220627",
        name="TV-streamer Nordljud TV Connect",
        type=Article.Type.ACCESSORY,
        product="Connect",
        price=Decimal("2100"),
        fee_kind=Article.FeeKind.STANDARD,
        fee_amount=Decimal("300"),
        supplier_number="NL-TVC",
        stock={"70": 25},
        description="Strömmar TV-ljud direkt till hörapparaterna. Patientavgift från 20 år.",
    )
    c.add(
        number=k["domes"],
        supplier="NL",
        iso="220627",
        name="Dome öppen 8 mm, 10-pack",
        type=Article.Type.SPARE_PART,
        unit="fp",
        pack_size=10,
        product="Domes",
        price=Decimal("95"),
        supplier_number="NL-DO8-10",
        stock={"70": 180, "4101": 20, "4102": 12},
    )
    c.add(
        number=k["filters"],
        supplier="NL",
        iso="220627",
        name="Vaxfilter RIC, 8-pack",
        type=Article.Type.SPARE_PART,
        unit="fp",
        pack_size=8,
        product="Filter",
        price=Decimal("120"),
        supplier_number="NL-WF8",
        stock={"70": 150, "4101": 15, "4102": 10},
    )
    c.add(
        number=k["discontinued"],
        supplier="AV",
        iso="220627",
        name="Batteri 675 Power, 60-pack (gammal förpackning)",
        type=Article.Type.ACCESSORY,
        unit="fp",
        pack_size=60,
        product="Batterier",
        price=Decimal("310"),
        status=Article.Status.DISCONTINUED,
        in_assortment=False,
        supplier_number="AV-B675-60",
        stock={"4101": 3},
    )
    c.add(
        number=k["price_zero"],
        supplier="KB",
        iso="220627",
        name="Specialanpassad öronpropp (pris enligt följesedel)",
        type=Article.Type.ACCESSORY,
        price=Decimal("0"),
        delivery_days=10,
        supplier_number="KB-EARMOLD",
        description="Tillverkas efter öronavtryck. Priset anges vid kvittens (á-pris).",
    )
    c.add(
        number=k["service_repair"],
        supplier="NL",
        iso="220699",
        name="Reparation utanför garanti",
        type=Article.Type.SERVICE,
        unit="st",
        price=Decimal("1450"),
        delivery_days=10,
        supplier_number="NL-REP",
        description="Tjänsteköp: reparation av hörapparat när garantin har gått ut. Beskriv "
        "felet i kommentaren.",
    )
    c.add(
        number=k["service_training"],
        supplier="KH",
        iso="220699",
        name="Utbildning per timme",
        type=Article.Type.SERVICE,
        unit="tim",
        price=Decimal("650"),
        delivery_days=10,
        supplier_number="KH-UTB-H",
        description="Tjänsteköp: utbildning i hjälpmedlet. En rad per tillfälle med antal timmar.",
    )
    c.add(
        number=k["tablet_grant"],
        supplier="KH",
        iso="222421",
        name="Bidrag till surfplatta – alternativ telefoni",
        type=Article.Type.MAIN,
        price=Decimal("3000"),
        central_only=True,
        supplier_number="KH-BIDRAG",
        description="Bidrag till surfplatta för bild- eller texttelefoni. Förskrivs endast från "
        "Hjälpmedelsverksamhet.",
        stock={"70": 40},
    )
    c.add(
        number=k["sip_device"],
        supplier="KH",
        iso="222421",
        name="Bildtelefon SIP Video 10",
        type=Article.Type.MAIN,
        is_individual=True,
        warranty_months=36,
        product="Video",
        price=Decimal("6800"),
        supplier_number="KH-V10",
        description="Bildtelefon för teckenspråk och skrivtolk. Har ett SIP-nummer.",
        stock={"70": 2, "4101": 2},
    )
    c.add(
        number=k["fm_system"],
        supplier="NL",
        iso="221824",
        name="Radiosystem Aula sändare och mottagare",
        type=Article.Type.MAIN,
        is_individual=True,
        warranty_months=36,
        product="Aula",
        price=Decimal("14500"),
        supplier_number="NL-AULA",
        stock={"70": 2},
    )
    c.add(
        number=k["hearing_loop"],
        supplier="TS",
        iso="221830",
        name="Hörslinga för TV-rum 30 m²",
        type=Article.Type.MAIN,
        price=Decimal("3900"),
        supplier_number="TS-LOOP30",
        stock={"70": 6},
    )
    c.add(
        number=k["signalling"],
        supplier="SH",
        iso="222704",
        name="Dörrklockssändare trådlös",
        type=Article.Type.ACCESSORY,
        price=Decimal("890"),
        supplier_number="SH-DOOR",
        product="Signal",
        stock={"70": 14, "4101": 2},
    )
    c.add(
        number=k["vision_article"],
        supplier="KH",
        iso="220318",
        name="Förstoringsglas 4x med belysning",
        type=Article.Type.MAIN,
        price=Decimal("780"),
        area="syn",
    )
    c.add(
        number=k["mobility_article"],
        supplier="KH",
        iso="122203",
        name="Manuell rullstol standard",
        type=Article.Type.MAIN,
        price=Decimal("6500"),
        area="rorelse",
    )


FAMILIES = [  # supplier, family, levels
    ("NL", "Aria", (3, 5, 7)),
    ("NL", "Nova", (4, 6, 8)),
    ("AV", "Vita", (3, 5, 7)),
    ("AV", "Sola", (4, 6, 8)),
    ("KB", "Tonus", (5, 7, 9)),
    ("KB", "Brio", (3, 5, 7)),
]
STYLES = [  # style, code, stocked at 70
    ("RIC laddbar", "RL", True),
    ("RIC 312", "R3", True),
    ("BTE Power 13", "BP", False),
]
COLOURS = [("silver", "SI"), ("beige", "BE"), ("svart", "SV")]


def _hearing_aids(c: _Catalogue) -> None:
    rng = c.rng
    for supplier, family, levels in FAMILIES:
        for level in levels:
            for style, code, central in STYLES:
                for colour, colour_code in COLOURS:
                    stock = {}
                    if central and colour != "svart":
                        stock = {"70": rng.randint(2, 4) if colour == "silver" else 0}
                    c.add(
                        series="4",
                        supplier=supplier,
                        iso="220615",
                        name=f"Hörapparat {family} {level} {style}, {colour}",
                        type=Article.Type.MAIN,
                        is_individual=True,
                        warranty_months=48,
                        product=family,
                        price=_price(rng, 2400 + level * 600, 3000 + level * 700),
                        replacement_group=f"HA-{code}-{level}",
                        supplier_number=f"{supplier}-{family[:2].upper()}{level}{code}-{colour_code}",
                        in_assortment=rng.random() > 0.06,
                        stock=stock,
                    )
    for supplier, family in [("AV", "Vita"), ("KB", "Tonus")]:
        for level in (5, 7):
            for style in ("ITE", "ITC", "CIC"):
                c.add(
                    series="4",
                    supplier=supplier,
                    iso="220618",
                    name=f"Hörapparat {family} {level} {style}, specialtillverkad",
                    type=Article.Type.MAIN,
                    is_individual=True,
                    warranty_months=48,
                    product=family,
                    delivery_days=15,
                    price=_price(rng, 4000 + level * 500, 4800 + level * 600),
                    supplier_number=f"{supplier}-{family[:2].upper()}{level}{style}",
                )
    for name, price in [
        ("Benförankrad hörapparat Osso 5 Power", 27900),
        ("Benförankrad hörapparat Osso 7", 31500),
        ("Benförankrad hörapparat Osso 7 Power", 34900),
    ]:
        c.add(
            series="4",
            supplier="BL",
            iso="220621",
            name=name,
            type=Article.Type.MAIN,
            is_individual=True,
            warranty_months=60,
            product="Osso",
            price=Decimal(price),
        )
    for name, kind, price in [
        ("Mjukt pannband för Osso, barn", Article.Type.ACCESSORY, 690),
        ("Mjukt pannband för Osso, vuxen", Article.Type.ACCESSORY, 690),
        ("Testbygel för benförankrad hörapparat", Article.Type.ACCESSORY, 1250),
        ("Säkerhetslina för Osso, 5-pack", Article.Type.SPARE_PART, 240),
    ]:
        c.add(
            series="4",
            supplier="BL",
            iso="220621",
            name=name,
            type=kind,
            product="Osso",
            price=Decimal(price),
            stock={"70": c.rng.randint(0, 12)},
        )


def _accessories(c: _Catalogue) -> None:
    rng = c.rng
    brands = {"NL": "Nordljud", "AV": "Audiva", "KB": "Klangbro"}
    for supplier, brand in brands.items():
        if supplier != "NL":
            c.add(
                supplier=supplier,
                iso="220627",
                name=f"Laddare {brand} RIC",
                type=Article.Type.ACCESSORY,
                price=_price(rng, 800, 1100),
                fee_kind=Article.FeeKind.CHARGER,
                fee_amount=Decimal("500"),
                is_individual=True,
                warranty_months=24,
            )
            c.add(
                supplier=supplier,
                iso="220627",
                name=f"Laddkit resa {brand}",
                type=Article.Type.ACCESSORY,
                price=_price(rng, 1000, 1400),
                fee_kind=Article.FeeKind.CHARGER_KIT,
                fee_amount=Decimal("600"),
            )
        for kind in ("öppen", "stängd", "power"):
            for size in (6, 8, 10, 12):
                if supplier == "NL" and kind == "öppen" and size == 8:
                    continue  # KEY_ARTICLES["domes"]
                c.add(
                    supplier=supplier,
                    iso="220627",
                    name=f"Dome {kind} {size} mm, 10-pack",
                    type=Article.Type.SPARE_PART,
                    unit="fp",
                    pack_size=10,
                    product="Domes",
                    price=_price(rng, 80, 110),
                    stock={"70": rng.randint(20, 200)},
                )
        c.add(
            supplier=supplier,
            iso="220627",
            name=f"Vaxfilter {brand} ITE, 8-pack",
            type=Article.Type.SPARE_PART,
            unit="fp",
            pack_size=8,
            product="Filter",
            price=_price(rng, 100, 140),
            stock={"70": rng.randint(20, 120)},
        )
        if supplier != "NL":
            c.add(
                supplier=supplier,
                iso="220627",
                name=f"Vaxfilter {brand} RIC, 8-pack",
                type=Article.Type.SPARE_PART,
                unit="fp",
                pack_size=8,
                product="Filter",
                price=_price(rng, 100, 140),
                stock={"70": rng.randint(20, 120)},
            )
        for size in (1, 2, 3, 4):
            c.add(
                supplier=supplier,
                iso="220627",
                name=f"Ljudslang tunn storlek {size}, 10-pack",
                type=Article.Type.SPARE_PART,
                unit="fp",
                pack_size=10,
                product="Slangar",
                price=_price(rng, 120, 180),
                stock={"70": rng.randint(0, 60)},
            )
        c.add(
            supplier=supplier,
            iso="220627",
            name=f"Fjärrkontroll {brand}",
            type=Article.Type.ACCESSORY,
            price=_price(rng, 900, 1400),
            stock={"70": rng.randint(0, 10)},
        )
        c.add(
            supplier=supplier,
            iso="220627",
            name=f"Partnermikrofon {brand}",
            type=Article.Type.ACCESSORY,
            price=_price(rng, 2200, 3200),
        )
    for supplier in ("NL", "AV"):
        for power in ("S", "M", "P", "UP"):
            for length in (0, 1, 2, 3):
                c.add(
                    supplier=supplier,
                    iso="220627",
                    name=f"Högtalare RIC {power} längd {length} ({brands[supplier]})",
                    type=Article.Type.SPARE_PART,
                    product="Högtalare",
                    price=_price(rng, 450, 700),
                    stock={"70": rng.randint(0, 15)},
                )
    for supplier in ("AV", "KB"):
        for size in ("10", "13", "312", "675"):
            c.add(
                supplier=supplier,
                iso="220627",
                name=f"Batteri {size}, 60-pack",
                type=Article.Type.ACCESSORY,
                unit="fp",
                pack_size=60,
                product="Batterier",
                price=_price(rng, 220, 320),
                stock={"70": rng.randint(30, 200), "4101": 5},
            )
    c.add(
        supplier="KB",
        iso="220627",
        name="Torkbox elektrisk för hörapparater",
        type=Article.Type.ACCESSORY,
        price=Decimal("690"),
        stock={"70": 8},
    )


def _other_devices(c: _Catalogue) -> None:
    rng = c.rng
    groups = [
        (
            "NL",
            "221824",
            Article.Type.MAIN,
            True,
            [
                "Radiomikrofon Aula Touch",
                "Radiomottagare Aula universal",
                "Bordsmikrofon Aula",
                "Skolpaket radiosystem Aula",
                "Halsslinga för radiomottagare",
            ],
        ),
        (
            "KB",
            "221824",
            Article.Type.MAIN,
            True,
            [
                "FM-sändare Klass",
                "FM-mottagare Klass",
                "Konferensmikrofon Klass",
            ],
        ),
        (
            "TS",
            "221830",
            Article.Type.MAIN,
            False,
            [
                "Portabel hörslinga",
                "Slingförstärkare 60 m²",
                "Slingförstärkare 120 m²",
                "Halsslinga",
                "Slingmottagare för kontroll",
            ],
        ),
        (
            "KH",
            "222406",
            Article.Type.MAIN,
            False,
            [
                "Telefon med förstärkning 40 dB",
                "Mobiltelefon förstärkt med teleslinga",
                "Telefonförstärkare i linje",
                "Trådlös telefon förstärkt",
            ],
        ),
        (
            "KH",
            "222421",
            Article.Type.MAIN,
            True,
            [
                "Texttelefon SIP Text 2",
                "Bildtelefon SIP Video 8",
            ],
        ),
        (
            "SH",
            "222704",
            Article.Type.ACCESSORY,
            False,
            [
                "Telefonsändare",
                "Brandvarnare med sändare",
                "Barnvaktssändare",
                "Rörelsevakt med sändare",
                "Blixtljusmottagare",
                "Vibratormottagare för kudde",
                "Bärbar mottagare med vibration",
                "Signalcentral med display",
            ],
        ),
        (
            "SH",
            "222712",
            Article.Type.MAIN,
            False,
            [
                "Väckarklocka med vibrator",
                "Väckarklocka med blixtljus",
                "Reseväckare med vibration",
            ],
        ),
    ]
    for supplier, iso, kind, individual, names in groups:
        for name in names:
            c.add(
                series="7",
                supplier=supplier,
                iso=iso,
                name=name,
                type=kind,
                is_individual=individual,
                warranty_months=36 if individual else 24,
                price=_price(rng, 600, 9000, 50),
                stock={} if individual else {"70": rng.randint(0, 20)},
            )
    c.add(
        series="9",
        supplier="KH",
        iso="220318",
        name="Läslampa med lupp",
        area="syn",
        type=Article.Type.MAIN,
        price=Decimal("1200"),
    )
    c.add(
        series="9",
        supplier="KH",
        iso="122203",
        name="Rullstol lätt, hopfällbar",
        area="rorelse",
        type=Article.Type.MAIN,
        price=Decimal("9800"),
    )


def create_documents(articles: dict[str, Article]) -> None:
    rows = []
    for number, article in articles.items():
        if article.type == Article.Type.MAIN and article.supplier.website and number.endswith("0"):
            site = article.supplier.website
            rows.append(
                ArticleDocument(
                    article=article,
                    title=f"Bruksanvisning {article.name}",
                    url=f"{site}/dokument/{article.supplier_number.lower()}.pdf",
                )
            )
    ArticleDocument.objects.bulk_create(rows)
