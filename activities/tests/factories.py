"""Test data of activities and pickup orders, made through the services (as real use would
leave it: numbers, lines and history)."""

import uuid

from activities import services
from activities.models import Activity, PickupOrder
from recipients.models import Device
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory

TOLVAN = "191212121212"
CHILD = "201205042383"


def delivered_device(recipient=None, *, location=None, with_individual=True, **fields) -> Device:
    """A device delivered to `recipient` (a new one when None): a hearing aid with its
    individual unless `with_individual` is False."""
    recipient = recipient or RecipientFactory()
    if with_individual:
        individual = IndividualFactory()
        fields.setdefault("article", individual.article)
        fields["individual"] = individual
    if location is not None:
        fields["service_location"] = location
    return DeviceFactory(recipient=recipient, **fields)


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


def pickup_order(by, location, *devices, key=None, **fields) -> PickupOrder:
    """A pickup order by `by` at `location` for these devices (of one recipient)."""
    devices = devices or (delivered_device(location=location),)
    values = {
        "reason": PickupOrder.Reason.BY_POST,
        "contact": by.contact_line,
        "return_reason": PickupOrder.ReturnReason.WRONG_ORDER,
        "comment": "",
        **fields,
    }
    return services.create_sent_pickup_order(
        by=by,
        recipient=devices[0].recipient,
        service_location=location,
        device_ids=[d.pk for d in devices],
        idempotency_key=key or uuid.uuid4(),
        **values,
    )


def pickup_draft(by, location, *devices) -> PickupOrder:
    """The wizard's draft of `by` at `location` with these devices ticked (of one recipient):
    a pickup order with status Utkast, no number, its lines not open (PU-D620)."""
    devices = devices or (delivered_device(location=location),)
    draft = services.start_pickup_draft(
        by=by, recipient=devices[0].recipient, service_location=location
    )
    return services.update_pickup_draft(
        by=by, key=draft.idempotency_key, device_ids=[d.pk for d in devices]
    )
