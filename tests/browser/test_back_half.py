"""Issue 19, the back half as its users see it, in the browser on the demo region with axe on
every page: Hjälpmedel's admin pages in Swedish with the devices on them (19.1); the three
wizards in one shape, walked step by step (19.2), with devices told apart (19.3); lists that
lead somewhere (19.4); a second tab that continues the pickup draft and a colleague's refusal
that names the pickup order (19.5); the count sheet's unit (19.6). SESAM_SHOTS=<dir> keeps a
screenshot of every wizard step there."""

import os
import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SESAM_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _recipient(page, a11y, key="adult"):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS[key])
    page.get_by_role("button", name="Välj").click()
    a11y.check()
    return page.url


def _wizard(page, link):
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name=link, exact=True).click()


def _shape(page, *, submit, back=True):
    """UI-D184: Tillbaka at the left edge (not on a first step), Avbryt then the submit at the
    right edge, in one row."""
    actions = page.locator(".wizard-actions")
    expect(actions).to_have_count(1)
    row = actions.bounding_box()
    cancel = actions.get_by_role("link", name="Avbryt", exact=True).bounding_box()
    button = actions.get_by_role("button", name=submit, exact=True).bounding_box()
    assert cancel["x"] < button["x"]
    assert abs(button["x"] + button["width"] - (row["x"] + row["width"])) < 2
    tillbaka = actions.get_by_role("link", name="Tillbaka", exact=True)
    if back:
        assert abs(tillbaka.bounding_box()["x"] - row["x"]) < 2
    else:
        expect(tillbaka).to_have_count(0)


def _beside(page, label):
    """A radio sits next to its label, not widened to the field's width."""
    radio = page.get_by_label(label, exact=True)
    box = radio.bounding_box()
    text = page.locator(f"label[for='{radio.get_attribute('id')}']").bounding_box()
    assert 0 <= text["x"] - (box["x"] + box["width"]) < 16, (box, text)


def test_issue19_1_admin_pages_are_a_technicians_work_screen_in_swedish(
    demo, login, a11y, page, live_server
):
    login("admin")
    page.goto(f"{live_server.url}/admin/activities/activity/?type__exact=warranty_repair")
    a11y.check()
    page.locator("#result_list tbody th a").first.click()
    devices = page.locator(".field-devices_table table")
    for header in ["Artikelnr", "Individnummer", "Serienummer", "Beställningsnummer", "Garanti"]:
        expect(devices.get_by_role("columnheader", name=header)).to_be_visible()
    expect(devices).to_contain_text("Hörapparat")
    expect(page.locator(".field-requested_action")).not_to_be_empty()
    expect(page.locator(".fieldBox.field-service_location")).to_contain_text("Hörselmottagningen")
    expect(page.get_by_role("link", name="Visa på webbplats")).to_have_count(0)
    events = page.locator("#events-group")
    expect(events).to_contain_text("Tilldelad")
    expect(events).not_to_contain_text("assigned")
    a11y.check()
    _shot(page, "admin-1-activity")

    page.goto(f"{live_server.url}/admin/activities/pickuporder/")
    a11y.check()
    page.locator("#result_list tbody th a").first.click()
    for header in ["Serienummer", "Beställningsnummer", "Garanti"]:
        expect(page.get_by_role("columnheader", name=header)).to_be_visible()
    expect(page.get_by_role("link", name="Visa på webbplats")).to_have_count(0)
    a11y.check()
    _shot(page, "admin-2-pickup")

    page.goto(f"{live_server.url}/admin/inventory/individualevent/")
    for header in ["Individ", "Händelse", "Av"]:
        expect(page.get_by_role("columnheader", name=header, exact=True)).to_be_visible()
    expect(page.get_by_role("columnheader", name="By", exact=True)).to_have_count(0)
    expect(page.locator("#result_list")).not_to_contain_text("returned")
    a11y.check()


