"""BEY-10 in the browser on the demo region: audionom's start page shows the work waiting at
Lund as tiles; each tile's link opens the search that shows as many rows as the tile says —
with the mouse and with the keyboard alone, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOTS = "/tmp/tiles"


def test_bey_10_start_page_tiles_link_to_their_searches(demo, login, a11y, page, live_server):
    page.set_viewport_size({"width": 1366, "height": 900})
    login("audionom")
    expect(page.get_by_role("heading", name="Att göra på Hörselmottagningen Lund")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/start.png", full_page=True)
    link = page.get_by_role("link", name=re.compile("Öppna aktiviteter"))
    count = link.locator(".tile-count").inner_text()
    expect(link).to_have_accessible_description(re.compile("Tilldelad: 2"))
    link.click()
    expect(page.locator(".result-count")).to_have_text(f"{count} aktiviteter")
    expect(page.get_by_label("Status")).to_have_value("oppna")
    a11y.check()
    page.go_back()
    a11y.check()
    link = page.get_by_role("link", name=re.compile("Okvitterade direktleveranser"))
    count = link.locator(".tile-count").inner_text()
    link.click()
    expect(page.locator(".result-count")).to_contain_text(f"{count} beställning")
    a11y.check()


def test_bey_10_tiles_with_the_keyboard(demo, login, a11y, page, live_server):
    login("audionom")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('tile-link')"):
            break
    else:
        raise AssertionError("no tile is reachable with Tab")
    focused = page.evaluate("() => document.activeElement.innerText")
    assert "Okvitterade direktleveranser" in focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/**")
    expect(page.get_by_label("Visa okvitterade direktleveranser")).to_be_checked()
    a11y.check()
