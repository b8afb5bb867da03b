"""BEY-8: the nightly e-mail of each unit's articles below minimum, over real SMTP on loopback
(aiosmtpd): sent once a day however often the nightly job runs (also two at once), only to
units with an address, listing only what is below minimum."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from inventory.models import BelowMinimumReport
from inventory.reorder import set_reorder_level
from orders.tests.factories import stocked_article
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that keeps what it receives; Django's SMTP backend."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    options = {"host": "127.0.0.1", "port": controller.port, "timeout": 5}
    backend = "django.core.mail.backends.smtp.EmailBackend"
    settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": options}}
    yield inbox
    controller.stop()


@pytest.fixture
def low(prescriber, lund, central_warehouse):
    lund.email = "hjalpmedel.4101@lund.example"
    lund.save(update_fields=["email"])
    domes = stocked_article(lund.warehouse, 2, name="Dome öppen 8 mm")
    plenty = stocked_article(lund.warehouse, 30, name="Vaxfilter RIC")
    for article in (domes, plenty):
        set_reorder_level(
            by=prescriber, warehouse=lund.warehouse, article=article, minimum=5, refill_to=20
        )
    return domes


def _work():
    """The task worker, as `make run` and production run it (django-tasks-db)."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _body(message) -> str:
    return message.get_content()


def test_bey_8_nightly_emails_the_unit_its_articles_below_minimum(smtp, low):
    call_command("nightly")
    _work()
    (message,) = smtp.messages
    assert message["To"] == "hjalpmedel.4101@lund.example"
    assert "Under minsta saldo på lager 4101" in message["Subject"]
    assert f"{low.number} Dome öppen 8 mm: saldo 2, minsta saldo 5" in _body(message)
    assert "Vaxfilter" not in _body(message)
    assert BelowMinimumReport.objects.get().sent_at is not None


def test_bey_8_nightly_twice_a_day_mails_once(smtp, low):
    call_command("nightly")
    _work()
    call_command("nightly")
    _work()
    assert len(smtp.messages) == 1


def test_bey_8_two_runs_at_once_mail_once(smtp, low):
    call_command_quietly = lambda: call_command("email_below_minimum")  # noqa: E731
    race(call_command_quietly, call_command_quietly)
    _work()
    assert len(smtp.messages) == 1
    assert BelowMinimumReport.objects.count() == 1


def test_bey_8_a_unit_without_address_gets_no_mail(smtp, low, lund):
    lund.email = ""
    lund.save(update_fields=["email"])
    call_command("nightly")
    assert smtp.messages == []
    assert not BelowMinimumReport.objects.exists()
