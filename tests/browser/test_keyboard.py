"""Keyboard only (WCAG 2.1.1, the accessibility statement): a user signs in, opens a top-bar
menu and finds a recipient without a mouse; focus is always visible on a real element."""

import pytest
from playwright.sync_api import expect

from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser


def _tab_to(page, name, limit=40):
    """Presses Tab until the focused element's accessible text is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return ((e.labels && e.labels[0] && e.labels[0].innerText) || e.innerText"
            " || e.getAttribute('aria-label') || '').trim(); }"
        )
        if focused == name:
            return
    raise AssertionError(f"{name!r} is not reachable with Tab")


def test_keyboard_sign_in_open_a_menu_and_find_a_recipient(demo, a11y, page, live_server):
    page.goto(f"{live_server.url}/logga-in/")
    a11y.check()
    _tab_to(page, "RS-id")
    page.keyboard.type("audionom")
    _tab_to(page, "Lösenord")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    a11y.check()
    _tab_to(page, "Mer…")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Kontaktuppgifter till leverantörer")).to_be_visible()
    page.keyboard.press("Escape")
    _tab_to(page, "Mottagare")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mottagare/**")
    a11y.check()
    page.keyboard.type(KEY_RECIPIENTS["adult"])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tolvan")
    a11y.check()
