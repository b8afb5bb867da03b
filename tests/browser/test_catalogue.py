"""Issue 3 in the browser: find articles (search, catalogue), see stock, open an individual
and change its SIP number — as audionom, with axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS

pytestmark = pytest.mark.browser


def test_art_1_search_hörapparat_and_open_an_article(demo, login, a11y):
    page = login("audionom")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("Artiklar").click()
    page.get_by_role("link", name="Sök artikel").click()
    a11y.check()
    page.get_by_role("searchbox", name="Sök artikel").press_sequentially("hörapparat", delay=20)
    status = page.locator("#search-status")
    expect(status).to_contain_text(re.compile(r"\d+ träffar"))
    a11y.check()  # the results, loaded as you type (HTMX)
    # 50 hits or more: a row's balance loads on demand (ART-3).
    number = KEY_ARTICLES["hearing_aid_central"]
    page.get_by_role("link", name=f"Visa saldo för {number}").click()
    expect(page.locator("tr", has_text=number).locator(".balance")).to_have_text(re.compile(r"\d+"))
    a11y.check()
    page.get_by_role("link", name=number, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hörapparat Aria 5 RIC laddbar, silver"
    )
    expect(page.get_by_text("Ersättningsgrupp")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name="Priser").click()
    expect(page.get_by_text("5 400,00 kr")).to_be_visible()
    a11y.check()


def test_art_8_catalogue_down_to_a_six_digit_level(demo, login, a11y):
    page = login("audionom")
    page.get_by_role("link", name="Visa katalog").click()
    a11y.check()
    page.get_by_role("link", name="22 Hjälpmedel för kommunikation och information").click()
    a11y.check()
    page.get_by_role("link", name="22 06 Hörhjälpmedel").click()
    a11y.check()
    page.get_by_role("link", name="22 06 15 Hörapparater som bärs bakom örat").click()
    expect(
        page.get_by_role("heading", name="22 06 15 Hörapparater som bärs bakom örat")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name=KEY_ARTICLES["hearing_aid_central"], exact=True)
    ).to_be_visible()
    a11y.check()


def test_stk_1_stock_page(demo, login, a11y):
    page = login("audionom")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("Mer…").click()
    page.get_by_role("link", name="Lager", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("4101 Eget förråd Lund"))).to_be_visible()
    expect(page.get_by_role("link", name="Lagersaldorapport")).to_be_visible()
    a11y.check()
    page.get_by_label("Benämning").fill("dome")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator("#stock-status")).to_have_text("1 artikel")
    a11y.check()


def test_ind_3_open_an_individual_and_change_its_sip_number(demo, login, a11y):
    page = login("audionom")
    page.get_by_role("link", name="Individ", exact=True).click()
    a11y.check()
    page.get_by_role("searchbox", name="Sök individ").fill(KEY_INDIVIDUALS["with_sip"])
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("link", name=KEY_INDIVIDUALS["with_sip"])).to_be_visible()
    a11y.check()
    page.get_by_role("link", name=KEY_INDIVIDUALS["with_sip"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Individ {KEY_INDIVIDUALS['with_sip']}"
    )
    # ORD-13: it lies in Lund's own store, so audionom may deliver it.
    expect(page.get_by_role("link", name="Leverera individen")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name="Ändra SIP-nummer").click()
    page.get_by_label("SIP-nummer").fill("46101740699")
    a11y.check()
    page.get_by_role("button", name="Spara SIP-nummer").click()
    expect(page.locator("#sip")).to_contain_text("46101740699")
    expect(page.locator("#sip")).to_contain_text("SIP-numret är sparat.")
    a11y.check()
    page.reload()
    expect(page.locator("#sip")).to_contain_text("46101740699")
    a11y.check()
