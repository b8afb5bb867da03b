import datetime
import itertools
from pathlib import Path

import factory
from django.utils import timezone

from inventory.models import Individual
from inventory.tests import factories as inventory_factories
from inventory.tests.factories import ArticleFactory
from recipients.models import Device, Recipient
from sesam.tests.factories import ServiceLocationFactory, UserFactory

# A copy of ../shared/data/skatteverket-testpersonnummer.txt, so that a fresh clone can test.
TEST_PERSONNUMMER_FILE = (
    Path(__file__).resolve().parents[2] / "tests/data/skatteverket-testpersonnummer.txt"
)


def _adult_test_numbers():
    """Skatteverket's official test numbers (the only ones used in tests), born 1940–1999."""
    with TEST_PERSONNUMMER_FILE.open() as lines:
        for line in lines:
            number = line.strip()
            if "1940" <= number[:4] <= "1999":
                yield number


_numbers = itertools.cycle(list(_adult_test_numbers()))


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient
        django_get_or_create = ["personnummer"]

    personnummer = factory.LazyFunction(lambda: next(_numbers))
    first_name = factory.Iterator(["Tolvan", "Elsa", "Gunnar", "Karin", "Ali", "Maja"])
    last_name = factory.Iterator(["Tolvansson", "Nilsson", "Persson", "Holm", "Hassan", "Lind"])
    street = factory.Sequence(lambda n: f"Testgatan {n + 1}")
    postal_code = "222 22"
    city = "Lund"
    phone = "040-628 04 10"


class IndividualFactory(inventory_factories.IndividualFactory):
    """An individual delivered to a recipient (outside any warehouse)."""

    number = factory.Sequence(lambda n: f"IND{n:06d}")
    status = Individual.Status.DELIVERED
    warehouse = None


class DeviceFactory(factory.django.DjangoModelFactory):
    """A delivered device unless told otherwise (status=Device.Status.ORDERED, …)."""

    class Meta:
        model = Device

    recipient = factory.SubFactory(RecipientFactory)
    article = factory.SubFactory(ArticleFactory)
    individual = None
    quantity = 1
    status = Device.Status.DELIVERED
    order_number = factory.Sequence(lambda n: f"2648{n % 10000:04d}")
    prescriber = factory.SubFactory(UserFactory)
    service_location = factory.SubFactory(ServiceLocationFactory)
    ordered_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    planned_delivery_date = None
    delivered_on = factory.LazyAttribute(
        lambda d: (
            timezone.localdate() - datetime.timedelta(days=20)
            if d.status == Device.Status.DELIVERED
            else None
        )
    )
    returned_on = factory.LazyAttribute(
        lambda d: timezone.localdate() if d.status == Device.Status.RETURNED else None
    )
