"""Issue 20 in the browser (BEY-1 …): rules at order time on the demo region — axe on every
page and dialog visited; screenshots in /tmp/shots-order-rules/ for a person to look at."""

import pathlib
import re

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES
from recipients.demo import KEY_RECIPIENTS
from tests.browser.test_activities import _new_activity, _recipient
from tests.browser.test_prescribing import _go_to_cart, _order_article, _start_order

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


def test_bey_4_warranty_on_the_list_and_a_confirmed_repair_out_of_it(demo, login, page, a11y):
    login("audionom")
    _recipient(page, a11y, KEY_RECIPIENTS["adult"])
    expect(page.locator("#recipient-tabs")).to_contain_text("Garanti till")
    _recipient(page, a11y, KEY_RECIPIENTS["elderly"])
    expect(page.locator("#recipient-tabs")).to_contain_text("Garantin har gått ut")
    _shot(page, "bey-4-hjalpmedel")
    _new_activity(page, a11y, "Hörsel – Garantireparation")
    page.get_by_label("Garanti, Aud.avd, SHoD, 718, Region Skåne").check()
    page.get_by_label(re.compile("Radiosystem")).check()
    a11y.check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_role("alert")).to_contain_text("Garantin har gått ut för")
    a11y.check()
    _shot(page, "bey-4-confirm")
    page.get_by_label("Garantin har gått ut – registrera ändå som garantireparation").check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_label("Önskad åtgärd")).to_be_visible()
    a11y.check()


def test_likvardiga_artiklar_in_the_line_dialog_and_on_the_article_page(
    demo, login, page, live_server, a11y
):
    login("audionom")
    _start_order(page, a11y)
    aria = KEY_ARTICLES["hearing_aid_central"]
    page.get_by_role("searchbox", name="Sök artikel").fill(aria)
    page.get_by_role("row").filter(has_text=aria).get_by_role("link", name="Beställ").click()
    dialog = page.get_by_role("dialog")
    substitutes = dialog.locator(".substitutes")
    expect(substitutes).to_contain_text("Likvärdiga artiklar")
    expect(substitutes).to_contain_text("Saldo eget förråd")
    a11y.check()
    _shot(page, "substitutes-line-dialog")
    first = substitutes.get_by_role("row").nth(1)
    number = first.get_by_role("cell").first.inner_text()
    first.get_by_role("link", name="Beställ").click()
    expect(page.get_by_role("dialog")).to_contain_text(f"Artikel {number}")
    a11y.check()
    page.goto(f"{live_server.url}/artikel/{aria}/")
    expect(page.locator(".substitutes")).to_contain_text("Saldo 70")
    a11y.check()


def test_bey_12_the_cart_suggests_the_charger_with_40110_and_one_click_adds_it(
    demo, login, page, a11y
):
    login("audionom")
    _start_order(page, a11y)
    _order_article(page, a11y, KEY_ARTICLES["hearing_aid_central"])
    _go_to_cart(page, a11y)
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Brukar förskrivas med")
    expect(suggestions).to_contain_text("Laddare Aria RIC")
    _shot(page, "bey-12-cart")
    suggestions.get_by_role("button", name="Lägg till Laddare Aria RIC").click()
    expect(page.get_by_role("row").filter(has_text=KEY_ARTICLES["charger"])).to_have_count(1)
    a11y.check()


def test_bey_2_hand_out_on_trial_and_turn_tolvans_trial_into_a_prescription(
    demo, login, page, a11y
):
    login("audionom")
    _start_order(page, a11y)
    _order_article(page, a11y, KEY_ARTICLES["hearing_aid_central"])
    _go_to_cart(page, a11y)
    page.get_by_role("link", name="Nästa").click()
    page.get_by_label(re.compile("Lämna ut på prov")).check()
    expect(page.get_by_label("Prov till")).not_to_have_value("")
    a11y.check()
    page.get_by_role("button", name="Skicka beställning").click()
    expect(page.get_by_role("status")).to_contain_text("Beställningen är skickad")
    a11y.check()
    _recipient(page, a11y, KEY_RECIPIENTS["adult"])
    row = page.get_by_role("row").filter(has_text="På prov till")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.locator("#trial")).to_contain_text("På prov till")
    a11y.check()
    _shot(page, "bey-2-trial")
    page.locator("#trial").get_by_role("button", name="Förskriv").click()
    expect(page.get_by_text(re.compile("är förskriven"))).to_be_visible()
    expect(page.locator("#trial")).to_have_count(0)
    a11y.check()
