"""BEY-9: Avvikelse / reklamation from an order line (the order page) and from a receipt (the
order page's Kvittens, Kvittera direktleverans's received lines): the links come through
orders.extensions, the report names its line or receipt and links back to the order, and
another location's line or receipt is 404 (ACC-4)."""

import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory
from orders import services as orders
from orders.models import Order
from orders.tests.supply import refill
from safety.models import Deviation

pytestmark = pytest.mark.django_db
KEY = "0b7e5a40-6f1c-4d8e-9a3b-2c4d5e6f7a8b"


@pytest.fixture
def received(prescriber, colleague, lund):
    """A sent refill of Lund on 750 with two lines, the first received."""
    order = refill(prescriber, lund, ArticleFactory(name="Dome 8 mm"), ArticleFactory())
    orders.create_purchase_orders(by=prescriber, order=order)
    first, second = order.lines.order_by("position")
    (receipt,) = orders.receive_lines(by=colleague, receipts=[orders.LineReceipt(first.pk)])
    return {"order": order, "first": first, "second": second, "receipt": receipt}


def _line_url(line):
    return reverse("safety:deviation_from_order_line", args=[line.pk])


def _receipt_url(receipt):
    return reverse("safety:deviation_from_receipt", args=[receipt.pk])


def _report(client, url, kind="product_fault"):
    return client.post(url, {"kind": kind, "description": "Fel färg på domerna", "key": KEY})


def test_bey_9_the_order_page_links_each_line_and_the_receipt(client_as, prescriber, received):
    page = client_as(prescriber).get(reverse("orders:detail", args=[received["order"].number]))
    assert page.status_code == 200
    assert f'href="{_line_url(received["first"])}"' in page.text
    assert f'href="{_line_url(received["second"])}"' in page.text
    assert f'href="{_receipt_url(received["receipt"])}"' in page.text
    assert "Reklamera leveransen" in page.text and "Avvikelse / reklamation" in page.text


def test_bey_9_a_report_from_an_order_line_links_back_to_the_order(
    client_as, prescriber, lund, received
):
    client, line = client_as(prescriber), received["second"]
    form = client.get(_line_url(line))
    assert form.status_code == 200 and received["order"].number in form.text
    response = _report(client, _line_url(line))
    deviation = Deviation.objects.get()
    assert response.url == deviation.get_absolute_url()
    assert (deviation.source, deviation.order_line, deviation.receipt) == ("order_line", line, None)
    assert (deviation.article, deviation.service_location) == (line.article, lund)
    detail = client.get(deviation.get_absolute_url()).text
    assert f'href="{reverse("orders:detail", args=[received["order"].number])}"' in detail


def test_bey_9_a_receipt_preselects_leveransfel(client_as, prescriber, received):
    client, receipt = client_as(prescriber), received["receipt"]
    form = client.get(_receipt_url(receipt)).context["form"]
    assert form["kind"].value() == Deviation.Kind.DELIVERY_FAULT
    _report(client, _receipt_url(receipt), kind="delivery_fault")
    deviation = Deviation.objects.get()
    assert (deviation.source, deviation.kind) == ("receipt", "delivery_fault")
    assert (deviation.receipt, deviation.order_line) == (receipt, received["first"])


def test_bey_9_a_double_submit_from_a_line_makes_one_report(client_as, prescriber, received):
    client = client_as(prescriber)
    first = _report(client, _line_url(received["first"]))
    second = _report(client, _line_url(received["first"]))
    assert first.url == second.url and Deviation.objects.count() == 1


def test_bey_9_another_locations_line_and_receipt_are_404(client_as, other_location_user, received):
    client = client_as(other_location_user)
    for url in (_line_url(received["second"]), _receipt_url(received["receipt"])):
        assert client.get(url).status_code == 404
        assert _report(client, url).status_code == 404
    assert not Deviation.objects.exists()


def test_bey_9_a_cart_line_and_a_cancelled_line_are_not_offered(
    client_as, prescriber, lund, central_warehouse
):
    from orders.tests.factories import stocked_article

    order = refill(prescriber, lund, ArticleFactory(), ArticleFactory())
    line = order.lines.order_by("position").first()
    orders.cancel_lines(by=prescriber, line_ids=[line.pk])
    orders.start_refill(by=prescriber, service_location=lund)
    cart = orders.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    client = client_as(prescriber)
    assert client.get(_line_url(cart)).status_code == 404
    assert client.get(_line_url(line)).status_code == 404
    page = client.get(reverse("orders:detail", args=[order.number])).text
    assert _line_url(line) not in page
    assert Order.objects.get(pk=order.pk).lines.exclude(pk=line.pk).count() == 1


def test_bey_9_kvittera_lists_received_lines_with_reklamera(client_as, prescriber, received):
    url = reverse("orders:receive") + f"?typ=bestallning&nummer={received['order'].number}"
    page = client_as(prescriber).get(url).text
    assert "Kvitterade rader" in page
    assert f'href="{_receipt_url(received["receipt"])}"' in page
    assert _receipt_url(received["receipt"]) not in page.split("Kvitterade rader")[0]


def test_bey_9_the_order_page_links_cost_no_query(client_as, prescriber, colleague, lund):
    """One received line or eight, each with its two links: the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(prescriber)

    def count(order):
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("orders:detail", args=[order.number])).status_code == 200
        return len(context)

    few = refill(prescriber, lund, ArticleFactory())
    many = refill(prescriber, lund, *[ArticleFactory() for _ in range(8)])
    for order in (few, many):
        orders.create_purchase_orders(by=prescriber, order=order)
        lines = order.lines.order_by("position")
        orders.receive_lines(by=colleague, receipts=[orders.LineReceipt(line.pk) for line in lines])
    assert count(few) == count(many)
