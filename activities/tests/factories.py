"""Test data of activities, made through the services (as real use would leave it)."""

from activities import services
from activities.models import Activity
from recipients.models import Device
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory

TOLVAN = "191212121212"
CHILD = "201205042383"


def delivered_device(recipient, *, location, prescriber, **kwargs) -> Device:
    """A delivered hearing aid with an individual number."""
    individual = IndividualFactory()
    return DeviceFactory(
        recipient=recipient,
        article=individual.article,
        individual=individual,
        service_location=location,
        prescriber=prescriber,
        **kwargs,
    )


def recipient(personnummer=TOLVAN, **kwargs):
    defaults = {"first_name": "Tolvan", "last_name": "Tolvansson", "phone": "070-174 06 12"}
    return RecipientFactory(personnummer=personnummer, **{**defaults, **kwargs})


def draft(*, by, recipient, location, activity_type=Activity.Type.WARRANTY_REPAIR, prescriber=None):
    return services.start_activity(
        by=by,
        recipient=recipient,
        activity_type=activity_type,
        service_location=location,
        prescriber=prescriber or by,
    )


def make_activity(
    *,
    by,
    recipient,
    location,
    devices=(),
    activity_type=Activity.Type.WARRANTY_REPAIR,
    text="Hörapparaten tystnar ibland.",
    status=Activity.Status.ASSIGNED,
    technician=None,
) -> Activity:
    """A sent activity (Skicka), moved on to `status` by `technician`."""
    activity = draft(by=by, recipient=recipient, location=location, activity_type=activity_type)
    key = activity.idempotency_key
    products = services.service_products(activity_type, recipient)
    services.set_activity_devices(
        by=by, key=key, service_product=products[0].value, device_ids=[d.pk for d in devices]
    )
    services.set_requested_action(by=by, key=key, text=text)
    services.set_activity_address(
        by=by, key=key, address="\n".join(location.address_lines), contact="Anna, 046-123"
    )
    activity = services.create_activity(by=by, key=key)
    path = [Activity.Status.PLANNED, Activity.Status.STARTED, Activity.Status.CLOSED]
    order = [Activity.Status.ASSIGNED, *path]
    for step in path[: order.index(status)]:
        activity = services.move_activity(by=technician or by, activity=activity, to=step)
    return activity
