"""ACC-11 end to end: "Logga in med SITHS" through the development identity provider
(devidp/, a real server on a free loopback port), with axe on its pages too."""

import re

import pytest
from playwright.sync_api import expect

from tests.devidp import running_devidp

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def devidp(live_server, tmp_path_factory):
    key_file = tmp_path_factory.mktemp("devidp") / "signing-key.pem"
    with running_devidp(portal_url=live_server.url, key_file=key_file) as url:
        yield url


@pytest.fixture
def siths(devidp, settings, demo):
    settings.SESAM_OIDC_ISSUER = f"{devidp}/o"
    settings.OIDC_RP_CLIENT_ID = "sesam"
    settings.OIDC_RP_CLIENT_SECRET = "sesam-development-secret"
    csp = {**settings.SECURE_CSP}
    csp["form-action"] = [*csp["form-action"], devidp]
    settings.SECURE_CSP = csp
    return devidp


def _to_the_provider(page, live_server, a11y, devidp):
    page.goto(f"{live_server.url}/logga-in/")
    a11y.check()
    page.get_by_role("link", name="Logga in med SITHS").click()
    page.wait_for_url(re.compile(re.escape(devidp) + "/logga-in/"))
    a11y.check()


def test_acc_11_sign_in_with_an_assignment_lands_on_its_location(page, live_server, a11y, siths):
    _to_the_provider(page, live_server, a11y, siths)
    page.get_by_role("button", name="Anna Audionom, uppdrag Hörselmottagningen Malmö").click()
    page.wait_for_url(f"{live_server.url}/")
    a11y.check()
    expect(page.locator(".topbar")).to_contain_text("Anna Audionom")
    expect(page.locator(".topbar")).to_contain_text("Hörselmottagningen Malmö")


def test_acc_11_logout_ends_both_sessions(page, live_server, a11y, siths):
    _to_the_provider(page, live_server, a11y, siths)
    page.get_by_role("button", name="Karl Kollega, uppdrag Hörselmottagningen Lund").click()
    page.wait_for_url(f"{live_server.url}/")
    a11y.check()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{live_server.url}/logga-in/")
    a11y.check()
    page.goto(f"{live_server.url}/mina-sidor/")
    page.wait_for_url(re.compile(r"/logga-in/\?next="))
    a11y.check()
    # The provider asks again: its session ended too.
    page.get_by_role("link", name="Logga in med SITHS").click()
    page.wait_for_url(re.compile(re.escape(siths) + "/logga-in/"))
    a11y.check()
    expect(page.get_by_role("heading", name="Vem vill du logga in som?")).to_be_visible()


def test_acc_11_unknown_person_sees_the_refusal(page, live_server, a11y, siths):
    _to_the_provider(page, live_server, a11y, siths)
    page.get_by_role("button", name="Okänd Okändsson, uppdrag Hörselmottagningen Lund").click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + "/oidc/callback/"))
    a11y.check()
    expect(page.get_by_role("heading", name="Ingen behörighet")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Du saknar behörighet i Sesam – beställ")
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/logga-in/"))
    a11y.check()


def test_acc_11_with_password_login_off_admin_signs_in_through_the_provider(
    page, live_server, a11y, siths, settings
):
    settings.SESAM_PASSWORD_LOGIN = False
    page.goto(f"{live_server.url}/logga-in/")
    a11y.check()
    expect(page.get_by_label("Lösenord")).to_have_count(0)
    # Django admin (not axe-checked here: its pages are Django's) in a tab of the same browser.
    admin = page.context.new_page()
    admin.goto(f"{live_server.url}/admin/")
    admin.wait_for_url(re.compile(re.escape(siths) + "/logga-in/"))
    a11y.check(admin)
    admin.get_by_role("button", name="Hjälpmedel administratör, uppdrag Hjälpmedel Skåne").click()
    admin.wait_for_url(f"{live_server.url}/admin/")
    expect(admin.get_by_role("heading", name="Administration")).to_be_visible()
