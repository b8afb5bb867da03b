"""Issue 17 in the browser: a user linked to no service location gets the clear page (ACC-D105),
and another unit's individual offers no change (ACC-D104) — axe on every page."""

import pytest
from playwright.sync_api import expect

from inventory.models import Individual

pytestmark = pytest.mark.browser


def test_acc_2_admin_without_location_is_told_and_led_to_admin(demo, login, a11y, page):
    login("admin")
    expect(page.get_by_role("heading", name="Ingen serviceenhet")).to_be_visible()
    expect(page.get_by_text("kontakta Hjälpmedel")).to_be_visible()
    page.screenshot(path="/tmp/ha/no-location.png", full_page=True)
    expect(page.get_by_role("link", name="Till administrationen")).to_have_attribute(
        "href", "/admin/"
    )


def test_acc_6_a_central_individual_offers_no_change_to_a_unit(
    demo, login, a11y, page, live_server
):
    central = Individual.objects.filter(warehouse__number="70").order_by("pk").first()
    login("annan")
    page.goto(f"{live_server.url}/individ/{central.pk}/")
    expect(page.get_by_role("heading", name=central.number)).to_be_visible()
    a11y.check()
    page.screenshot(path="/tmp/ha/central-individual.png", full_page=True)
    expect(page.get_by_role("link", name="Ändra SIP-nummer")).to_have_count(0)
    expect(page.get_by_role("link", name="Byte av individnummer")).to_have_count(0)
