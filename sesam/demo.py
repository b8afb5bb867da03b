"""The demo region's people and places (demo-data.md), news and a few messages."""

import datetime

from sesam.demo_identities import CARE_UNITS, STAFF
from sesam.models import (
    Membership,
    Message,
    NewsItem,
    ProductArea,
    Profession,
    ServiceLocation,
    User,
)
from sesam.services import send_message

PASSWORD = "demo"

PRODUCT_AREAS = [("horsel", "Hörsel"), ("syn", "Syn"), ("rorelse", "Rörelse")]

# code, name, street, postal code, city, phone, private
SERVICE_LOCATIONS = [
    ("4101", "Hörselmottagningen Lund", "Getingevägen 4", "222 41", "Lund", "046-17 10 00", False),
    (
        "4102",
        "Hörselmottagningen Malmö",
        "Jan Waldenströms gata 18",
        "214 28",
        "Malmö",
        "040-33 10 00",
        False,
    ),
    (
        "4103",
        "Hörselmottagningen Helsingborg",
        "Södra Vallgatan 5",
        "252 23",
        "Helsingborg",
        "042-406 10 00",
        False,
    ),
    (
        "5101",
        "Audionomkliniken Ystad",
        "Stora Östergatan 12",
        "271 34",
        "Ystad",
        "0411-55 12 00",
        True,
    ),
]

# username, name, locations (default first), prescriber, prescriber code, phone
USERS = [
    ("audionom", "Anna Audionom", ["4101", "4102"], True, "AUD1001", "046-17 10 21"),
    ("kollega", "Karl Kollega", ["4101"], True, "AUD1002", "046-17 10 22"),
    ("sekreterare", "Sara Sekreterare", ["4101"], False, "", "046-17 10 23"),
    ("pam", "Per Privat", ["5101"], True, "PAM5101", "0411-55 12 01"),
    ("annan", "Alva Annan", ["4103"], True, "AUD3001", "042-406 10 31"),
]

PROFESSIONS = ["Audionom", "Hörselpedagog", "Läkare"]

NEWS = [
    (
        "horsel",
        "Nya laddbara hörapparater i sortimentet",
        "Från 1 december finns tre nya laddbara bakom-örat-apparater i sortimentet.",
        "Apparaterna finns på centrallager 70 och kan förskrivas från Hjälpmedelsverksamhet. "
        "Laddaren debiteras patienter från 20 år med fördröjning enligt rutinen för laddare.",
        datetime.date(2026, 11, 20),
    ),
    (
        "horsel",
        "Inventering av egna förråd i november",
        "Hjälpmedel mejlar inventeringsunderlag till mottagningar med eget förråd.",
        "Räkna alla artiklar på underlaget och rapportera differenser. Individer som inte hittas "
        "läggs på utredningslager 99.",
        datetime.date(2026, 11, 2),
    ),
    (
        "horsel",
        "Kom ihåg att kvittera direktleveranser",
        "Kvittensen ger klartecken till att leverantörens faktura kan betalas.",
        "Allt som levereras direkt från leverantör till er enhet ska kvitteras skyndsamt under "
        "Mina sidor → Att göra → Kvittera direktleverans.",
        datetime.date(2026, 10, 14),
    ),
    (
        "syn",
        "Nytt avtal för förstoringsglas",
        "Avtalet för optiska hjälpmedel är förnyat.",
        "Se sortimentet för detaljer.",
        datetime.date(2026, 10, 1),
    ),
]


def seed(*, rng) -> str:
    areas = {
        code: ProductArea.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in PRODUCT_AREAS
    }
    locations = {}
    for code, name, street, postal_code, city, phone, private in SERVICE_LOCATIONS:
        location, _ = ServiceLocation.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "street": street,
                "postal_code": postal_code,
                "city": city,
                "phone": phone,
                "is_private": private,
            },
        )
        if not location.email:  # BEY-8: the unit's contact address (fictional domain)
            location.email = f"hjalpmedel.{code}@sesam-demo.example"
            location.save(update_fields=["email"])
        location.product_areas.add(areas["horsel"])
        locations[code] = location
        # ACC-11: the care unit's HSA-id (also on a database seeded before it existed).
        ServiceLocation.objects.filter(pk=location.pk, hsa_id="").update(hsa_id=CARE_UNITS[code][0])

    users = {}
    for username, name, codes, prescriber, code, phone in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=PASSWORD,
                full_name=name,
                is_prescriber=prescriber,
                prescriber_code=code,
                phone=phone,
                email=f"{username}@demo.sesam.se",
            )
            user.product_areas.add(areas["horsel"])
            for index, location_code in enumerate(codes):
                Membership.objects.create(
                    user=user, service_location=locations[location_code], is_default=index == 0
                )
        users[username] = user
    users["sekreterare"].linked_prescribers.add(users["audionom"], users["kollega"])
    professions = {
        name: Profession.objects.get_or_create(name=name)[0] for name in PROFESSIONS
    }  # BEY-1: the demo's prescribers are audionomists
    User.objects.filter(is_prescriber=True, profession=None, username__in=users).update(
        profession=professions["Audionom"]
    )
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            username="admin",
            password=PASSWORD,
            full_name="Hjälpmedel administratör",
            email="admin@demo.sesam.se",
        )

    for area, title, summary, body, published in NEWS:
        NewsItem.objects.get_or_create(
            title=title,
            defaults={
                "product_area": areas[area],
                "summary": summary,
                "body": body,
                "published_on": published,
            },
        )

    if not Message.objects.filter(user=users["audionom"]).exists():
        send_message(
            to=[users["audionom"]],
            subject="Välkommen till nya Sesam",
            body="Portalen ersätter det gamla beställningssystemet. Hjälp finns på varje sida.",
        )
        send_message(
            to=[users["audionom"], users["kollega"]],
            subject="Planerat underhåll söndag 6 december 06–08",
            body="Portalen kan vara otillgänglig under en kort stund.",
        )
    for username, (hsa_id, *_rest) in STAFF.items():
        User.objects.filter(username=username, hsa_id="").update(hsa_id=hsa_id)

    users_count, news_count = User.objects.count(), NewsItem.objects.count()
    return f"{len(locations)} service locations, {users_count} users, {news_count} news"
