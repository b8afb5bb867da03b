"""quality.md (Reliability), faults: PostgreSQL stopped for a moment under load. Users of
Lund (threads, HTTP to a real gunicorn with the production settings: DEBUG off, persistent
connections with health checks) send own-store orders and receive a direct delivery while
the test's own PostgreSQL cluster crashes (`pg_ctl stop -m immediate`) and comes back.
During the outage every request gets the Swedish 503 page; afterwards the portal answers
again without a restart of gunicorn, also on a node that held a persistent connection
through the outage without serving a request; nothing is half done; the user who retries
the send (or the receipt) that got the 503 in the middle of its transaction gets exactly
one order (one receipt).

The scenario runs once for the module (in a cluster of its own, loaded from the test
database, so the suite's shared cluster is never stopped); the tests read its record."""

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test import override_settings

from bench.faults import hold_files
from bench.load import broken_invariants
from inventory.models import StockMovement, Warehouse
from inventory.tests.factories import ArticleFactory, SupplierFactory, WarehouseFactory
from orders import services
from orders.models import Order, OrderLine, Receipt
from orders.tests.factories import stocked_article
from orders.tests.supply import refill_lines
from recipients.models import Device
from recipients.tests.factories import RecipientFactory
from sesam.tests.factories import ProductAreaFactory, ServiceLocationFactory, UserFactory
from tests.scale.pg_cluster import Cluster
from tests.scale.portal_users import Receiver, Sender
from tests.scale.server import Gunicorn, session_cookie

SECRET_KEY = "restart-" + "n0t-a-s3cr3t-" * 5  # the test signs the users' sessions with it
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "tests.scale.production_settings",
              "DJANGO_DEBUG": "false", "DJANGO_CONN_MAX_AGE": "60",
              "DJANGO_SECRET_KEY": SECRET_KEY}  # fmt: skip
SCENARIO_SECONDS = 45  # the users give up after this; each wait below has its own bound
LINES_PER_RECEIVER = 30
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"  # users made fast; they never log in
# Every test reads the throwaway cluster's database (the default connection points there
# for this module); declaring it also makes pytest-django set up the test database.
pytestmark = pytest.mark.django_db


@dataclass
class Outage:
    senders: list
    receivers: list
    retrier: object = None
    down: float = 0.0  # the moment the stop began
    gone: float = 0.0  # the moment the server was down
    back: float = 0.0  # the moment the start began
    up: float = 0.0  # the moment the server accepted connections again
    retries: list = field(default_factory=list)  # the retrier's Skicka: 503, then sent
    receipts: list = field(default_factory=list)  # the retrier's Kvittera: 503, then done
    delivery_line: object = None  # the line of that Kvittera
    idle: list = field(default_factory=list)  # the idle node's start page: before, after
    restarted: list = field(default_factory=list)  # per gunicorn: a worker was replaced
    logs: list = field(default_factory=list)  # per gunicorn: its error log

    @property
    def users(self):
        return [*self.senders, *self.receivers]

    def answers(self):
        return [a for user in self.users for a in list(user.answers)]


def _region():
    """Lund with its store, 70 and 750; an article with plenty on Lund's shelf; a refill of
    direct articles (bought via 750) for each receiver to receive; users of Lund."""
    ProductAreaFactory()
    WarehouseFactory(number="70", kind=Warehouse.Kind.CENTRAL)
    WarehouseFactory(number="750", kind=Warehouse.Kind.PURCHASING)
    lund = ServiceLocationFactory(code="4101", name="Hörselmottagningen Lund", city="Lund")
    store = WarehouseFactory(number="4101", kind=Warehouse.Kind.LOCAL, service_location=lund)
    supplier, retrier = SupplierFactory(), UserFactory(locations=[lund])
    refills = []
    for _ in range(2):
        user = UserFactory(locations=[lund])
        lines = [(ArticleFactory(supplier=supplier), 1) for _ in range(LINES_PER_RECEIVER)]
        refills.append((user, refill_lines(user, lund, lines)))
    return {
        "lund": lund,
        "article": stocked_article(store, 10_000),
        "recipient": RecipientFactory(),
        "senders": [UserFactory(locations=[lund]) for _ in range(2)],
        "refills": refills,
        "retrier": retrier,
        "delivery": refill_lines(retrier, lund, [(ArticleFactory(supplier=supplier), 3)]),
    }


def _until(condition, what, outage, timeout=15):
    """Poll until `condition()` holds; a user's failure or the timeout fails at once."""
    end = time.monotonic() + timeout
    while not condition():
        failures = [f for user in outage.users for f in user.failures]
        assert not failures, failures
        assert time.monotonic() < end, f"waited {timeout} s for {what}"
        time.sleep(0.02)


