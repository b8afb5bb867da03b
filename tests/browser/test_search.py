"""Issue 18 in the browser: the three Sök tabs share one search (sesam.lib.search) — the
criteria, a header that sorts and sorts back, the results swapped under HTMX, axe on each."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("tab", "count"),
    [
        ("Beställning", r"\d+ beställning"),
        ("Aktivitet", r"\d+ aktivitet"),
        ("Hämtorder", r"\d+ hämtord"),
    ],
)
def test_src_2_act_10_pu_8_search_sort_and_sort_back(demo, login, a11y, live_server, tab, count):
    page = login("audionom")
    page.goto(f"{live_server.url}/sok/")
    a11y.check()
    page.get_by_role("navigation", name="Sök i").get_by_role("link", name=tab, exact=True).click()
    expect(page.get_by_role("status").filter(has_text=re.compile(count))).to_be_visible()
    a11y.check()
    page.get_by_label("Registrerad").select_option("12-manader")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page).to_have_url(re.compile(r"registrerad=12-manader"))
    a11y.check()
    header = page.get_by_role("columnheader", name="Status")
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    a11y.check()
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    a11y.check()
