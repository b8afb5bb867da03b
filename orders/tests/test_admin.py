"""ACC-9: Hjälpmedel works the central orders in admin, through the order services."""

import datetime

from django.urls import reverse

from inventory.models import StockBalance
from orders import services
from orders.models import OrderLine
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription
from recipients.models import Device
from sesam.models import Message


def test_ord_11_admin_action_delivers_from_central(
    client, staff, prescriber, tolvan, lund, central_warehouse
):
    article = stocked_article(central_warehouse, 3)
    order = prescription(prescriber, tolvan, lund, article, quantity=2)
    client.force_login(staff)
    response = client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "deliver_from_central", "_selected_action": [order.pk]},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "delivered"
    assert StockBalance.objects.get(warehouse=central_warehouse, article=article).quantity == 1
    assert Device.objects.get(recipient=tolvan).status == "delivered"


def test_src_4_admin_start_picking_blocks_cancel(
    client, staff, prescriber, tolvan, lund, central_warehouse
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 3))
    client.force_login(staff)
    client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "start_picking", "_selected_action": [order.pk]},
    )
    order.refresh_from_db()
    assert order.status == "picking"
    assert services.cancel_refusal(order)


def test_home_5_changing_the_planned_date_in_admin_moves_devices_and_tells_users(
    client, staff, prescriber, tolvan, lund, central_warehouse
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 3))
    line = order.lines.get()
    client.force_login(staff)
    url = reverse("admin:orders_orderline_change", args=[line.pk])
    response = client.post(url, {"planned_delivery_date": "2026-12-15"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.planned_delivery_date == datetime.date(2026, 12, 15)
    assert Device.objects.get(order_line_id=line.pk).planned_delivery_date == datetime.date(
        2026, 12, 15
    )
    assert Message.objects.filter(user=prescriber, subject__contains=order.number).exists()
    assert (
        OrderLine.objects.get(pk=line.pk).order.events.filter(note__contains="2026-12-15").exists()
    )
