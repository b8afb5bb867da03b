"""quality.md (Reliability), faults: a gunicorn worker killed (SIGKILL) in the middle of
sending an order or of a receipt leaves nothing half done — the order is still the user's
cart / the line still open, the stock and its movements as before — the portal answers
again without a restart, and the user who tries again gets one order / one receipt."""

import urllib.error

import pytest

from inventory.models import StockBalance, StockMovement, Warehouse
from orders import services
from orders.models import Order, OrderLine, Receipt
from orders.tests.factories import stocked_article
from orders.tests.supply import direct_articles, refill
from recipients.models import Device
from recipients.tests.factories import RecipientFactory
from tests.scale.server import Gunicorn, session_cookie


@pytest.fixture
def server(transactional_db, tmp_path):
    gunicorn = Gunicorn(tmp_path)
    yield gunicorn
    gunicorn.stop()


def test_a_worker_killed_mid_send_leaves_nothing_half_done(server, prescriber, lund):
    store = Warehouse.objects.get(number=lund.code)
    article = stocked_article(store, 5)
    recipient = RecipientFactory()
    draft = services.start_order(
        by=prescriber, recipient=recipient, prescriber=prescriber, service_location=lund
    )
    services.add_line(by=prescriber, article=article, quantity=2, source="own_store")
    cookie = session_cookie(prescriber)
    movements = StockMovement.objects.count()

    server.flag.write_text("send")
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        server.post("/bestallning/skicka/", {"key": draft.idempotency_key}, cookie)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (Order.Status.DRAFT, None)
    assert StockBalance.objects.get(warehouse=store, article=article).quantity == 5
    assert StockMovement.objects.count() == movements and not Device.objects.exists()

    assert server.wait_for_worker() != server.pid  # the master started a new worker
    with pytest.raises(urllib.error.HTTPError) as answer:  # the 302 is not followed
        server.post("/bestallning/skicka/", {"key": draft.idempotency_key}, cookie)
    assert answer.value.code == 302
    draft.refresh_from_db()
    assert draft.status == Order.Status.DELIVERED and draft.number
    assert StockBalance.objects.get(warehouse=store, article=article).quantity == 3
    assert Order.objects.filter(orderer=prescriber).exclude(number=None).count() == 1


def test_a_worker_killed_mid_receipt_leaves_the_line_open(server, prescriber, lund):
    domes = direct_articles()[2]
    order = refill(prescriber, lund, domes, quantity=3)
    (line,) = order.lines.all()
    form = {"typ": "bestallning", "nummer": order.number, "action": "kvittera", "rad": line.pk}
    cookie, movements = session_cookie(prescriber), StockMovement.objects.count()

    server.flag.write_text("receive")
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        server.post("/kvittera/", form, cookie)
    line.refresh_from_db()
    assert line.status == OrderLine.Status.REGISTERED and not Receipt.objects.exists()
    assert StockMovement.objects.count() == movements
    assert not StockBalance.objects.filter(article=domes, quantity__gt=0).exists()

    server.wait_for_worker()
    with pytest.raises(urllib.error.HTTPError) as answer:
        server.post("/kvittera/", form, cookie)
    assert answer.value.code == 302
    assert Receipt.objects.filter(line=line).count() == 1
    store = Warehouse.objects.get(number=lund.code)
    assert StockBalance.objects.get(warehouse=store, article=domes).quantity == 3
