"""BEY-6 in the browser: kollega receives a direct delivery scanning the serial numbers with a
handheld scanner (GS1 as keyboard input), then finds the individual by scanning it again."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bey_6_scan_at_receipt_and_at_look_up(demo, login, a11y, page, live_server):
    from inventory.models import Article
    from orders.models import PurchaseOrder

    aid = Article.objects.get(number="40120")  # hearing_aid_750_only, individual-marked
    po = PurchaseOrder.objects.filter(lines__article=aid, lines__receipt__isnull=True).first()
    login("kollega")
    page.goto(f"{live_server.url}/kvittera/")
    a11y.check()
    page.get_by_label("Inköpsnummer").check()
    page.get_by_label("Nummer", exact=True).fill(po.number)
    page.get_by_role("button", name="Välj").click()
    a11y.check()
    page.get_by_label(re.compile(f"Kvittera rad .*{aid.name}")).check()
    for unit in (1, 2):
        page.get_by_label(re.compile(f"^Individnummer {unit} för")).fill(f"4101-SC{unit}")
        scan = f"]d201{aid.gtin}17281231" + f"10L{unit}\x1d21SC-{unit}"
        page.get_by_label(re.compile(f"^Serienummer {unit} för")).fill(scan)
    page.get_by_role("button", name="Kvittera", exact=True).click()
    expect(page.locator("#flash")).to_contain_text("Kvittensen är registrerad")
    a11y.check()
    page.goto(f"{live_server.url}/individ/")
    a11y.check()
    page.get_by_role("searchbox", name="Sök individ").fill(f"(01){aid.gtin}(21)SC-2")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("4101-SC2")
    expect(page.get_by_text("2028-12-31")).to_be_visible()
    a11y.check()
    page.screenshot(path="/tmp/scan-individual.png", full_page=True)
