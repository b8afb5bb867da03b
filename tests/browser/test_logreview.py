"""Logggranskning in the browser (BEY-11): a reviewer draws a sample, questions an access with a
comment, searches the log by personnummer and opens the patient's extract; axe on each page."""

import pytest
from playwright.sync_api import expect

from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser


@pytest.fixture
def accesses(demo):
    from recipients.models import Recipient
    from sesam.models import ServiceLocation, User
    from sesam.services import log_access

    tolvan = Recipient.objects.get(personnummer=KEY_RECIPIENTS["adult"])
    anna = User.objects.get(username="audionom")
    lund = ServiceLocation.objects.get(name="Hörselmottagningen Lund")
    for action in ("view", "loan_agreement_pdf"):
        log_access(by=anna, service_location=lund, recipient=tolvan, action=action)
    return tolvan


def test_bey_11_review_a_sample_and_print_an_extract(accesses, login, a11y, page, live_server):
    login("admin")  # Hjälpmedel's staff: no service location, the tool in the top bar
    page.get_by_role("link", name="Logggranskning").click()
    a11y.check()
    page.get_by_role("link", name="Stickprov").click()
    a11y.check()
    page.get_by_label("Antal åtkomster").fill("5")
    page.get_by_label("Slumpfrö (valfritt)").fill("11")
    page.get_by_role("button", name="Dra stickprov").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stickprov")
    a11y.check()
    first = page.locator("tbody tr").first
    first.get_by_label("Ifrågasatt").check()
    first.get_by_label("Kommentar").fill("Ingen vårdrelation")
    first.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("Ifrågasatt")
    a11y.check()
    page.screenshot(path="/tmp/logreview-sample.png", full_page=True)
    page.get_by_role("link", name="Tillbaka till stickproven").click()
    a11y.check()
    page.get_by_role("link", name="Sök i loggen").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS["adult"])
    page.get_by_role("button", name="Sök").click()
    expect(page.locator(".result-count")).to_contain_text("åtkomster")
    a11y.check()
    page.screenshot(path="/tmp/logreview-search.png", full_page=True)
    href = page.get_by_role("link", name="Loggutdrag (pdf)").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
