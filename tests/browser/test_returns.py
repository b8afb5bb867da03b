"""Issue 9, returns, in the browser on the demo region with axe on every page: audionom
returns one of Tolvan's hearing aids to 4101 and scraps a cheap main device (RET-1…RET-4),
prints the return receipt (RET-5), sees the device under Återlämnat and the balance risen
(Mer… → Lager); returns an individual in 4101 to its supplier and prints the slip (RET-6);
pam (a private clinic) is not offered Retur (ACC-7)."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from inventory.demo import KEY_ARTICLES
from recipients.demo import KEY_RECIPIENTS

pytestmark = pytest.mark.browser

HEARING_AID = "Hörapparat Aria 5 RIC laddbar, silver"
RETURNED = "7000001"  # one of Tolvan's pair, delivered from 70 by the orders demo
TO_SUPPLIER = "4101202"  # a video phone in Lund's store that no other browser test uses


@pytest.fixture
def cheap_main_device(demo):
    """Tolvan also has a non-individual main device under 1 000 kr (RET-4: may be scrapped);
    the demo catalogue's cheap hearing products are accessories and spare parts."""
    from inventory.models import Article, IsoCode, Supplier
    from inventory.tests.factories import ArticleFactory
    from recipients.models import Recipient
    from recipients.tests.factories import DeviceFactory
    from sesam.models import ProductArea, ServiceLocation, User

    article = ArticleFactory(
        number="79901",
        name="Väckarklocka med vibrator, enkel",
        type=Article.Type.MAIN,
        price=690,
        supplier=Supplier.objects.get(name="Signalhuset Nordic AB"),
        iso_code=IsoCode.objects.get(code="222712"),
        product_area=ProductArea.objects.get(code="horsel"),
    )
    return DeviceFactory(
        recipient=Recipient.objects.get(personnummer=KEY_RECIPIENTS["adult"]),
        article=article,
        prescriber=User.objects.get(username="audionom"),
        service_location=ServiceLocation.objects.get(code="4101"),
    )


def _pdf_text(page, url) -> str:
    response = page.request.get(url)
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)


def _look_up_tolvan(page, a11y):
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS["adult"])
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name=re.compile("Tolvan Tolvansson"))).to_be_visible()
    a11y.check()


