"""quality.md (Reliability), faults: a gunicorn worker killed (SIGKILL) in the middle of
sending an order or of a receipt leaves nothing half done — the order is still the user's
cart / the line still open, the stock and its movements as before — the portal answers
again without a restart, and the user who tries again gets one order / one receipt."""

import os
import select
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from inventory.models import StockBalance, StockMovement, Warehouse
from orders import services
from orders.models import Order, OrderLine, Receipt
from orders.tests.factories import stocked_article
from orders.tests.supply import direct_articles, refill
from recipients.models import Device
from recipients.tests.factories import RecipientFactory

ROOT = Path(__file__).resolve().parents[2]


class Gunicorn:
    def __init__(self, tmp_path):
        self.flag, self.log = tmp_path / "kill-next-send", tmp_path / "gunicorn.log"
        read, write = os.pipe()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.ready = os.fdopen(read)
        params = connection.get_connection_params()
        url = f"postgres://{params['user']}@/{params['dbname']}?host={params['host']}"
        env = {**os.environ, "DATABASE_URL": url, "SESAM_READY_FD": str(write),
               "SESAM_FAULT_FLAG": str(self.flag), "DJANGO_DEBUG": "true"}  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "sesam.wsgi", "-c", "bench/gunicorn_faults.py",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--log-level", "warning"],
            cwd=ROOT, env=env, pass_fds=(write,), stderr=self.log.open("w"),
        )  # fmt: skip
        os.close(write)
        self.pid = self.wait_for_worker()

    def wait_for_worker(self):
        ready, _, _ = select.select([self.ready], [], [], 60)
        assert ready, f"no gunicorn worker came up: {self.log.read_text()}"
        return int(self.ready.readline())

    def post(self, path, data, cookie):
        token = "k" * 32  # a CSRF secret of our own, in the cookie and the form
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
            headers={
                "Cookie": f"{cookie}; {settings.CSRF_COOKIE_NAME}={token}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        opener = urllib.request.build_opener(NoRedirect)
        return opener.open(request, timeout=60)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


@pytest.fixture
def server(transactional_db, tmp_path):
    gunicorn = Gunicorn(tmp_path)
    yield gunicorn
    gunicorn.stop()


def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_a_worker_killed_mid_send_leaves_nothing_half_done(server, prescriber, lund):
    store = Warehouse.objects.get(number=lund.code)
    article = stocked_article(store, 5)
    recipient = RecipientFactory()
    draft = services.start_order(
        by=prescriber, recipient=recipient, prescriber=prescriber, service_location=lund
    )
    services.add_line(by=prescriber, article=article, quantity=2, source="own_store")
    cookie = _cookie(prescriber)
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
    cookie, movements = _cookie(prescriber), StockMovement.objects.count()

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
