import factory

from inventory.models import Warehouse


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{5000 + n}")
    name = factory.LazyAttribute(lambda w: f"Lager {w.number}")
    kind = Warehouse.Kind.LOCAL
