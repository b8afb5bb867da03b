"""Issue 4, recipients half, in the browser: look up a recipient from the top bar, tabs, side
panel, phone inline edit, Låneförbindelse PDF; protected identity shows no address."""

import pytest
from playwright.sync_api import expect

from recipients.demo import KEY_RECIPIENTS, RECIPIENTS

pytestmark = pytest.mark.browser


@pytest.fixture
def tolvans_hearing_aid(demo):
    from recipients.models import Recipient
    from recipients.tests.factories import DeviceFactory, IndividualFactory
    from sesam.models import ServiceLocation, User

    individual = IndividualFactory(number="HA-2026-0042", article__name="Hörapparat Demo BTE")
    return DeviceFactory(
        recipient=Recipient.objects.get(personnummer=KEY_RECIPIENTS["adult"]),
        article=individual.article,
        individual=individual,
        prescriber=User.objects.get(username="audionom"),
        service_location=ServiceLocation.objects.get(code="4101"),
        order_number="26480017",
    )


def _look_up(page, a11y, number):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    expect(page.get_by_role("heading", name="Mottagare", level=1)).to_be_visible()
    a11y.check()
    page.get_by_label("Personnummer").fill(number)
    page.get_by_role("button", name="Välj").click()


def test_rec_1_to_7_audionom_looks_up_tolvan_edits_phone_and_prints_loan_agreement(
    tolvans_hearing_aid, login, a11y, page
):
    login("audionom")
    _look_up(page, a11y, "19121212-1213")
    expect(page.get_by_role("alert")).to_contain_text("Kontrollsiffran")
    a11y.check()
    page.get_by_label("Personnummer").fill("19121212-1212")
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name="Tolvan Tolvansson")).to_be_visible()
    expect(page.get_by_text("Klostergatan 12")).to_be_visible()
    a11y.check()

    tabs = page.get_by_role("navigation", name="Mottagarens flikar")
    expect(tabs.get_by_role("link", name="Hjälpmedel")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Hörapparat Demo BTE").click()
    panel = page.locator("#device-panel")
    expect(panel).to_contain_text("26480017")
    expect(panel.get_by_role("link", name="Gå till beställningsdetaljer")).to_be_visible()
    a11y.check()
    panel.get_by_role("link", name="Stäng").click()
    expect(page.locator("#device-panel")).to_have_count(0)
    a11y.check()
    tabs.get_by_role("link", name="Beställt").click()
    expect(tabs.get_by_role("link", name="Beställt")).to_have_attribute("aria-current", "page")
    # The demo region's open order for Tolvan (a hearing aid bought via 750, issue 4's demo).
    expect(page.get_by_role("link", name="Hörapparat Vita 7 BTE Power 13, beige")).to_be_visible()
    a11y.check()

    page.get_by_role("link", name="Ändra telefon").click()
    page.get_by_label("Telefon").fill("ring mig")
    page.get_by_role("button", name="Spara telefon").click()
    expect(page.get_by_role("alert")).to_contain_text("Ange telefonnumret")
    a11y.check()
    page.get_by_label("Telefon").fill("046-99 99 99")
    page.get_by_role("button", name="Spara telefon").click()
    expect(page.locator("#recipient-telefon")).to_contain_text("046-99 99 99")
    a11y.check()

    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Låneförbindelse").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Dokument")).to_have_value("eget-agande")  # adult (DOC-1)
    a11y.check()
    dialog.get_by_label("Hörapparat Demo BTE").check()
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Skapa pdf").click()
    popup = popup_info.value
    assert "/lanforbindelse.pdf?" in popup.url
    response = page.request.get(popup.url)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    popup.close()
    dialog.get_by_role("button", name="Stäng").click()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.reload()
    expect(page.locator("#recipient-telefon")).to_contain_text("046-99 99 99")
    a11y.check()


def test_rec_5_protected_recipient_shows_no_address(demo, login, a11y, page):
    login("audionom")
    _look_up(page, a11y, KEY_RECIPIENTS["protected"])
    expect(page.get_by_text("Skyddad identitet – adressen visas inte")).to_be_visible()
    a11y.check()
    _first, _last, street, postal_code, city, _phone, _extra = RECIPIENTS["protected"]
    content = page.content()
    for part in [street, postal_code]:
        assert part not in content
