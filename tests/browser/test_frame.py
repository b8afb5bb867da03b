"""Issue 2 in the browser: log in, the top bar, Inställning kept, Mina sidor inline edit."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_1_top_bar_shows_name_and_default_location(demo, login, a11y):
    page = login("audionom")
    me = page.get_by_role("link", name="Anna Audionom")
    expect(me).to_contain_text("Hörselmottagningen Lund")
    for name in ["Mottagare", "Individ", "Meddelanden", "Hjälp", "Inställning"]:
        expect(
            page.get_by_role("navigation", name="Huvudmeny")
            .get_by_role("link", name=name, exact=False)
            .first
        ).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def test_home_3_settings_saved_and_kept(demo, login, a11y, live_server):
    page = login("audionom")
    page.get_by_role("link", name="Inställning").click()
    a11y.check()
    page.get_by_label("Eget förråd").check()
    page.get_by_role("button", name="Spara inställningar").click()
    expect(page.get_by_role("status")).to_contain_text("Inställningarna är sparade")
    a11y.check()
    page.goto(f"{live_server.url}/")
    a11y.check()
    page.get_by_role("link", name="Inställning").click()
    expect(page.get_by_label("Eget förråd")).to_be_checked()
    a11y.check()


def test_home_4_my_page_phone_inline_edit(demo, login, a11y):
    page = login("audionom")
    page.get_by_role("link", name="Anna Audionom").click()
    a11y.check()
    page.get_by_role("link", name="Ändra telefon").click()
    page.get_by_label("Telefon").fill("046-99 99 99")
    a11y.check()
    page.get_by_role("button", name="Spara telefon").click()
    expect(page.locator("#profile-phone")).to_contain_text("046-99 99 99")
    a11y.check()
    page.reload()
    expect(page.locator("#profile-phone")).to_contain_text("046-99 99 99")
    a11y.check()


def test_acc_2_switch_active_service_location(demo, login, a11y):
    page = login("audionom")
    page.get_by_text("Byt tjänsteställe").click()
    page.get_by_label("Hörselmottagningen Malmö").check()
    page.get_by_role("button", name="Byt", exact=True).click()
    expect(page.get_by_role("link", name="Anna Audionom")).to_contain_text(
        "Hörselmottagningen Malmö"
    )
    a11y.check()
