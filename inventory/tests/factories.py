import factory

from inventory.models import Article, Individual, IsoCode, Supplier, Warehouse
from sesam.tests.factories import ProductAreaFactory


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{5000 + n}")
    name = factory.LazyAttribute(lambda w: f"Lager {w.number}")
    kind = Warehouse.Kind.LOCAL


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Leverantör {n} AB")
    street = "Industrigatan 1"
    postal_code = "211 11"
    city = "Malmö"
    email = factory.Sequence(lambda n: f"order{n}@leverantor.se")
    phone = "040-12 34 56"


class IsoCodeFactory(factory.django.DjangoModelFactory):
    """The 6-digit division 22 06 15 with its parents, unless told otherwise."""

    class Meta:
        model = IsoCode
        django_get_or_create = ["code"]

    code = "220615"
    name = "Hörapparater, bakom örat"
    parent = factory.LazyAttribute(
        lambda iso: (
            None
            if len(iso.code) == 2
            else IsoCodeFactory(code=iso.code[:-2], name=f"ISO {iso.code[:-2]}")
        )
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{10000 + n}")
    name = factory.Sequence(lambda n: f"Hörapparat modell {n}")
    supplier = factory.SubFactory(SupplierFactory)
    supplier_number = factory.Sequence(lambda n: f"SUP-{n:05d}")
    type = Article.Type.MAIN
    iso_code = factory.SubFactory(IsoCodeFactory)
    product_area = factory.SubFactory(ProductAreaFactory)
    price = 1000


class IndividualFactory(factory.django.DjangoModelFactory):
    """An individual lying in `warehouse` (no stock movement: use
    services.create_individuals where the balance matters)."""

    class Meta:
        model = Individual
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: f"{9000000 + n}")
    serial_number = factory.Sequence(lambda n: f"SN{n:06d}")
    article = factory.SubFactory(ArticleFactory, is_individual=True)
    status = Individual.Status.IN_STOCK
    warehouse = factory.SubFactory(WarehouseFactory)


def bulk_articles(count: int, *, name: str = "Modell", start: int = 200000, **fields):
    """`count` articles in one insert (for searches over many rows), numbered from `start`,
    named "<name> <i>", all with one supplier, ISO code and product area."""
    supplier = fields.pop("supplier", None) or SupplierFactory()
    iso_code = fields.pop("iso_code", None) or IsoCodeFactory()
    area = fields.pop("product_area", None) or ProductAreaFactory()
    fields.setdefault("type", Article.Type.MAIN)
    return Article.objects.bulk_create(
        Article(
            number=str(start + i),
            name=f"{name} {i}",
            supplier=supplier,
            supplier_number=f"S{start + i}",
            iso_code=iso_code,
            product_area=area,
            **fields,
        )
        for i in range(count)
    )