class _Held(threading.Thread):
    """A user's POST that the hold switch (bench/faults.py) stops at `moment` inside its
    transaction until `release()`; its answer is appended to `answers`."""

    def __init__(self, server, cookie, path, data, *, moment, key, answers, outage):
        super().__init__(daemon=True)
        self.server, self.cookie, self.path, self.data = server, cookie, path, data
        self.answers, wanted, held = answers, *hold_files(server.flag, moment, key)
        self.held = Path(held)
        Path(wanted).touch()
        self.start()
        _until(self.held.exists, f"{path} to reach its hold", outage)

    def run(self):
        self.answers.append(self.server.call("POST", self.path, self.cookie, self.data))

    def release(self):
        self.held.unlink()
        self.join(timeout=30)


def _run(region, cluster, busy, idle, outage):
    r, deadline, stop = region, time.monotonic() + SCENARIO_SECONDS, threading.Event()
    common = {"stop": stop, "deadline": deadline}
    outage.senders = [
        Sender(busy, session_cookie(user), user=user, recipient=r["recipient"],
               location=r["lund"], article=r["article"], **common)
        for user in r["senders"]
    ]  # fmt: skip
    outage.receivers = [
        Receiver(busy, session_cookie(user), order=order, **common) for user, order in r["refills"]
    ]
    retrier, cookie = r["retrier"], session_cookie(r["retrier"])
    draft = services.start_order(
        by=retrier, recipient=r["recipient"], prescriber=retrier, service_location=r["lund"]
    )
    services.add_line(by=retrier, article=r["article"], quantity=2, source="own_store")
    outage.retrier, send = retrier, {"key": draft.idempotency_key}
    delivery, (line,) = r["delivery"], r["delivery"].lines.all()
    receive = {"typ": "bestallning", "nummer": delivery.number, "action": "kvittera",
               "rad": line.pk}  # fmt: skip
    outage.delivery_line = line
    outage.idle.append(idle.call("GET", "/", cookie))  # opens its persistent connection
    connection.close()  # the test's own connection would not survive the crash either
    for user in outage.users:
        user.start()
    try:
        _until(lambda: all(u.successes() >= 3 for u in outage.users), "the users at work", outage)
        # The retrier's Kvittera and Skicka wait inside their transactions (stock brought
        # in, stock withdrawn) while the server crashes under them, then go on: their next
        # statement finds no server. Kvittera first: a held Skicka holds the number series,
        # which the users' sends wait for, each in a worker.
        held = [
            _Held(busy, cookie, "/kvittera/", receive, moment="receive",
                  key=delivery.idempotency_key, answers=outage.receipts, outage=outage),
            _Held(busy, cookie, "/bestallning/skicka/", send, moment="send",
                  key=draft.idempotency_key, answers=outage.retries, outage=outage),
        ]  # fmt: skip
        outage.down = time.monotonic()
        cluster.stop("immediate")
        outage.gone = time.monotonic()
        for request in held:
            request.release()
        _until(
            lambda: all(u.outage_answers(since=outage.gone) for u in outage.users),
            "a 503 for every user from the server that is down",
            outage,
        )
        outage.back = time.monotonic()
        cluster.start()
        outage.up = time.monotonic()
        outage.idle.append(idle.call("GET", "/", cookie))
        outage.retries.append(busy.call("POST", "/bestallning/skicka/", cookie, send))
        outage.receipts.append(busy.call("POST", "/kvittera/", cookie, receive))
        _until(
            lambda: all(u.successes(since=outage.up) >= 3 for u in outage.users),
            "the users at work again",
            outage,
        )
    finally:
        stop.set()
        for user in outage.users:
            user.join(timeout=30)
    outage.restarted = [server.restarted_workers() or server.process.poll() is not None
                        for server in (busy, idle)]  # fmt: skip
    outage.logs = [server.log.read_text() for server in (busy, idle)]


