"""BEY-15 end to end at a phone's viewport: Tolvan signs in with "BankID" through the
development identity provider (devidp/, a real server on a free loopback port), sees his
hearing aids, the trial's end, the charger kit's invoice, reads who looked at his data and
signs out; a child and a person unknown to sesam get their own pages. Axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.devidp import running_devidp

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def devidp(live_server, tmp_path_factory):
    key_file = tmp_path_factory.mktemp("devidp") / "signing-key.pem"
    with running_devidp(portal_url=live_server.url, key_file=key_file) as url:
        yield url


@pytest.fixture
def bankid(devidp, settings, demo):
    settings.SESAM_PATIENT_OIDC_ISSUER = f"{devidp}/o"
    settings.SESAM_PATIENT_OIDC_CLIENT_ID = "sesam-patient"
    settings.SESAM_PATIENT_OIDC_CLIENT_SECRET = "sesam-patient-development-secret"
    csp = {**settings.SECURE_CSP}
    csp["form-action"] = [*csp["form-action"], devidp]
    settings.SECURE_CSP = csp
    return devidp


def _fits_the_phone(page):
    """WCAG 1.4.10 Reflow: nothing scrolls sideways at 390 CSS pixels."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def _sign_in_as(page, live_server, a11y, devidp, who):
    page.goto(f"{live_server.url}/patient/")
    page.wait_for_url(f"{live_server.url}/patient/logga-in/")
    a11y.check()
    _fits_the_phone(page)
    page.get_by_role("link", name="Logga in med BankID").click()
    page.wait_for_url(re.compile(re.escape(devidp) + "/logga-in/"))
    a11y.check()
    page.get_by_role("button", name=f"{who} med BankID").click()


def test_bey_15_tolvan_sees_his_devices_charges_and_who_looked(page, live_server, a11y, bankid):
    _sign_in_as(page, live_server, a11y, bankid, "Tolvan Tolvansson")
    page.wait_for_url(f"{live_server.url}/patient/")
    a11y.check()
    _fits_the_phone(page)
    expect(page.get_by_role("heading", name="Mina hjälpmedel", level=1)).to_be_visible()
    have = page.get_by_role("region", name="Hjälpmedel du har")
    expect(have.get_by_role("heading", name=re.compile("Hörapparat")).first).to_be_visible()
    expect(have).to_contain_text("Individnummer")
    expect(have).to_contain_text("På prov till")
    expect(have).to_contain_text(re.compile(r"Till och med \d{4}-\d{2}-\d{2}"))
    expect(page.get_by_role("region", name="Reparationer och ärenden")).to_contain_text("Pågår")
    page.screenshot(path="/tmp/patient-home.png", full_page=True)

    page.get_by_role("link", name="Avgifter och fakturor").click()
    page.wait_for_url(f"{live_server.url}/patient/avgifter/")
    a11y.check()
    _fits_the_phone(page)
    invoices = page.get_by_role("region", name="Fakturor")
    expect(invoices.get_by_role("heading", name=re.compile(r"Faktura \d+"))).to_be_visible()
    expect(invoices).to_contain_text("Laddkit")
    expect(page.get_by_role("region", name="Kommande avgifter")).to_contain_text("Laddare")

    page.get_by_role("link", name="Vem har tittat på mina uppgifter").click()
    page.wait_for_url(f"{live_server.url}/patient/vem-har-tittat/")
    a11y.check()
    _fits_the_phone(page)
    expect(page.locator(".p-log")).to_contain_text("Du själv")
    page.get_by_label("Från och med").fill("2026-01-01")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_url(re.compile(r"/patient/vem-har-tittat/\?fran=2026-01-01"))
    a11y.check()
    expect(page.get_by_role("link", name=re.compile("Hämta som PDF"))).to_be_visible()
    page.screenshot(path="/tmp/patient-log.png", full_page=True)

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/patient/logga-in/")
    a11y.check()
    page.goto(f"{live_server.url}/patient/avgifter/")
    page.wait_for_url(f"{live_server.url}/patient/logga-in/")
    a11y.check()


def test_bey_15_tolvan_reports_a_fault_that_lunds_audionom_sees_in_att_gora(
    page, live_server, a11y, bankid, login
):
    _sign_in_as(page, live_server, a11y, bankid, "Tolvan Tolvansson")
    page.wait_for_url(f"{live_server.url}/patient/")
    a11y.check()
    first = page.get_by_role("region", name="Hjälpmedel du har").locator("article").first
    first.get_by_role("link", name="Anmäl fel").click()
    page.wait_for_url(re.compile(r"/patient/hjalpmedel/\d+/anmal-fel/"))
    a11y.check()
    _fits_the_phone(page)
    page.get_by_label("Vad är fel?").fill("Det susar i vänster öra sedan i måndags.")
    page.get_by_role("button", name="Skicka felanmälan").click()
    page.wait_for_url(f"{live_server.url}/patient/arenden/")
    a11y.check()
    _fits_the_phone(page)
    expect(page.get_by_role("status")).to_contain_text("Din felanmälan är skickad till")
    expect(page.locator(".p-list")).to_contain_text("Skickad – mottagningen har inte svarat än")
    page.screenshot(path="/tmp/patient-requests.png", full_page=True)
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/patient/logga-in/")
    a11y.check()

    login("audionom")
    page.goto(f"{live_server.url}/mina-sidor/")
    a11y.check()
    page.get_by_role("link", name=re.compile("Förfrågningar från patienter")).click()
    page.wait_for_url(f"{live_server.url}/patientforfragningar/")
    a11y.check()
    expect(page.get_by_text("Det susar i vänster öra sedan i måndags.")).to_be_visible()


def test_bey_15_a_child_is_told_guardians_cannot_sign_in(page, live_server, a11y, bankid):
    _sign_in_as(page, live_server, a11y, bankid, "Elsa Nilsson")
    page.wait_for_url(re.compile(re.escape(live_server.url) + "/patient/oidc/callback/"))
    a11y.check()
    _fits_the_phone(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tjänsten är för dig som är 18 år eller äldre"
    )
    page.get_by_role("link", name="Logga ut från e-legitimationen").click()
    page.wait_for_url(f"{live_server.url}/patient/logga-in/")
    a11y.check()


def test_bey_15_a_stranger_finds_no_devices(page, live_server, a11y, bankid):
    _sign_in_as(page, live_server, a11y, bankid, "Olle Okänd")
    page.wait_for_url(re.compile(re.escape(live_server.url) + "/patient/oidc/callback/"))
    a11y.check()
    expect(page.get_by_role("heading", name="Vi hittar inga hjälpmedel för dig")).to_be_visible()
