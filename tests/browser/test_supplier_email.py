"""BEY-7 in the browser: Skicka till leverantör on the order page queues the purchase order,
the worker e-mails it over SMTP on loopback, and the page says when, to whom and by whom."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from orders.tests.test_supplier_email import Inbox, _free_port, _smtp_to

pytestmark = pytest.mark.browser


def test_bey_7_send_a_purchase_order_from_the_portal(
    demo, settings, login, a11y, page, live_server
):
    from aiosmtpd.controller import Controller

    from orders.models import PurchaseOrder

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    _smtp_to(settings, controller.port)
    try:
        po = PurchaseOrder.objects.filter(sending="unsent").select_related("order").first()
        login("audionom")
        page.goto(f"{live_server.url}/bestallning/{po.order.number}/")
        a11y.check()
        row = page.locator(".purchase-orders tr").filter(has_text=po.number)
        row.get_by_role("button", name="Skicka till leverantör").click()
        expect(page.get_by_text(f"Inköpsorder {po.number} skickas till")).to_be_visible()
        a11y.check()
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        page.reload()
        row = page.locator(".purchase-orders tr").filter(has_text=po.number)
        expect(row).to_contain_text("av Anna Audionom")
        a11y.check()
        page.screenshot(path="/tmp/po-sent.png", full_page=True)
        assert len(inbox.messages) == 1
    finally:
        controller.stop()
