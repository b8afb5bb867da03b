"""The security sweep's region: Lund's objects of every kind that has a detail URL, made
through the services as the pages would. Helsingborg (annan) owns nothing, so any answer
but 404 to annan for one of these keys is another location's data (ACC-4)."""

import pytest

from inventory.models import Warehouse
from inventory.tests.factories import IndividualFactory
from orders import services
from orders.tests.factories import stocked_article
from orders.tests.supply import direct_articles, refill
from recipients.tests.factories import DeviceFactory, RecipientFactory
from sesam.services import send_message


@pytest.fixture
def lund_region(prescriber, lund, central_warehouse, other_location_user, horsel):
    """Lund's objects; `keys` maps a URL kwarg name to the Lund keys it can take."""
    store = Warehouse.objects.get(number=lund.code)
    tolvan = RecipientFactory(first_name="Tolvan", last_name="Tolvansson")
    sent = refill(prescriber, lund, *direct_articles())
    (purchase_order, *_) = services.create_purchase_orders(by=prescriber, order=sent)
    individual = IndividualFactory(warehouse=store)
    device = DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)
    stocked = stocked_article(central_warehouse, 10)
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    cart_line = services.add_line(by=prescriber, article=stocked, quantity=1, source="central")
    (message,) = send_message(to=[prescriber], subject="Till Lund", body="Hemligt")
    keys = {
        "pk": [individual.pk, message.pk, tolvan.pk],
        "number": [sent.number, purchase_order.number, store.number],
        "device_pk": [device.pk],
        "line_id": [cart_line.pk],
        "article_id": [stocked.pk],
        # Not keys of an object but names of a part of a page: any valid one.
        "field": ["phone"],
        "name": ["telefon"],
        "code": [stocked.iso_code.code],
    }
    return {
        "keys": keys,
        "order": sent,
        "purchase_order": purchase_order,
        "recipient": tolvan,
        "individual": individual,
        "device": device,
        "cart_line": cart_line,
        "article": stocked,
    }
