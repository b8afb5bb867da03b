"""The allowed moves of an order's status (Order.TRANSITIONS), read where every order service
records its move (orders.services.common.record_event)."""

import pytest

from orders import services
from orders.exceptions import OrderRefused
from orders.models import Order, OrderEvent, OrderLine
from orders.services.common import record_event
from orders.tests.factories import stocked_article

pytestmark = pytest.mark.django_db


def test_ord_transitions_a_delivered_order_is_not_moved_back(prescriber, tolvan, lund):
    tv = stocked_article(lund.warehouse, 3)
    draft = services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    services.add_line(by=prescriber, article=tv, quantity=1, source=OrderLine.Source.OWN_STORE)
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    assert order.status == Order.Status.DELIVERED
    with pytest.raises(OrderRefused, match="Levererad kan inte få status Registrerad"):
        record_event(order, None, order.status, Order.Status.REGISTERED, prescriber)
    assert not OrderEvent.objects.filter(to_status=Order.Status.REGISTERED).exists()


def test_ord_transitions_every_status_has_its_moves():
    assert set(Order.TRANSITIONS) == set(Order.Status)
