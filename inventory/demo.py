"""The demo region's warehouses (demo-data.md)."""

from inventory.models import Warehouse
from sesam.models import ServiceLocation

CENTRAL = [
    ("70", "Centrallager Hjälpmedel – Hörsel", Warehouse.Kind.CENTRAL, True),
    ("750", "Inköpslager Hörsel", Warehouse.Kind.PURCHASING, False),
    ("99", "Utredningslager", Warehouse.Kind.INVESTIGATION, True),
]


def seed(*, rng) -> str:
    for number, name, kind, shows in CENTRAL:
        Warehouse.objects.get_or_create(
            number=number, defaults={"name": name, "kind": kind, "shows_balance": shows}
        )
    for location in ServiceLocation.objects.filter(is_private=False):
        Warehouse.objects.get_or_create(
            number=location.code,
            defaults={
                "name": f"Eget förråd {location.name.removeprefix('Hörselmottagningen ')}",
                "kind": Warehouse.Kind.LOCAL,
                "service_location": location,
            },
        )
    return f"{Warehouse.objects.count()} warehouses"
