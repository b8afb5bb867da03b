"""The demo region's recipients (demo-data.md). Every personnummer is one of Skatteverket's
official test numbers (191212121212 is Skatteverket's classic test person, fixed by the demo
contract). Phones are from the ranges PTS reserves for fiction. Their devices and orders come
from the orders demo."""

from recipients.models import Recipient

KEY_RECIPIENTS = {
    "adult": "191212121212",
    "child": "201205042383",
    "elderly": "194308175472",
    "protected": "198203012383",
    "inactive": "197608012394",
    "out_of_region": "199004012382",
}

# key → first name, last name, street, postal code, city, phone, extra fields
RECIPIENTS = {
    "adult": ("Tolvan", "Tolvansson", "Klostergatan 12", "222 22", "Lund", "070-174 06 12", {}),
    "child": ("Elsa", "Nilsson", "Solbergavägen 7", "224 67", "Lund", "070-174 06 23", {}),
    "elderly": (
        "Gunnar",
        "Persson",
        "Södra Förstadsgatan 41",
        "211 43",
        "Malmö",
        "040-628 04 41",
        {},
    ),
    "protected": (
        "Maria",
        "Lindqvist",
        "Kungsgatan 3",
        "252 21",
        "Helsingborg",
        "070-174 06 55",
        {"protected_identity": True},
    ),
    "inactive": (
        "Bengt",
        "Olsson",
        "Storgatan 19",
        "271 41",
        "Ystad",
        "040-628 04 19",
        {"is_active": False},
    ),
    "out_of_region": (
        "Karin",
        "Holm",
        "Nygatan 8",
        "302 42",
        "Halmstad",
        "070-174 06 88",
        {"home_region": "Region Halland"},
    ),
}


def seed(*, rng) -> str:
    created = 0
    for key, (first, last, street, postal_code, city, phone, extra) in RECIPIENTS.items():
        _, was_created = Recipient.objects.get_or_create(
            personnummer=KEY_RECIPIENTS[key],
            defaults={
                "first_name": first,
                "last_name": last,
                "street": street,
                "postal_code": postal_code,
                "city": city,
                "phone": phone,
                **extra,
            },
        )
        created += was_created
    return f"{len(RECIPIENTS)} recipients ({created} new)"
