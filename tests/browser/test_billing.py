"""Issue 10 in the browser: the recipient page tells the prescriber when a charger is
invoiced (BIL-2), and a Region clinic reports Utprovning avslutad (BIL-5); axe on each page."""

import pytest
from playwright.sync_api import expect

from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser


def _open(page, live_server, key):
    from recipients.models import Recipient

    recipient = Recipient.objects.get(personnummer=KEY_RECIPIENTS[key])
    page.goto(f"{live_server.url}/mottagare/{recipient.pk}/")


def test_bil_2_tolvans_charger_shows_faktureras_2027_01_04(demo, login, a11y, page, live_server):
    login("audionom")
    _open(page, live_server, "adult")
    expect(page.get_by_role("table")).to_contain_text("Faktureras 2027-01-04")
    expect(page.get_by_role("table")).to_contain_text("kan inte längre makuleras")  # the kit
    a11y.check()
    page.screenshot(path="/tmp/billing-recipient.png", full_page=True)


def test_bil_5_utprovning_avslutad_cancels_the_home_region_charge(
    demo, login, a11y, page, live_server
):
    login("audionom")
    _open(page, live_server, "out_of_region")
    expect(page.get_by_text("Hemregionen faktureras 2027-03-01")).to_be_visible()
    a11y.check()
    page.get_by_role("button", name="Utprovning avslutad").click()
    expect(page.get_by_role("status")).to_contain_text("Utprovning avslutad är rapporterad")
    expect(page.get_by_text("Hemregionen faktureras inte för")).to_be_visible()
    a11y.check()
