"""Issue 20 in the browser (BEY-1 …): rules at order time on the demo region — axe on every
page and dialog visited; screenshots in /tmp/shots-order-rules/ for a person to look at."""

import pathlib

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES
from tests.browser.test_prescribing import _start_order

pytestmark = pytest.mark.browser
SHOTS = pathlib.Path("/tmp/shots-order-rules")
OSSO = KEY_ARTICLES["bone_anchored"]


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_bey_1_the_secretary_cannot_order_an_osso_in_annas_name(demo, login, page, a11y):
    login("sekreterare")
    _start_order(page, a11y, prescriber="audionom – Anna Audionom")
    page.get_by_role("searchbox", name="Sök artikel").fill("Osso")
    row = page.get_by_role("row").filter(has_text=OSSO)
    expect(row).to_contain_text("Utanför din förskrivningsrätt")
    a11y.check()
    _shot(page, "bey-1-ange-artiklar")
    row.get_by_role("link", name="Beställ", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("22 06 21")
    expect(dialog.get_by_role("button", name="Fortsätt")).to_have_count(0)
    a11y.check()
    _shot(page, "bey-1-line-dialog")


def test_bey_1_the_article_page_says_why(demo, login, page, live_server, a11y):
    login("audionom")
    page.goto(f"{live_server.url}/artikel/{OSSO}/")
    expect(page.locator("#outside-rights")).to_contain_text("Audionom får inte förskriva")
    a11y.check()
