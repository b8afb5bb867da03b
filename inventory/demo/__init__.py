"""The demo region's warehouses, suppliers, ISO catalogue, articles, stock and individuals
(demo-data.md). Idempotent and deterministic: a second run changes nothing, and the shared
`rng` is advanced by the same amount every run.

KEY_ARTICLES and KEY_INDIVIDUALS name the numbers that other apps' demo data, the manuals
and the browser tests rely on."""

import datetime
import random
import uuid

from inventory import services
from inventory.demo import stocktakes
from inventory.demo.articles import create_articles, create_documents
from inventory.demo.keys import KEY_ARTICLES, KEY_INDIVIDUALS, KEY_SIP_NUMBERS
from inventory.models import (
    Article,
    Individual,
    IsoCode,
    PrescribingRight,
    StockMovement,
    Supplier,
    SupplierReturn,
    Warehouse,
)
from inventory.services import Change, NewIndividual
from sesam.models import ProductArea, Profession, ServiceLocation, User

__all__ = ["KEY_ARTICLES", "KEY_INDIVIDUALS", "KEY_SIP_NUMBERS", "seed"]

CENTRAL = [
    ("70", "Centrallager Hjälpmedel – Hörsel", Warehouse.Kind.CENTRAL),
    ("750", "Inköpslager Hörsel", Warehouse.Kind.PURCHASING),
    ("99", "Utredningslager", Warehouse.Kind.INVESTIGATION),
]

# name, street, postal code, city, e-mail, phone (fictional ranges), contact, website, prefix
# fmt: off
SUPPLIERS = [
    ("Nordljud Hörselteknik AB", "Industrigatan 12", "212 25", "Malmö", "order@nordljud.example",
     "040-628 04 10", "Lena Nordin", "https://nordljud.example", "NL"),
    ("Audiva Sverige AB", "Kungsgatan 44", "111 35", "Stockholm", "kundtjanst@audiva.example",
     "08-465 004 20", "Mats Ek", "https://audiva.example", "AV"),
    ("Klangbro Medical AB", "Mölndalsvägen 30", "412 63", "Göteborg", "order@klangbro.example",
     "031-390 06 30", "Sara Lind", "https://klangbro.example", "KB"),
    ("Benljud Implant AB", "Scheelevägen 17", "223 63", "Lund", "support@benljud.example",
     "040-628 04 40", "Oskar Berg", "https://benljud.example", "BL"),
    ("Signalhuset Nordic AB", "Storgatan 5", "931 30", "Skellefteå", "order@signalhuset.example",
     "0980-319 250", "Eva Holm", "https://signalhuset.example", "SH"),
    ("Teleslinga Sverige AB", "Hamngatan 8", "211 22", "Malmö", "info@teleslinga.example",
     "08-465 004 60", "Johan Ström", "", "TS"),
    ("Kommunikationshjälp i Norden AB", "Åsögatan 140", "116 24", "Stockholm",
     "order@komhjalp.example", "070-174 06 70", "Maria Sund", "https://komhjalp.example", "KH"),
]
# fmt: on

ISO_CODES = [
    ("12", "Hjälpmedel för personlig förflyttning"),
    ("1222", "Manuella rullstolar"),
    ("122203", "Manuella rullstolar med drivning på bakhjulen"),
    ("22", "Hjälpmedel för kommunikation och information"),
    ("2203", "Hjälpmedel för att se"),
    ("220318", "Förstoringsglas och förstoringslampor"),
    ("2206", "Hörhjälpmedel"),
    ("220615", "Hörapparater som bärs bakom örat"),
    ("220618", "Hörapparater som bärs i örat"),
    ("220621", "Benförankrade hörapparater"),
    ("220627", "Tillbehör och reservdelar till hörapparater"),
    ("220699", "Tjänster för hörhjälpmedel (regionens kod)"),
    ("2218", "Hjälpmedel för att spela in, spela upp och visa ljud- och bildinformation"),
    ("221824", "Personliga FM- och radiosystem"),
    ("221830", "Hörslingor och teleslingesystem"),
    ("2224", "Hjälpmedel för telefonering och telematik"),
    ("222406", "Telefoner med förstärkning"),
    ("222421", "Hjälpmedel för alternativ telefoni"),
    ("2227", "Hjälpmedel för larm, signalering och påminnelse"),
    ("222704", "Signalsystem med sändare och mottagare"),
    ("222712", "Väckarklockor och väckningshjälpmedel"),
]


