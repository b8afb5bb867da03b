import factory
from django.utils import timezone

from recipients.models import Device, Recipient


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient
        django_get_or_create = ["personnummer"]

    personnummer = "191212121212"
    first_name = "Tolvan"
    last_name = "Tolvansson"
    street = "Tolvgatan 12"
    postal_code = "222 22"
    city = "Lund"
    phone = "070-123 45 67"


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device

    recipient = factory.SubFactory(RecipientFactory)
    article = factory.SubFactory("inventory.tests.factories.ArticleFactory")
    status = Device.Status.DELIVERED
    service_location = factory.SubFactory("sesam.tests.factories.ServiceLocationFactory")
    ordered_at = factory.LazyFunction(timezone.now)
    delivered_on = factory.LazyFunction(timezone.localdate)