def test_ret_1_to_6_audionom_returns_scraps_prints_and_returns_to_the_supplier(
    cheap_main_device, login, a11y, page
):
    login("audionom")
    _look_up_tolvan(page, a11y)
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Retur", exact=True).click()

    # Tjänsteställe: its store is shown automatically (and follows a changed choice).
    expect(page.get_by_role("heading", name=re.compile("^Retur"), level=1)).to_be_visible()
    panel = page.locator("#return-warehouse")
    expect(panel).to_contain_text("4101")
    a11y.check()
    page.get_by_label("Tjänsteställe").select_option(label="Hörselmottagningen Malmö – lager 4102")
    expect(panel).to_contain_text("4102")
    page.get_by_label("Tjänsteställe").select_option(label="Hörselmottagningen Lund – lager 4101")
    expect(panel).to_contain_text("4101")
    a11y.check()
    page.get_by_role("button", name="Nästa").click()

    # Tick the devices: the hearing aid back to the shelf, the alarm clock scrapped; spare
    # parts may not be scrapped (RET-4), so their row has no Skrota box.
    expect(page.get_by_role("checkbox", name=f"Retur {HEARING_AID} {RETURNED}")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile("^Skrota Dome"))).to_have_count(0)
    a11y.check()
    page.get_by_role("button", name="Returnera artiklar").click()
    expect(page.get_by_role("alert")).to_contain_text("Bocka i minst ett hjälpmedel")
    a11y.check()
    page.get_by_role("checkbox", name=f"Retur {HEARING_AID} {RETURNED}").check()
    page.get_by_role("checkbox", name="Skrota Väckarklocka med vibrator, enkel").check()
    page.get_by_role("button", name="Returnera artiklar").click()

    expect(page.get_by_role("heading", name="Returen är registrerad")).to_be_visible()
    expect(page.locator("#flash")).to_contain_text("Returen är registrerad, nummer")
    number = re.search(r"nummer (\d{8})", page.locator("#flash").inner_text()).group(1)
    a11y.check()
    with page.expect_popup() as popup_info:
        page.get_by_role("link", name=re.compile("^Skapa pdf")).click()
    popup = popup_info.value
    text = _pdf_text(page, popup.url)
    popup.close()
    for expected in ["Returkvitto", number, "Tolvan Tolvansson", RETURNED, "Skrotad"]:
        assert expected in text, expected

    # Återlämnat lists both, with the date and a link to the receipt.
    page.get_by_role("link", name="Stäng").click()
    tabs = page.get_by_role("navigation", name="Mottagarens flikar")
    expect(tabs.get_by_role("link", name=re.compile("Återlämnat"))).to_have_attribute(
        "aria-current", "page"
    )
    returned = page.locator("tr", has_text=RETURNED)
    expect(returned).to_contain_text("Återlämnad")
    expect(returned).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    expect(returned.get_by_role("link", name=re.compile(number))).to_be_visible()
    expect(page.locator("tr", has_text="Väckarklocka")).to_contain_text("Skrotad")
    a11y.check()

    # Mer… → Lager: the hearing aid lies in 4101 again (2 before the return, 3 now).
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("Mer…", exact=True).click()
    page.get_by_role("link", name="Lager", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("4101 Eget förråd Lund"))).to_be_visible()
    a11y.check()
    page.get_by_label("Benämning").fill(KEY_ARTICLES["hearing_aid_central"])
    page.get_by_role("button", name="Sök").click()
    row = page.locator("#results tr", has_text=KEY_ARTICLES["hearing_aid_central"])
    expect(row.locator("td.num").first).to_have_text("3 st")
    a11y.check()

    # Retur till leverantör from the individual's page (RET-6).
    page.get_by_role("link", name="Individ", exact=True).click()
    a11y.check()
    page.get_by_role("searchbox", name="Sök individ").fill(TO_SUPPLIER)
    page.get_by_role("button", name="Sök").click()
    expect(page.get_by_role("link", name=TO_SUPPLIER)).to_be_visible()
    a11y.check()
    page.get_by_role("link", name=TO_SUPPLIER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Individ {TO_SUPPLIER}")
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Retur till leverantör").click()
    expect(page.get_by_label("Returorsak")).to_have_value("Kreditering")
    a11y.check()
    page.get_by_role("button", name="Skapa retur").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv i Kommentar")
    a11y.check()
    page.get_by_label("Kommentar").fill("Felbeställd: fel modell levererad.")
    page.get_by_role("button", name="Skapa retur").click()
    expect(page.get_by_role("heading", name="Returen till leverantören är skapad")).to_be_visible()
    a11y.check()
    with page.expect_popup() as popup_info:
        page.get_by_role("link", name=re.compile("^Skapa pdf")).click()
    popup = popup_info.value
    text = _pdf_text(page, popup.url)
    popup.close()
    for expected in ["Retursedel", TO_SUPPLIER, "Kreditering", "Felbeställd: fel modell"]:
        assert expected in text, expected
    page.get_by_role("link", name="Stäng").click()
    expect(
        page.get_by_role("heading", name=re.compile("Returnerad till leverantör"))
    ).to_be_visible()
    a11y.check()


def test_ret_3_pam_is_not_offered_retur(demo, login, a11y, page):
    login("pam")
    _look_up_tolvan(page, a11y)
    page.get_by_text("Registrera/skapa").click()
    expect(page.get_by_role("link", name="Låneförbindelse")).to_be_visible()
    expect(page.get_by_role("link", name="Retur", exact=True)).to_have_count(0)
    expect(
        page.get_by_text("Retur till eget lager görs inte från en privat mottagning")
    ).to_be_visible()
    a11y.check()