@pytest.fixture(scope="module")
def outage(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp, record, database = tmp_path_factory.mktemp("restart"), Outage([], []), connection
    assert database.settings_dict["NAME"] == database.settings_dict["TEST"]["NAME"]
    with django_db_blocker.unblock():
        cluster = Cluster(database.settings_dict["NAME"])
        there = cluster.settings(database.settings_dict["OPTIONS"])
        saved = {key: database.settings_dict[key] for key in there}
        servers = []
        try:
            cluster.load(source=database.get_connection_params())
            database.close()
            database.settings_dict.update(there)
            with override_settings(PASSWORD_HASHERS=[MD5], SECRET_KEY=SECRET_KEY):
                region = _region()
                for workers, name in ((2, "busy"), (1, "idle")):
                    servers.append(Gunicorn(tmp, workers=workers, env=PRODUCTION, name=name,
                                            wait=False))  # fmt: skip
                for server in servers:
                    server.wait_until_up()
                _run(region, cluster, *servers, record)
            yield record
        finally:
            for server in servers:
                server.stop()
            database.close()
            database.settings_dict.update(saved)
            cluster.remove()


def test_during_the_outage_every_request_gets_the_swedish_503_page(outage):
    assert outage.retries[0].status == outage.receipts[0].status == 503
    down = [a for a in outage.answers() if outage.gone <= a.started and a.ended <= outage.back]
    assert down and all(a.status == 503 for a in down)
    during = [a for a in outage.answers() if a.status == 503]
    during += [outage.retries[0], outage.receipts[0]]
    # (a request in flight when the server went down answers 503 too)
    assert [a for a in during if not (outage.down <= a.ended and a.started <= outage.up)] == []
    for answer in during:
        assert "Sesam är tillfälligt otillgänglig" in answer.body
        assert answer.headers["Retry-After"] == "30" and "Traceback" not in answer.body
    assert all(user.outage_answers(since=outage.gone) for user in outage.users)


def test_no_user_got_anything_but_a_page_a_redirect_or_the_503(outage):
    assert [f for user in outage.users for f in user.failures] == []
    assert {a.status for a in outage.answers()} <= {200, 302, 409, 422, 503}
    assert "Service Unavailable" in outage.logs[0]  # Django logs each 503 …
    assert not any("Internal Server Error" in log for log in outage.logs)  # … and no 500


def test_afterwards_the_portal_answers_without_restarting_gunicorn(outage):
    after = [a for a in outage.answers() if a.started >= outage.up]
    assert after and all(a.status in (200, 302) for a in after)
    assert [a.status for a in outage.idle] == [200, 200]  # its stale connection was dropped
    assert outage.restarted == [False, False]


def test_nothing_is_half_done(outage):
    assert broken_invariants() == []
    sent = Order.objects.exclude(number=None)
    assert not sent.annotate(n=Count("lines")).filter(n=0).exists()
    assert not Order.objects.filter(status=Order.Status.DRAFT).exclude(number=None).exists()
    own = OrderLine.objects.filter(order__kind=Order.Kind.OWN_STORE, order__in=sent)
    assert set(own.values_list("status", flat=True)) == {OrderLine.Status.DELIVERED}
    quantity = own.aggregate(s=Sum("quantity"))["s"]
    devices = Device.objects.filter(order_line_id__in=own.values("pk"))
    assert devices.aggregate(s=Sum("quantity"))["s"] == quantity
    withdrawn = StockMovement.objects.filter(reason=StockMovement.Reason.WITHDRAWAL)
    assert -withdrawn.aggregate(s=Sum("quantity"))["s"] == quantity
    assert set(withdrawn.values_list("reference", flat=True)) <= set(
        sent.values_list("number", flat=True)
    )
    received = [line for user in outage.receivers for line in user.received]
    assert Receipt.objects.filter(line__in=received).count() == len(received) > 0
    assert Receipt.objects.exclude(line=outage.delivery_line).count() == len(received)


def test_the_user_who_retries_the_send_that_got_a_503_gets_one_order(outage):
    assert [a.status for a in outage.retries] == [503, 302]
    mine = Order.objects.filter(orderer=outage.retrier).exclude(kind=Order.Kind.REFILL)
    (order,) = mine.exclude(number=None)
    assert outage.retries[1].location == f"/bestallning/{order.number}/skickad/"
    assert order.status == Order.Status.DELIVERED and order.lines.count() == 1
    withdrawn = StockMovement.objects.filter(reference=order.number).values_list("quantity")
    assert list(withdrawn) == [(-2,)]  # the crashed try withdrew nothing that stayed
    for sender in outage.senders:
        numbers = set(Order.objects.filter(orderer=sender.user).exclude(number=None)
                      .values_list("number", flat=True))  # fmt: skip
        assert all(len(answered) == 1 for answered in sender.sent.values())
        assert numbers == {n for answered in sender.sent.values() for n in answered}


def test_the_user_who_retries_the_receipt_that_got_a_503_gets_one_receipt(outage):
    assert [a.status for a in outage.receipts] == [503, 302]
    line = outage.delivery_line
    assert Receipt.objects.filter(line=line).count() == 1
    line.refresh_from_db()
    assert line.status == OrderLine.Status.DELIVERED
    movements = StockMovement.objects.filter(article=line.article_id).values_list("quantity")
    assert list(movements) == [(3,)]  # brought in once: the crashed try left nothing
