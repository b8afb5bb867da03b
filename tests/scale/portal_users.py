"""Simulated users of Lund for the database-restart test, each a thread that works through
the portal over HTTP as a person would: a `Sender` starts an order, adds an own-store line,
opens the cart and sends it (Skicka beställning); a `Receiver` ticks one line of its refill
at a time in Kvittera direktleverans. A 503 is tried again after a moment, the same request
again — the user who got "try again" and does. Any other answer than the expected one is a
failure and ends the user."""

import re
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.shortcuts import resolve_url

RETRY_PAUSE = 0.05  # seconds a user waits before trying a 503 again


class Unexpected(Exception):
    """The portal answered what this user did not expect: the user stops."""


class PortalUser(threading.Thread):
    def __init__(self, server, cookie, *, stop: threading.Event, deadline: float):
        super().__init__(daemon=True)
        self.server, self.cookie, self.stop, self.deadline = server, cookie, stop, deadline
        self.answers, self.failures = [], []

    def call(self, method, path, data=None, *, expect=(200,), after_503=()):
        """The request until it answers other than 503 (or the deadline passes); the answer
        must be one of `expect` — or of `after_503` when a try before it got a 503 (the
        first try may have been done just before the database went away)."""
        retried = False
        while True:
            answer = self.server.call(method, path, self.cookie, data)
            answer.retried = retried
            self.answers.append(answer)
            if answer.status != 503 or time.monotonic() > self.deadline:
                break
            retried = True
            self.stop.wait(RETRY_PAUSE)
        if answer.status not in (*expect, *(after_503 if retried else ())):
            raise Unexpected(f"{method} {path}: {answer.status} {answer.body[:300]}")
        if answer.location.startswith(resolve_url(settings.LOGIN_URL)):
            raise Unexpected(f"{method} {path}: sent to the login page")
        return answer

    def run(self):
        try:
            while not self.stop.is_set() and time.monotonic() < self.deadline:
                self.work()
        except Exception as error:  # noqa: BLE001 — the test reports it
            self.failures.append(f"{type(self).__name__}: {type(error).__name__}: {error}")

    def successes(self, *, since=0.0) -> int:
        return sum(1 for a in list(self.answers) if a.status != 503 and a.started >= since)

    def outage_answers(self, *, since=0.0) -> int:
        return sum(1 for a in list(self.answers) if a.status == 503 and a.started >= since)


class Sender(PortalUser):
    def __init__(self, *args, user, recipient, location, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.recipient, self.location, self.article = user, recipient, location, article
        self.sent = defaultdict(set)  # idempotency key → the numbers the portal answered
        self.sent_after_503 = set()  # keys whose Skicka got a 503 and was tried again

    def work(self):
        start = {"personnummer": self.recipient.personnummer, "prescriber": self.user.pk,
                 "service_location": self.location.pk, "action": "continue"}  # fmt: skip
        self.call("POST", "/bestallning/ny/", start, expect=(302,))
        line = {"source": "own_store", "quantity": 1, "action": "add"}
        self.call("POST", f"/bestallning/artiklar/{self.article.pk}/", line, expect=(302,))
        cart = self.call("GET", "/bestallning/varukorg/")
        key = re.search(r'name="key" value="([0-9a-f-]{36})"', cart.body)[1]
        answer = self.call("POST", "/bestallning/skicka/", {"key": key}, expect=(302,))
        self.sent[key].add(re.fullmatch(r"/bestallning/(\d{8})/skickad/", answer.location)[1])
        if answer.retried:
            self.sent_after_503.add(key)
        self.call("GET", answer.location)


class Receiver(PortalUser):
    def __init__(self, *args, order, **kwargs):
        super().__init__(*args, **kwargs)
        self.number, self.open = order.number, sorted(order.lines.values_list("pk", flat=True))
        self.received = []  # the lines the portal said were received (or already were)

    def work(self):
        page = f"/kvittera/?typ=bestallning&nummer={self.number}"
        if not self.open:  # all received: the user keeps looking at the delivery
            self.call("GET", page)
            return
        line = self.open.pop(0)
        form = {"typ": "bestallning", "nummer": self.number, "action": "kvittera", "rad": line}
        # A retry of a receipt that was done answers that the line is no longer open.
        self.call("POST", "/kvittera/", form, expect=(302,), after_503=(409, 422))
        self.received.append(line)
        self.call("GET", page)
