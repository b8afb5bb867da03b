"""BEY-3 in the browser on the demo region: audionom orders 40110 centrally for Tolvan, is
offered the refurbished individual in 70 (Återanvänd individ) and takes it; the line removed
releases it, and ordering 40110 again the offer is declined with a reason. Axe on every page
and dialog; screenshots in /tmp/shots-reuse/."""

import pathlib
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS
from orders.models import OrderLine
from tests.browser.test_prescribing import _go_to_cart, _start_order

pytestmark = pytest.mark.browser
SHOTS = pathlib.Path("/tmp/shots-reuse")
ARIA = KEY_ARTICLES["hearing_aid_central"]
REFURBISHED = KEY_INDIVIDUALS["refurbished"]


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _open_dialog(page, a11y):
    page.get_by_role("searchbox", name="Sök artikel").fill(ARIA)
    row = page.get_by_role("row").filter(has_text=ARIA)
    row.get_by_role("link", name="Beställ", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    a11y.check()
    return dialog


def test_bey_3_audionom_takes_the_refurbished_40110_and_next_time_declines_it(
    demo, login, page, live_server, a11y
):
    login("audionom")
    _start_order(page, a11y)
    dialog = _open_dialog(page, a11y)
    offer = dialog.locator("#reuse")
    expect(offer).to_contain_text("Återanvänd individ")
    expect(offer.get_by_role("row").filter(has_text=REFURBISHED)).to_contain_text("2 år")
    expect(offer).to_contain_text("Garanti till")
    _shot(page, "bey-3-offer")
    offer.get_by_role("button", name=f"Återanvänd individ {REFURBISHED}").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#flash")).to_contain_text("som återanvänd individ")
    _go_to_cart(page, a11y)
    row = page.get_by_role("row").filter(has_text=REFURBISHED)
    expect(row).to_contain_text("Återanvänd individ")
    _shot(page, "bey-3-cart")

    row.get_by_role("button", name=re.compile("^Ta bort")).click()  # releases the individual
    expect(page.get_by_role("row").filter(has_text=REFURBISHED)).to_have_count(0)
    a11y.check()
    page.goto(f"{live_server.url}{reverse('orders:add_articles')}")
    a11y.check()
    dialog = _open_dialog(page, a11y)
    expect(dialog.locator("#reuse")).to_contain_text(REFURBISHED)
    dialog.get_by_label("Hjälpmedelsverksamhet", exact=True).check()
    dialog.get_by_role("button", name="Fortsätt", exact=True).click()
    expect(dialog.get_by_text(re.compile("skriv varför en ny ska beställas"))).to_be_visible()
    a11y.check()
    _shot(page, "bey-3-declined-needs-a-reason")
    dialog.get_by_label("Skäl att inte återanvända").fill("Patienten behöver en ny, svart")
    dialog.get_by_role("button", name="Fortsätt", exact=True).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    line = OrderLine.objects.get(order__orderer__username="audionom", order__status="draft")
    assert (line.reused, line.reuse_declined) == (False, "Patienten behöver en ny, svart")
