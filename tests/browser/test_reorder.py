"""BEY-8 in the browser: audionom sets a reorder level in a Lager row (HTMX), filters Lager on
Under minsta saldo, and lets Lagerpåfyllnad suggest a refill cart; axe on each page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bey_8_levels_on_lager_and_a_suggested_refill(demo, login, a11y, page, live_server):
    login("audionom")
    page.goto(f"{live_server.url}/lager/4101/?q=&typ=&saldo=under")
    a11y.check()
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)  # the demo's domes and filters
    expect(rows.first).to_contain_text("Under minsta saldo")
    page.goto(f"{live_server.url}/lager/4101/?q=&typ=&saldo=med")
    a11y.check()
    row = page.locator("#results tbody tr").first
    row.get_by_label(re.compile("^Minsta saldo för")).fill("999")
    row.get_by_label(re.compile("^Fyll på till för")).fill("1000")
    row.get_by_role("button", name=re.compile("^Spara")).click()
    expect(page.locator("#results tbody tr").first).to_contain_text("Under minsta saldo")
    a11y.check()
    page.goto(f"{live_server.url}/bestallning/lagerpafyllnad/")
    a11y.check()
    page.get_by_role("button", name="Föreslå påfyllnad").click()
    expect(page.locator("#flash")).to_contain_text("Föreslagen påfyllnad: 3 artiklar")
    a11y.check()
    page.screenshot(path="/tmp/reorder-cart.png", full_page=True)
