import factory

from sesam.models import Membership, ProductArea, ServiceLocation, User


class ProductAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductArea
        django_get_or_create = ["code"]

    code = "horsel"
    name = "Hörsel"


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLocation
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"{4200 + n}")
    name = factory.Sequence(lambda n: f"Hörselmottagning {n}")
    street = "Storgatan 1"
    postal_code = "222 22"
    city = "Lund"

    @factory.post_generation
    def product_areas(self, create, extracted, **kwargs):
        if create:
            self.product_areas.add(*(extracted or [ProductAreaFactory()]))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Användare {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    is_prescriber = True
    prescriber_code = factory.Sequence(lambda n: f"P{n:04d}")
    password = factory.django.Password("demo")

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        """UserFactory(locations=[default, other, …])."""
        if create and extracted:
            for index, location in enumerate(extracted):
                Membership.objects.create(
                    user=self, service_location=location, is_default=index == 0
                )

    @factory.post_generation
    def product_areas(self, create, extracted, **kwargs):
        if create:
            self.product_areas.add(*(extracted or [ProductAreaFactory()]))