def test_issue19_2_3_the_three_wizards_have_one_shape_and_tell_devices_apart(
    demo, login, a11y, page
):
    login("audionom")
    recipient = _recipient(page, a11y)

    _wizard(page, "Aktivitet")
    page.get_by_label("Hörsel – Garantireparation").check()
    _shape(page, submit="Nästa", back=False)
    a11y.check()
    _shot(page, "act-1-skapa-aktivitet")
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_role("columnheader", name="Beställningsnummer")).to_be_visible()
    aids = page.get_by_role("checkbox", name=re.compile(r"Hörapparat .*, individnummer \d+"))
    expect(aids.nth(1)).to_be_visible()  # two or more hearing aids, each named apart
    assert aids.nth(0).get_attribute("id") != aids.nth(1).get_attribute("id")
    _beside(page, "Garanti, Aud.avd, SHoD, 718, Region Skåne")
    _shape(page, submit="Nästa")
    a11y.check()
    _shot(page, "act-2-ange-artikel")
    aids.first.check()
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label("Önskad åtgärd").fill("Brus i vänster hörapparat.")
    _shape(page, submit="Nästa")
    a11y.check()
    _shot(page, "act-3-onskad-atgard")
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label(re.compile("Enhetens adress")).check()
    _shape(page, submit="Skicka")
    a11y.check()
    _shot(page, "act-4-leveransadress")
    page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("heading", name="Aktiviteten är skapad")).to_be_visible()
    a11y.check()
    _shot(page, "act-5-skapad")

    page.goto(recipient)
    _wizard(page, "Hämtorder")
    expect(page.get_by_role("heading", name="Hämtorderorsak", level=2)).to_be_visible()
    expect(page.get_by_text("Hämtorder används när")).to_be_visible()  # no page of its own
    expect(page.locator(".progress li")).to_have_count(3)
    _beside(page, "Skickas till centrallager med post")
    _shape(page, submit="Nästa", back=False)
    a11y.check()
    _shot(page, "pu-1-hamtorderorsak")
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_role("columnheader", name="Beställningsnummer")).to_be_visible()
    aids = page.get_by_role("checkbox", name=re.compile(r"Hörapparat .*, individnummer \d+"))
    expect(aids.nth(1)).to_be_visible()  # two or more hearing aids, each named apart
    _shape(page, submit="Nästa")
    a11y.check()
    _shot(page, "pu-2-ange-artikel")
    aids.last.check()
    page.get_by_role("button", name="Nästa").click()
    _beside(page, "Felbeställning")
    page.get_by_label("Felbeställning").check()
    _shape(page, submit="Skapa hämtorder")
    a11y.check()
    _shot(page, "pu-3-ange-adress")
    page.get_by_role("button", name="Skapa hämtorder").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"Hämtorder \d{8} är skapad"))
    ).to_be_visible()
    a11y.check()
    _shot(page, "pu-4-skapad")

    page.goto(recipient)
    _wizard(page, "Retur")
    _shape(page, submit="Nästa", back=False)
    a11y.check()
    _shot(page, "ret-1-tjanstestalle")
    page.get_by_role("button", name="Nästa").click()
    _shape(page, submit="Returnera artiklar")
    a11y.check()
    _shot(page, "ret-2-valj-hjalpmedel")
    page.get_by_role("checkbox", name=re.compile("^Retur Laddkit")).check()
    page.get_by_role("button", name="Returnera artiklar").click()
    expect(page.get_by_role("heading", name="Returen är registrerad")).to_be_visible()
    a11y.check()
    _shot(page, "ret-3-klart")


