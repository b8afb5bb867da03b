"""Returns in the demo region (issue 9's part, made through the services after the devices
exist): the elderly recipient hands his hearing loop back at Lund (it lies in 4101 again and
shows under Återlämnat), and a service purchase of his is scrapped in the clean-up of his
device list (RET-4). Tolvan's devices stay untouched: the browser tests return them."""

import uuid

from inventory.demo import KEY_ARTICLES
from inventory.models import Article
from orders import services
from recipients import services as recipient_services
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Recipient, Return
from sesam.models import ServiceLocation, User

CENTRAL = "central"
# Fixed keys: a second run finds the same returns (return_devices is idempotent by key).
RETURN_KEY = uuid.UUID("5e7c3b1a-0d1e-4c55-9a8f-2b6f0c9e4d01")
SCRAP_KEY = uuid.UUID("5e7c3b1a-0d1e-4c55-9a8f-2b6f0c9e4d02")


def seed(*, rng) -> str:
    elderly = Recipient.objects.get(personnummer=KEY_RECIPIENTS["elderly"])
    if Return.objects.filter(recipient=elderly).exists():
        return "returns already there"
    anna = User.objects.get(username="audionom")
    karl = User.objects.get(username="kollega")
    lund = ServiceLocation.objects.get(code="4101")
    loop = Device.objects.get(
        recipient=elderly,
        article__number=KEY_ARTICLES["hearing_loop"],
        status=Device.Status.DELIVERED,
    )
    recipient_services.return_devices(
        by=anna,
        recipient=elderly,
        service_location=lund,
        device_ids=[loop.pk],
        key=RETURN_KEY,
    )
    training = _delivered_service_purchase(anna, karl, elderly, lund)
    recipient_services.return_devices(
        by=anna,
        recipient=elderly,
        service_location=lund,
        device_ids=[training.pk],
        scrap_ids=[training.pk],
        key=SCRAP_KEY,
    )
    return "a return to 4101 and a scrapped service purchase"


def _delivered_service_purchase(anna, karl, elderly, lund) -> Device:
    """A training session (tjänsteköp) bought from the supplier and received by a colleague."""
    services.discard_draft(by=anna)
    draft = services.start_order(by=anna, recipient=elderly, prescriber=anna, service_location=lund)
    services.add_line(
        by=anna,
        article=Article.objects.get(number=KEY_ARTICLES["service_training"]),
        quantity=1,
        source=CENTRAL,
        comment="Utbildning i radiosystemet.",
    )
    order = services.submit_order(by=anna, idempotency_key=draft.idempotency_key)
    services.create_purchase_orders(by=anna, order=order)
    services.receive_lines(
        by=karl, receipts=[services.LineReceipt(line.pk) for line in order.lines.all()]
    )
    return Device.objects.get(order_line_id__in=order.lines.values("pk"))
