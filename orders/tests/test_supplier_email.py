"""BEY-7: a purchase order e-mailed to its supplier as a PDF by a background task, over real
SMTP on loopback (aiosmtpd): sent once, retried after a refused connection and then marked
failed, never twice under a double click."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from inventory.tests.factories import ArticleFactory, SupplierFactory
from orders import services
from orders.exceptions import OrderRefused
from orders.models import OrderEvent, PurchaseOrder
from orders.services import supplier_email
from orders.tests.supply import refill
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _smtp_to(settings, port):
    """The real SMTP backend (tests get the memory one by default) at 127.0.0.1:port."""
    backend = "django.core.mail.backends.smtp.EmailBackend"
    options = {"host": "127.0.0.1", "port": port, "timeout": 5}
    settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": options}}


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    _smtp_to(settings, controller.port)
    yield inbox
    controller.stop()


@pytest.fixture
def po(prescriber, lund, purchasing_warehouse):
    supplier = SupplierFactory(name="Audiola AB", order_email="order@audiola.example")
    order = refill(prescriber, lund, ArticleFactory(supplier=supplier))
    (purchase_order,) = services.create_purchase_orders(by=prescriber, order=order)
    return purchase_order


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_bey_7_the_worker_emails_the_pdf_once(smtp, po, prescriber):
    services.request_supplier_email(by=prescriber, purchase_order=po)
    _work()
    _work()
    (message,) = smtp.messages
    assert message["To"] == "order@audiola.example" and po.number in message["Subject"]
    (attachment,) = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert attachment.get_payload(decode=True).startswith(b"%PDF")
    po.refresh_from_db()
    assert (po.sending, po.send_by, po.sent_at is not None) == ("sent", prescriber, True)
    assert OrderEvent.objects.filter(order=po.order, to_status="sent").count() == 1


def test_bey_7_a_double_click_by_two_users_queues_it_once(smtp, po, prescriber, colleague):
    results = race(
        lambda: services.request_supplier_email(by=prescriber, purchase_order=po),
        lambda: services.request_supplier_email(by=colleague, purchase_order=po),
    )
    assert sum(isinstance(r, OrderRefused) for r in results) == 1
    _work()
    assert len(smtp.messages) == 1
    assert DBTaskResult.objects.count() == 1


def test_bey_7_a_refused_connection_is_retried_then_marked_failed(settings, po, prescriber):
    _smtp_to(settings, _free_port())  # nobody listens there
    services.request_supplier_email(by=prescriber, purchase_order=po)
    for attempt in range(1, supplier_email.MAX_ATTEMPTS + 1):
        supplier_email.send_supplier_email(purchase_order_id=po.pk)
        po.refresh_from_db()
        assert po.send_attempts == attempt
    assert po.sending == "failed" and "refused" in po.send_error.lower()
    # the first try at once, each retry queued for later with back-off: 1, 2, 4 minutes
    waits = sorted(
        round((run_after - enqueued).total_seconds() / 60)
        for run_after, enqueued in DBTaskResult.objects.values_list("run_after", "enqueued_at")
        if run_after.year < 9999  # django-tasks-db's "no run_after"
    )
    assert waits == [1, 2, 4]


def test_bey_7_after_a_failure_forsok_igen_sends_it(smtp, po, prescriber):
    PurchaseOrder.objects.filter(pk=po.pk).update(sending="failed", send_error="x")
    services.request_supplier_email(by=prescriber, purchase_order=po)
    _work()
    po.refresh_from_db()
    assert po.sending == "sent" and len(smtp.messages) == 1


def test_bey_7_a_supplier_without_an_order_address_is_refused(po, prescriber):
    po.supplier.order_email = ""
    po.supplier.save()
    with pytest.raises(OrderRefused, match="ingen e-postadress"):
        services.request_supplier_email(by=prescriber, purchase_order=po)


def test_bey_7_the_order_page_shows_who_sent_it_when(client_as, smtp, po, prescriber):
    client = client_as(prescriber)
    response = client.post(
        reverse("orders:send_purchase_order", args=[po.number]), {"tillbaka": "detalj"}
    )
    assert response.status_code == 302
    _work()
    page = client.get(reverse("orders:detail", args=[po.order.number])).content.decode()
    assert "Skickad " in page and "till order@audiola.example av Anna Audionom" in page


def test_bey_7_another_location_gets_404(client_as, po, other_location_user):
    url = reverse("orders:send_purchase_order", args=[po.number])
    assert client_as(other_location_user).post(url).status_code == 404
    po.refresh_from_db()
    assert po.sending == "unsent"


def test_bey_7_a_failed_task_is_visible_in_admin_with_its_error(client_as, staff):
    from orders.tasks import email_purchase_order

    email_purchase_order.enqueue(999_999)  # no such purchase order: the task raises
    _work()
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED"
    page = client_as(staff).get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
    )
    assert page.status_code == 200 and "DoesNotExist" in page.content.decode()
