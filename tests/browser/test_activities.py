"""Issue 8, activity half, in the browser: audionom registers a warranty repair for Tolvan's
hearing aid and prints it; admin moves it to Påbörjad and comments in admin; audionom sees the
comment and the message and closes it with "Ej garanti"; a BARN installation for the child is
accepted and the same type refused for Tolvan."""

import re

import pytest
from playwright.sync_api import expect

from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser


def _recipient(page, a11y, number):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(number)
    page.get_by_role("button", name="Välj").click()
    a11y.check()


def _new_activity(page, a11y, type_label):
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Aktivitet", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aktivitet")
    page.get_by_label(type_label).check()
    a11y.check()
    page.get_by_role("button", name="Nästa").click()


def test_act_audionom_repairs_tolvans_hearing_aid_admin_works_it_audionom_closes(
    demo, login, a11y, page, browser, live_server
):
    login("audionom")
    _recipient(page, a11y, KEY_RECIPIENTS["adult"])
    _new_activity(page, a11y, "Hörsel – Garantireparation")
    expect(page.locator(".progress [aria-current=step]")).to_have_text("Ange artikel")
    page.get_by_label("Garanti, Aud.avd, SHoD, 718, Region Skåne").check()
    page.get_by_label(re.compile("Hörapparat")).first.check()
    a11y.check()
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label("Önskad åtgärd").fill("Brus i vänster hörapparat.")
    a11y.check()
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label(re.compile("Enhetens adress")).check()
    a11y.check()
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", name="Aktiviteten är skapad")).to_be_visible()
    number = page.get_by_role("status").locator("strong").inner_text()
    a11y.check()

    page.get_by_role("link", name="Gå till aktivitetsdetaljer").click()
    expect(page.get_by_role("heading", name=f"Aktivitet {number}")).to_be_visible()
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Skapa pdf för aktivitet").click()
    page.get_by_label("Kommentar").fill("Skickas med post")
    a11y.check()
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Skapa pdf").click()
    popup = popup_info.value
    response = page.request.get(popup.url)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    popup.close()
    page.keyboard.press("Escape")

    # Hjälpmedel's admin, in a browser of its own, moves it to Påbörjad and comments.
    admin = browser.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.locator("input[name=username]").fill("admin")
    admin.locator("input[name=password]").fill("demo")
    admin.locator("[type=submit]").click()
    admin.wait_for_load_state()
    admin.goto(f"{live_server.url}/admin/activities/activity/?q={number}")
    admin.get_by_role("link", name=number).click()
    admin.get_by_label("Ny status").select_option(label="Påbörjad")
    admin.get_by_label("Ny kommentar").fill("Skickad till leverantören idag.")
    admin.locator("input[name=_save]").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    admin.close()

    page.goto(f"{live_server.url}/aktivitet/{number}/")
    expect(page.get_by_text("Skickad till leverantören idag.")).to_be_visible()
    expect(page.locator("#sections")).to_contain_text("Påbörjad")
    a11y.check()
    page.get_by_role("link", name=re.compile("Meddelanden")).click()
    expect(page.get_by_text(f"Aktivitet {number} har status Påbörjad")).to_be_visible()
    a11y.check()

    page.goto(f"{live_server.url}/aktivitet/{number}/")
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Återrapportera/avsluta aktivitet").click()
    page.get_by_label("Ej garanti").check()
    page.get_by_label("Avsluta", exact=True).check()
    a11y.check()
    page.get_by_role("button", name="Spara ändringar").click()
    expect(page.locator("#sections")).to_contain_text("Avslutad")
    expect(page.locator("#sections")).to_contain_text("Ej garanti")
    a11y.check()


def test_act_barn_installation_for_the_child_refused_for_tolvan(demo, login, a11y, page):
    login("audionom")
    _recipient(page, a11y, KEY_RECIPIENTS["child"])
    _new_activity(page, a11y, "Hörsel – Rep av installerade hörseltekn hjm BARN!")
    a11y.check()
    page.locator("input[name=devices]").first.check()
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label("Önskad åtgärd").fill("Slingan brummar.")
    a11y.check()
    page.get_by_role("button", name="Nästa").click()
    a11y.check()
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", name="Aktiviteten är skapad")).to_be_visible()
    a11y.check()

    _recipient(page, a11y, KEY_RECIPIENTS["adult"])
    _new_activity(page, a11y, "Hörsel – Rep av installerade hörseltekn hjm BARN!")
    expect(page.get_by_role("alert")).to_contain_text("endast barn")
    a11y.check()
