"""Factories of pickup orders. Pickup orders are made through the service
(`pickup_order`), so their numbers, lines and history are what real use leaves behind."""

import uuid

from activities import services
from activities.models import PickupOrder
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory

# --- Pickup orders (PU) ---------------------------------------------------------------------


def delivered_device(*, recipient=None, location=None, with_individual=True, **fields):
    """A device delivered to `recipient` (an individual-marked one with its individual)."""
    recipient = recipient or RecipientFactory()
    if with_individual:
        individual = IndividualFactory()
        fields.setdefault("article", individual.article)
        fields["individual"] = individual
    if location is not None:
        fields["service_location"] = location
    return DeviceFactory(recipient=recipient, **fields)


def pickup_order(by, location, *devices, key=None, **fields) -> PickupOrder:
    """A pickup order by `by` at `location` for these devices (of one recipient)."""
    devices = devices or (delivered_device(location=location),)
    values = {
        "reason": PickupOrder.Reason.BY_POST,
        "contact": services.default_contact(by),
        "return_reason": PickupOrder.ReturnReason.WRONG_ORDER,
        "comment": "",
        **fields,
    }
    return services.create_pickup_order(
        by=by,
        recipient=devices[0].recipient,
        service_location=location,
        device_ids=[d.pk for d in devices],
        idempotency_key=key or uuid.uuid4(),
        **values,
    )