def seed(*, rng) -> str:
    # One draw from the shared generator whatever happens below, so other apps' demo data
    # stays the same on every run.
    local = random.Random(rng.getrandbits(64))
    warehouses = _warehouses()
    suppliers = _suppliers()
    iso = _iso_codes()
    if not Article.objects.filter(number=KEY_ARTICLES["tablet_grant"]).exists():
        admin = User.objects.filter(username="admin").first()
        articles = create_articles(local, suppliers, iso)
        create_documents(articles)
        _stock(local, articles, warehouses, by=admin)
        _individuals(local, articles, warehouses, by=admin)
    _supplier_return()
    done = stocktakes.seed()
    return (
        f"{len(warehouses)} warehouses, {Supplier.objects.count()} suppliers, "
        f"{IsoCode.objects.count()} ISO codes, {Article.objects.count()} articles, "
        f"{Individual.objects.count()} individuals, {StockMovement.objects.count()} movements; "
        f"{done}"
    )


# BEY-1 (demo-data.md "Beyond"): Hörsel is configured, Syn and Rörelse are not. Audionom may
# prescribe ISO 22 but not 22 06 21 (bone-anchored, a physician's prescription); Läkare all 22.
RIGHTS = [
    ("horsel", "Audionom", "22", True),
    ("horsel", "Audionom", "220621", False),
    ("horsel", "Läkare", "22", True),
    ("horsel", "Hörselpedagog", "2227", True),
]


def seed_prescribing_rights() -> str:
    """Called by the orders demo after its past prescriptions (the elderly patient's Osso was
    prescribed before Hörsel's rights were configured)."""
    iso = {code: IsoCode.objects.get(code=code) for _, _, code, _ in RIGHTS}
    for area, profession, code, allowed in RIGHTS:
        PrescribingRight.objects.get_or_create(
            product_area=ProductArea.objects.get(code=area),
            profession=Profession.objects.get_or_create(name=profession)[0],
            iso_code=iso[code],
            defaults={"allowed": allowed},
        )
    return f"{PrescribingRight.objects.count()} prescribing rights"


def _warehouses() -> dict[str, Warehouse]:
    for number, name, kind in CENTRAL:
        Warehouse.objects.get_or_create(number=number, defaults={"name": name, "kind": kind})
    for location in ServiceLocation.objects.filter(is_private=False):
        Warehouse.objects.get_or_create(
            number=location.code,
            defaults={
                "name": f"Eget förråd {location.name.removeprefix('Hörselmottagningen ')}",
                "kind": Warehouse.Kind.LOCAL,
                "service_location": location,
            },
        )
    return {w.number: w for w in Warehouse.objects.all()}


def _suppliers() -> dict[str, Supplier]:
    result = {}
    for name, street, postal, city, email, phone, contact, web, prefix in SUPPLIERS:
        supplier, _ = Supplier.objects.get_or_create(
            name=name,
            defaults={
                "street": street,
                "postal_code": postal,
                "city": city,
                "email": email,
                "phone": phone,
                "contact_person": contact,
                "website": web,
            },
        )
        if not supplier.order_email:  # BEY-7: where purchase orders are e-mailed
            supplier.order_email = f"inkop@{email.split('@')[1]}"
            supplier.save(update_fields=["order_email"])
        result[prefix] = supplier
    return result


def _iso_codes() -> dict[str, IsoCode]:
    codes: dict[str, IsoCode] = {}
    for code, name in ISO_CODES:
        parent = codes.get(code[:-2]) if len(code) > 2 else None
        codes[code], _ = IsoCode.objects.get_or_create(
            code=code, defaults={"name": name, "parent": parent}
        )
    return codes


# A fixed key: a second run finds the same return (return_to_supplier is idempotent by key).
SUPPLIER_RETURN_KEY = uuid.UUID("5e7c3b1a-0d1e-4c55-9a8f-2b6f0c9e4d10")


