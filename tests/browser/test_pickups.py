"""Issue 8, pickup orders, in the browser on the demo region: `kollega` creates a pickup order
for two of Tolvan's hearing aids and prints the slip; `admin` registers the arrival in admin;
the devices show under Återlämnat and an individual lies in 70 again — axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES
from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser


def _open_tolvan(page, a11y):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS["adult"])
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name="Tolvan Tolvansson")).to_be_visible()
    a11y.check()


def _logout(page):
    page.get_by_role("button", name="Logga ut").click()


def test_pu_kollega_creates_a_pickup_order_admin_closes_it(demo, login, a11y, page, live_server):
    from recipients.models import Device

    login("kollega")
    _open_tolvan(page, a11y)
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Hämtorder", exact=True).click()
    expect(page.get_by_role("heading", name="Hämtorderorsak")).to_be_visible()
    expect(page.get_by_label("Skickas till centrallager med post")).to_be_checked()
    expect(page.get_by_label("Tjänsteställe")).to_have_value(re.compile(r"\d+"))
    a11y.check()
    page.get_by_role("button", name="Nästa").click()

    rows = page.get_by_role("row").filter(has_text=KEY_ARTICLES["hearing_aid_central"])
    expect(rows).to_have_count(2)
    a11y.check()
    for index in range(2):
        rows.nth(index).get_by_role("checkbox").check()
    page.get_by_role("button", name="Nästa").click()

    expect(page.get_by_label("Kontaktuppgifter")).to_have_value(re.compile("Karl Kollega"))
    page.get_by_label("Felbeställning").check()
    page.get_by_label("Kommentar").fill("Fel modell beställd.")
    a11y.check()
    page.get_by_role("button", name="Skapa hämtorder").click()

    heading = page.get_by_role("heading", name=re.compile(r"Hämtorder \d{8} är skapad"))
    expect(heading).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Checklista vid retur"))).to_be_visible()
    a11y.check()
    number = re.search(r"\d{8}", heading.inner_text()).group()
    with page.expect_popup() as popup_info:
        page.get_by_role("link", name=re.compile("Visa utskrift")).click()
    popup = popup_info.value
    response = page.request.get(popup.url)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    popup.close()
    _logout(page)

    login("admin")
    page.goto(f"{live_server.url}/admin/activities/pickuporder/")
    a11y.check()
    page.get_by_role("link", name=number).click()
    a11y.check()
    page.get_by_role("button", name="Registrera ankomst").click()
    expect(page.get_by_text("Ankomsten är registrerad")).to_be_visible()
    a11y.check()
    _logout(page)

    login("kollega")
    _open_tolvan(page, a11y)
    page.get_by_role("navigation", name="Mottagarens flikar").get_by_role(
        "link", name=re.compile("Återlämnat")
    ).click()
    returned = page.get_by_role("row").filter(has_text=KEY_ARTICLES["hearing_aid_central"])
    expect(returned).to_have_count(2)
    a11y.check()
    device = Device.objects.filter(
        recipient__personnummer=KEY_RECIPIENTS["adult"], status="returned"
    ).first()
    page.goto(f"{live_server.url}/individ/{device.individual_id}/")
    expect(page.get_by_text(re.compile(r"På lager \(70"))).to_be_visible()
    a11y.check()
