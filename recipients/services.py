"""Writes of recipients. Devices are recorded and moved here; orders (a higher app) calls
these inside its own transactions."""

import datetime

from django.utils import timezone

from inventory.models import Article, Individual
from recipients.models import Device, Recipient
from sesam.models import ServiceLocation, User


def record_ordered_devices(
    *,
    recipient: Recipient,
    article: Article,
    quantity: int,
    order_line_id: int,
    order_number: str,
    prescriber: User,
    service_location: ServiceLocation,
    planned_delivery_date: datetime.date | None,
    individual: Individual | None = None,
) -> list[Device]:
    """A sent prescription line becomes the recipient's ordered devices (Beställt tab):
    one device per unit for individual-marked articles, else one device with the quantity."""
    per_unit = article.is_individual
    common = dict(  # noqa: C408
        recipient=recipient,
        article=article,
        status=Device.Status.ORDERED,
        order_line_id=order_line_id,
        order_number=order_number,
        prescriber=prescriber,
        service_location=service_location,
        ordered_at=timezone.now(),
        planned_delivery_date=planned_delivery_date,
    )
    if individual is not None:
        return Device.objects.bulk_create([Device(**common, individual=individual, quantity=1)])
    if per_unit:
        return Device.objects.bulk_create([Device(**common, quantity=1) for _ in range(quantity)])
    return Device.objects.bulk_create([Device(**common, quantity=quantity)])


def deliver_devices(
    *, order_line_id: int, individuals: list[Individual] = (), day: datetime.date | None = None
) -> list[Device]:
    """The ordered devices of a line are delivered (Hjälpmedel tab), each individual-marked
    device getting its individual. The caller holds the line's lock."""
    devices = list(
        Device.objects.select_for_update()
        .filter(order_line_id=order_line_id, status=Device.Status.ORDERED)
        .order_by("pk")
    )
    pending = [d for d in devices if d.individual_id is None]
    individuals = list(individuals)
    if individuals and len(individuals) != len(pending):
        raise ValueError("one individual per ordered device")
    for device, individual in zip(pending, individuals, strict=False):
        device.individual = individual
    day = day or timezone.localdate()
    for device in devices:
        device.status, device.delivered_on = Device.Status.DELIVERED, day
    Device.objects.bulk_update(devices, ["individual", "status", "delivered_on"])
    return devices


def set_planned_delivery_date(*, order_line_id: int, day: datetime.date | None) -> int:
    """Keeps the Beställt tab's planned date with its order line's."""
    return Device.objects.filter(order_line_id=order_line_id, status=Device.Status.ORDERED).update(
        planned_delivery_date=day
    )


def cancel_devices(*, order_line_id: int) -> int:
    return Device.objects.filter(order_line_id=order_line_id, status=Device.Status.ORDERED).update(
        status=Device.Status.CANCELLED
    )