def _supplier_return() -> None:
    """RET-6: Lund sent one of its phasing-out hearing aids back to the supplier for credit
    (4101102; KEY_INDIVIDUALS stay where the browser tests expect them)."""
    if SupplierReturn.objects.filter(key=SUPPLIER_RETURN_KEY).exists():
        return
    services.return_to_supplier(
        by=User.objects.get(username="kollega"),
        individual=Individual.objects.get(number="4101102"),
        comment="Felbeställd: modellen går ut. Leverantören krediterar enligt överenskommelse "
        "med Mats Ek.",
        key=SUPPLIER_RETURN_KEY,
    )


# --- Stock and individuals ----------------------------------------------------------------


def _stock(rng, articles, warehouses, *, by) -> None:
    """Balances of non-individual articles through the stock services (so that the
    movements exist, STK-4); individual-marked articles get theirs with their individuals.
    A planned 0 means "stocked here, none left" (a balance row without movements)."""
    for number in ("70", "4101", "4102", "4103"):
        warehouse = warehouses.get(number)
        if warehouse is None:
            continue
        planned = [(a, a.stock_plan[number]) for a in articles.values() if number in a.stock_plan]
        services.ensure_stocked(warehouse=warehouse, articles=[a for a, _q in planned])
        changes = [
            Change(warehouse, a, quantity=q) for a, q in planned if q and not a.is_individual
        ]
        if changes:
            services.apply_changes(
                changes, reason=StockMovement.Reason.RECEIPT, reference="demo", by=by
            )


def _individuals(rng, articles, warehouses, *, by) -> None:
    key = KEY_ARTICLES
    fixed = {
        # (article, warehouse) → explicit numbers (KEY_INDIVIDUALS)
        (key["hearing_aid_central"], "70"): [
            "7000001",
            "7000002",
            "7000003",
            "7000004",
            "7000005",
            "7000006",
        ],
        (key["hearing_aid_central"], "4101"): ["4101001", "4101002", "4101003"],
        (key["hearing_aid_central"], "4102"): ["4102001", "4102002"],
        (key["hearing_aid_central"], "4103"): ["4103001"],
        (key["phasing_out"], "4101"): ["4101101", "4101102", "4101103"],
        (key["phasing_out"], "4102"): ["4102101"],
        (key["charger"], "70"): ["7000101", "7000102", "7000103", "7000104"],
        (key["sip_device"], "70"): ["7000201", "7000202"],
        (key["sip_device"], "4101"): ["4101201", "4101202"],
    }
    sip = {
        KEY_INDIVIDUALS["with_sip"]: KEY_SIP_NUMBERS["with_sip"],
        KEY_INDIVIDUALS["sip_in_central"]: KEY_SIP_NUMBERS["sip_in_central"],
    }
    counter = 7001000
    today = datetime.date(2026, 11, 2)
    for article in sorted(articles.values(), key=lambda a: a.number):
        if not article.is_individual:
            continue
        for warehouse_number, quantity in sorted(article.stock_plan.items()):
            if not quantity:
                continue
            numbers = fixed.get((article.number, warehouse_number))
            if numbers is None:
                numbers = [str(counter + i) for i in range(quantity)]
                counter += quantity
            prefix = article.supplier_number.split("-")[0]
            services.create_individuals(
                article=article,
                warehouse=warehouses[warehouse_number],
                individuals=[
                    NewIndividual(
                        number=number,
                        serial_number=f"{prefix}{rng.randint(24, 26)}{rng.randint(100000, 999999)}",
                        sip_number=sip.get(number, ""),
                        purchase_date=today - datetime.timedelta(days=rng.randint(20, 400)),
                        purchase_price=article.price,
                        last_maintenance=(
                            today - datetime.timedelta(days=rng.randint(5, 90))
                            if rng.random() < 0.3
                            else None
                        ),
                        text_info="Demoindivid." if number in KEY_INDIVIDUALS.values() else "",
                    )
                    for number in numbers
                ],
                by=by,
                reference="demo",
            )