def _click_middle(page, cell):
    """A user's click in the middle of a cell (whatever element lies on top there)."""
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_issue19_4_lists_lead_somewhere(demo, login, a11y, page, live_server):
    login("audionom")
    page.goto(f"{live_server.url}/mina-sidor/?flik=pickups")
    expect(page.get_by_role("columnheader", name="Mottagare")).to_be_visible()
    a11y.check()
    row = page.locator("tr.row-link").first
    number = row.get_by_role("link").inner_text()
    _click_middle(page, row.locator("td:not(:has(a))").first)  # a cell without a link
    expect(page.get_by_role("heading", name=f"Hämtorder {number}")).to_be_visible()
    a11y.check()

    page.goto(f"{live_server.url}/mina-sidor/?flik=activities")
    a11y.check()
    row = page.locator("tr.row-link").first
    number = row.get_by_role("link").inner_text()
    _click_middle(page, row.locator("td:not(:has(a))").first)
    expect(page.get_by_role("heading", name=f"Aktivitet {number}")).to_be_visible()
    a11y.check()

    _recipient(page, a11y, "elderly")
    tabs = page.get_by_role("navigation", name="Mottagarens flikar")
    expect(tabs.get_by_role("link", name=re.compile(r"^Aktiviteter \(\d+\)$"))).to_be_visible()
    tabs.get_by_role("link", name=re.compile("Återlämnat")).click()
    expect(page).to_have_url(re.compile(r"flik=aterlamnat"))  # the tab swapped in (HTMX)
    a11y.check()
    page.get_by_role("link", name=re.compile(r"^Hämtorder \d{8}$")).first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Hämtorder \d{8}"))).to_be_visible()
    a11y.check()


def _signed_in_elsewhere(browser, live_server, username):
    """A colleague in a browser of their own (their own session)."""
    other = browser.new_page()
    other.goto(f"{live_server.url}/logga-in/")
    other.get_by_label("RS-id").fill(username)
    other.get_by_label("Lösenord").fill("demo")
    other.get_by_role("button", name="Logga in").click()
    other.wait_for_url(f"{live_server.url}/")
    return other


def test_issue19_5_a_second_tab_continues_the_draft_a_colleague_is_told_which_pickup_took_it(
    demo, login, a11y, page, context, browser, live_server
):
    login("kollega")
    recipient = _recipient(page, a11y)
    second = context.new_page()  # kollega's second tab
    colleague = _signed_in_elsewhere(browser, live_server, "audionom")
    for tab in [page, second, colleague]:
        tab.goto(recipient)
        a11y.check(tab)
        _wizard(tab, "Hämtorder")
        a11y.check(tab)
        tab.get_by_role("button", name="Nästa").click()
        tab.get_by_role("checkbox", name=re.compile(r"individnummer 7000001")).check()
        a11y.check(tab)
        tab.get_by_role("button", name="Nästa").click()
        tab.get_by_label("Felbeställning").check()
        a11y.check(tab)
    assert second.url == page.url != colleague.url  # one draft per user (PU-D620)
    page.get_by_role("button", name="Skapa hämtorder").click()
    heading = page.get_by_role("heading", name=re.compile(r"Hämtorder \d{8} är skapad"))
    number = re.search(r"\d{8}", heading.inner_text()).group()
    a11y.check()
    second.get_by_role("button", name="Skapa hämtorder").click()
    expect(second.get_by_role("heading", name=f"Hämtorder {number} är skapad")).to_be_visible()
    a11y.check(second)
    colleague.get_by_role("button", name="Skapa hämtorder").click()
    expect(colleague.get_by_role("alert")).to_contain_text(
        f"finns redan på den öppna hämtordern {number}, registrerad av Karl Kollega"
    )
    a11y.check(colleague)
    second.close()
    colleague.close()


def test_issue19_6_the_count_sheet_shows_the_unit_beside_rakna_antal(
    demo, login, a11y, page, live_server
):
    from inventory.models import Stocktake

    stocktake = Stocktake.objects.filter(status="started").select_related("warehouse").get()
    login("audionom")
    page.goto(
        f"{live_server.url}/lager/{stocktake.warehouse.number}/inventering/{stocktake.number}/"
    )
    a11y.check()
    response = page.request.get(page.url + "underlag.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    units = re.findall(r" (st|fp)$", text, re.MULTILINE)  # each row ends with its unit
    assert "Räknat antal" in text and {"st", "fp"} <= set(units), text
