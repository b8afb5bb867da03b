"""The order page (SRC-3) and Makulera beställning (SRC-4) through the client."""

import pytest
from django.urls import reverse

from inventory.models import StockBalance
from inventory.tests.factories import ArticleFactory
from orders import services
from orders.models import Order, OrderEvent
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription, refill
from sesam.models import AccessLog

HTMX = {"HX-Request": "true"}


def _detail(client, order):
    return client.get(reverse("orders:detail", args=[order.number]))


def _cancel(client, order, **kwargs):
    return client.post(reverse("orders:cancel", args=[order.number]), **kwargs)


@pytest.fixture
def central_order(prescriber, tolvan, lund, central_warehouse):
    return prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 5), quantity=2)


def test_src_3_sections_menu_and_receipts(client_as, prescriber, colleague, lund):
    order = refill(prescriber, lund, ArticleFactory(name="Dome 8 mm"), ArticleFactory())
    services.create_purchase_orders(by=prescriber, order=order)
    first = order.lines.order_by("position").first()
    services.receive_lines(by=colleague, receipts=[services.LineReceipt(first.pk)])
    page = _detail(client_as(prescriber), order).text
    for section in [
        "Beställningshuvud",
        "Beställningsrader",
        "Leverans",
        "Inköpsordrar",
        "Historik",
    ]:
        assert f"<h2>{section}</h2>" in page
    assert "Kvitterad" in page and "av Karl Kollega, á-pris 1 000,00 kr" in page
    assert "Ej kvitterad" in page
    assert "Kvittera direktleverans" in page  # one line is still open
    assert "Makulera beställning" not in page  # a purchase order exists (SRC-4)
    assert "Skapa pdf" in page


def test_src_3_the_history_shows_status_labels(client_as, prescriber, central_order):
    page = _detail(client_as(prescriber), central_order).text
    assert "Pågående → Registrerad" in page
    assert "→ registered" not in page


def test_src_3_menu_offers_skapa_inkopsorder_while_a_750_line_lacks_one(
    client_as, prescriber, lund
):
    order = refill(prescriber, lund, ArticleFactory())
    page = _detail(client_as(prescriber), order).text
    assert "Skapa inköpsorder</button>" in page
    assert "Makulera beställning" in page


def test_acc_8_the_order_page_logs_the_recipient_shown(client_as, prescriber, central_order):
    _detail(client_as(prescriber), central_order)
    log = AccessLog.objects.get()
    assert (log.action, log.context) == ("order_detail", {"order": central_order.number})


def test_src_4_cancel_asks_then_ja_makulera_cancels_and_releases(
    client_as, colleague, central_order, central_warehouse
):
    client = client_as(colleague)
    ask = client.get(reverse("orders:cancel", args=[central_order.number]))
    assert ask.status_code == 200 and "Ja, makulera" in ask.text
    response = _cancel(client, central_order)
    assert response.status_code == 302
    assert response.url == reverse("orders:detail", args=[central_order.number])
    central_order.refresh_from_db()
    assert central_order.status == "cancelled"
    line = central_order.lines.get()
    assert (
        StockBalance.objects.get(warehouse=central_warehouse, article=line.article).allocated == 0
    )
    page = client.get(response.url).text
    assert f"Beställning {central_order.number} är makulerad." in page
    assert "Registrerad → Makulerad" in page


def test_src_4_the_confirmation_is_a_dialog_under_htmx(client_as, prescriber, central_order):
    response = client_as(prescriber).get(
        reverse("orders:cancel", args=[central_order.number]), headers=HTMX
    )
    assert response.text.lstrip().startswith('<dialog id="cancel-dialog"')
    assert "Stäng" in response.text


def test_src_4_a_double_post_cancels_once(client_as, prescriber, central_order):
    client = client_as(prescriber)
    assert _cancel(client, central_order).status_code == 302
    again = _cancel(client, central_order, follow=True)
    assert again.status_code == 200 and "Beställningen är redan makulerad." in again.text
    assert OrderEvent.objects.filter(order=central_order, to_status="cancelled").count() == 1


def _with_purchase_order(order, by):
    services.create_purchase_orders(by=by, order=order)


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("purchase_order", "Det finns en inköpsorder"),
        ("picking", "status plockas"),
        ("delivered", "status levererad"),
        ("own_store", "eget förråd"),
    ],
)
def test_src_4_refused_with_the_reason(
    client_as, prescriber, staff, tolvan, lund, central_warehouse, state, message
):
    if state == "purchase_order":
        order = refill(prescriber, lund, ArticleFactory())
        services.create_purchase_orders(by=prescriber, order=order)
    elif state in ("picking", "delivered"):
        order = refill(prescriber, lund, stocked_article(central_warehouse, 5))
        services.start_picking(by=staff, order=order)
        if state == "delivered":
            services.deliver_from_central(by=staff, order=order)
    else:
        draft = services.start_order(
            by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
        )
        services.add_line(
            by=prescriber,
            article=stocked_article(lund.warehouse, 2),
            quantity=1,
            source="own_store",
        )
        order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    client = client_as(prescriber)
    assert "Makulera beställning" not in _detail(client, order).text
    ask = client.get(reverse("orders:cancel", args=[order.number]))
    response = _cancel(client, order)
    assert ask.status_code == response.status_code == 409
    assert message in response.text and "Ja, makulera" not in response.text
    order.refresh_from_db()
    assert order.status != Order.Status.CANCELLED


def test_acc_4_another_locations_user_gets_404_on_every_order_page(
    client_as, prescriber, other_location_user, lund
):
    order = refill(prescriber, lund, ArticleFactory())
    client = client_as(other_location_user)
    assert _detail(client, order).status_code == 404
    assert client.get(reverse("orders:cancel", args=[order.number])).status_code == 404
    assert _cancel(client, order).status_code == 404
    assert client.get("/bestallning/%3Cscript%3E/").status_code == 404
    order.refresh_from_db()
    assert order.status == "registered"


def test_src_3_query_count_does_not_grow_with_the_lines(client_as, prescriber, colleague, lund):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(prescriber)

    def count(order):
        with CaptureQueriesContext(connection) as context:
            assert _detail(client, order).status_code == 200
        return len(context)

    few = count(refill(prescriber, lund, ArticleFactory()))
    big = refill(prescriber, lund, *[ArticleFactory() for _ in range(8)])
    services.create_purchase_orders(by=prescriber, order=big)
    lines = list(big.lines.all()[:3])
    services.receive_lines(by=colleague, receipts=[services.LineReceipt(x.pk) for x in lines])
    assert count(big) == few
