"""The demo region's pickup orders (demo-data.md), made through the services: for the elderly
recipient a closed one (the bone-anchored hearing aid is under Återlämnat, its individual back
in 70), a cancelled one and an open one (the radio system: REC-8 shows on his page). Tolvan's
devices are left alone: browser tests pick up and repair them."""

import uuid

from activities import services
from activities.models import PickupOrder
from inventory.demo import KEY_ARTICLES
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Recipient
from sesam.models import ServiceLocation, User

NAMESPACE = uuid.UUID("5e5a0000-0000-4000-8000-000000000008")


def _create(by, lund, device, key, **fields):
    return services.create_sent_pickup_order(
        by=by,
        recipient=device.recipient,
        service_location=lund,
        reason=PickupOrder.Reason.BY_POST,
        device_ids=[device.pk],
        contact=by.contact_line,
        idempotency_key=uuid.uuid5(NAMESPACE, key),
        **fields,
    )


def seed(*, rng) -> str:
    elderly = Recipient.objects.get(personnummer=KEY_RECIPIENTS["elderly"])
    sent = PickupOrder.objects.exclude(status=PickupOrder.Status.DRAFT)
    if sent.filter(recipient=elderly).exists():
        return "pickup orders already there"
    users = {
        u.username: u for u in User.objects.filter(username__in=["audionom", "kollega", "admin"])
    }
    lund = ServiceLocation.objects.get(code="4101")
    devices = {
        key: Device.objects.get(
            recipient=elderly, article__number=KEY_ARTICLES[key], status=Device.Status.DELIVERED
        )
        for key in ["bone_anchored", "fm_system"]
    }
    closed = _create(
        users["kollega"],
        lund,
        devices["bone_anchored"],
        "closed",
        return_reason=PickupOrder.ReturnReason.MODEL_UNSUITABLE,
        comment="Patienten hör bättre med ett annat fäste.",
    )
    services.close_pickup_order(by=users["admin"], pickup_order=closed)
    cancelled = _create(
        users["kollega"],
        lund,
        devices["fm_system"],
        "cancelled",
        return_reason=PickupOrder.ReturnReason.WRONG_ORDER,
    )
    services.cancel_pickup_order(by=users["kollega"], pickup_order=cancelled)
    _create(
        users["audionom"],
        lund,
        devices["fm_system"],
        "open",
        return_reason=PickupOrder.ReturnReason.CHANGED_MIND,
        comment="Patienten vill inte längre använda radiosystemet.",
    )
    return f"{sent.count()} pickup orders"
