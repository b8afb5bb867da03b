"""Factories and helpers of the safety tests."""

from django.contrib.auth.models import Permission

from inventory.tests.factories import ArticleFactory, IndividualFactory, WarehouseFactory
from recipients.tests.factories import DeviceFactory, RecipientFactory
from recipients.tests.factories import IndividualFactory as DeliveredFactory
from safety import services


def recall_staff(user):
    """Gives `user` the permission Återkallelse (safety.trace_recall) and staff status."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="trace_recall"))
    return user


def serial_world(lund, prescriber, *, serials=("NL100", "NL101", "NL102", "NL200")):
    """An article with delivered individuals (Tolvan's first) and one in Lund's store."""
    article = ArticleFactory(is_individual=True)
    tolvan = RecipientFactory(first_name="Tolvan", last_name="Tolvansson")
    delivered = []
    for serial in serials:
        individual = DeliveredFactory(article=article, serial_number=serial)
        DeviceFactory(
            recipient=tolvan,
            article=article,
            individual=individual,
            prescriber=prescriber,
            service_location=lund,
        )
        delivered.append(individual)
    store = WarehouseFactory(number=lund.code, service_location=lund)
    stock = IndividualFactory(article=article, serial_number="nl150", warehouse=store)
    return {"article": article, "tolvan": tolvan, "delivered": delivered, "stock": stock}


def make_recall(by, world, serials="NL100-NL199", reason="Batteriet kan överhettas"):
    return services.create_recall(by=by, article=world["article"], serials=serials, reason=reason)


def device_of(lund, prescriber, **fields):
    """A delivered device with an individual, of Lund, for a recipient."""
    individual = DeliveredFactory(serial_number=fields.pop("serial", "NL555"))
    return DeviceFactory(
        recipient=fields.pop("recipient", None) or RecipientFactory(),
        article=individual.article,
        individual=individual,
        prescriber=prescriber,
        service_location=lund,
    )


def make_deviation(by, lund, thing, *, source="device", kind="product_fault", **fields):
    return services.report_deviation(
        by=by,
        service_location=lund,
        source=source,
        thing=thing,
        kind=kind,
        description=fields.pop("description", "Hörapparaten tystnar"),
        **fields,
    )
