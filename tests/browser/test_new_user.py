"""Issue 13 in the browser: what a new user stumbled on — Välj adress (ORD-6, REC-5) and the
Låneförbindelse form that checks before it opens its PDF (DOC-1) — axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES
from orders.models import Order
from recipients.demo import KEY_RECIPIENTS
from tests.browser.test_prescribing import _go_to_cart, _order_article, _sent_number, _start_order

pytestmark = pytest.mark.browser
PATIENT_ADDRESS = re.compile("^Patientens folkbokföringsadress")
UNIT_ADDRESS = re.compile("^Mottagningens.enhetens adress")  # (a "/" upsets Playwright)


def test_ord_6_audionom_picks_tolvans_address_and_the_order_shows_it(demo, login, a11y, page):
    login("audionom")
    _start_order(page, a11y, personnummer=KEY_RECIPIENTS["adult"])
    _order_article(page, a11y, KEY_ARTICLES["hearing_aid_central"])
    _go_to_cart(page, a11y)
    page.get_by_role("link", name="Nästa").click()
    expect(page.get_by_role("radio", name=UNIT_ADDRESS)).to_be_checked()
    page.get_by_role("radio", name=PATIENT_ADDRESS).check()
    expect(page.get_by_label("Adress", exact=True)).to_have_value(re.compile("Klostergatan 12"))
    expect(page.get_by_label("Leveranssätt")).to_have_value("to_patient")
    a11y.check()
    page.get_by_role("button", name="Skicka beställning").click()
    number = _sent_number(page, a11y)
    page.get_by_role("link", name="Gå till beställningsdetaljer").click()
    expect(page.get_by_text("Klostergatan 12")).to_be_visible()
    a11y.check()
    order = Order.objects.get(number=number)
    assert (order.delivery_method, order.delivery_address.splitlines()[1]) == (
        "to_patient",
        "Klostergatan 12",
    )


def test_rec_5_protected_recipient_is_not_offered_their_address(demo, login, a11y, page):
    login("audionom")
    _start_order(page, a11y, personnummer=KEY_RECIPIENTS["protected"])
    _order_article(page, a11y, KEY_ARTICLES["hearing_aid_central"])
    _go_to_cart(page, a11y)
    page.get_by_role("link", name="Nästa").click()
    expect(page.get_by_role("radio", name=UNIT_ADDRESS)).to_be_checked()
    expect(page.get_by_role("radio", name=PATIENT_ADDRESS)).to_have_count(0)
    # REC-D122: no manual address either; the field shows the unit's, read-only.
    expect(page.get_by_role("radio", name="Ange adress manuellt")).to_have_count(0)
    expect(page.get_by_label("Adress", exact=True)).not_to_be_editable()
    a11y.check()
    page.screenshot(path="/tmp/hard-data-protected-delivery.png", full_page=True)
    page.get_by_role("button", name="Skicka beställning").click()
    order = Order.objects.get(number=_sent_number(page, a11y))
    assert order.delivery_address == "\n".join(order.service_location.address_lines)


def test_doc_1_loan_agreement_is_checked_before_its_tab_opens(demo, login, a11y, page):
    popups = []
    page.on("popup", lambda popup: popups.append(popup))
    login("audionom")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS["adult"])
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name="Tolvan Tolvansson")).to_be_visible()
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Låneförbindelse").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    a11y.check()

    dialog.get_by_role("button", name="Skapa pdf").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Välj minst ett hjälpmedel att ta med på dokumentet."
    )
    expect(dialog.get_by_role("alert")).to_be_focused()
    a11y.check()
    assert popups == []

    dialog.get_by_role("checkbox").first.check()
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Skapa pdf").click()
    expect(dialog.get_by_role("link", name="Öppna pdf")).to_be_visible()
    a11y.check()
    response = page.request.get(popup_info.value.url)
    assert response.headers["content-type"] == "application/pdf"
    assert len(popups) == 1


def test_ord_d121_a_full_week_is_told_in_swedish_and_nothing_is_sent(demo, login, a11y, page):
    from django.utils import timezone

    from sesam.lib.numbers import week_key
    from sesam.models import NumberSeries

    login("audionom")
    _start_order(page, a11y, personnummer=KEY_RECIPIENTS["adult"])
    _order_article(page, a11y, KEY_ARTICLES["hearing_aid_central"])
    _go_to_cart(page, a11y)
    page.get_by_role("link", name="Nästa").click()
    a11y.check()
    week = week_key(timezone.localdate())
    NumberSeries.objects.update_or_create(week=week, defaults={"last": 9999})
    page.get_by_role("button", name="Skicka beställning").click()
    expect(page.get_by_role("heading", name="Numren är slut")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(f"Vecka {week} har slut på nummer")
    a11y.check()
    page.screenshot(path="/tmp/hard-data-series-full.png", full_page=True)
    assert Order.objects.filter(status="draft").count() == 1
