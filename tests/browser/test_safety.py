"""Issue 22, patient safety, in the browser on the demo region: Hjälpmedel (`admin`, with the
permission Återkallelse) traces a recall of 40110 to Tolvan and Lund, opens the letters and
messages the unit — axe on every page."""

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shots-safety"


def test_bey_5_admin_traces_a_recall_to_patients_and_units(demo, login, a11y, page, live_server):
    from inventory.models import Individual

    tolvan_serial = (
        Individual.objects.filter(
            article__number=KEY_ARTICLES["hearing_aid_central"],
            devices__recipient__first_name="Tolvan",
        )
        .order_by("-serial_number")
        .values_list("serial_number", flat=True)
        .first()
    )
    login("admin")
    page.get_by_role("link", name="Återkallelse", exact=True).click()
    expect(page.get_by_role("heading", name="Återkallelse")).to_be_visible()
    expect(page.get_by_role("link", name="AK26-0001")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name="Ny återkallelse").click()
    a11y.check()
    page.get_by_label("Artikelnummer").fill(KEY_ARTICLES["hearing_aid_central"])
    page.get_by_label("Serienummer").fill(f"{tolvan_serial.lower()}\nLOT:NL262")
    page.get_by_label("Orsak").fill("Batteriet kan överhettas vid laddning.")
    page.get_by_role("button", name="Spåra").click()
    expect(page.get_by_role("heading", name="Återkallelse AK26-0002")).to_be_visible()
    table = page.get_by_role("table", name="Individer som återkallelsen träffar")
    expect(table.get_by_role("row").filter(has_text="Tolvan Tolvansson")).to_have_count(1)
    expect(table.get_by_role("row").filter(has_text="Hörselmottagningen Lund")).not_to_have_count(0)
    a11y.check()
    page.screenshot(path=f"{SHOTS}/recall-detail.png", full_page=True)

    response = page.request.get(f"{page.url}brev.pdf")
    assert response.headers["content-type"] == "application/pdf"
    with open(f"{SHOTS}/recall-letters.pdf", "wb") as out:
        out.write(response.body())

    page.get_by_role("button", name="Skicka meddelande till enheterna").click()
    expect(page.get_by_text("Meddelande skickat till")).to_be_visible()
    a11y.check()
    assert Individual.objects.filter(blocked_by="AK26-0002").exists()


def test_bey_9_kollega_reports_a_deviation_and_follows_it(demo, login, a11y, page, live_server):
    from recipients.demo import KEY_RECIPIENTS

    login("kollega")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mottagare").click()
    a11y.check()
    page.get_by_label("Personnummer").fill(KEY_RECIPIENTS["adult"])
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name="Tolvan Tolvansson")).to_be_visible()
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Avvikelse / reklamation").click()
    expect(page.get_by_role("heading", name="Avvikelse / reklamation")).to_be_visible()
    a11y.check()
    device = page.get_by_label("Hjälpmedel")
    device.select_option(index=1)
    page.get_by_label("Negativ händelse/tillbud").check()
    page.get_by_label("Beskrivning").fill("Domen lossnade i hörselgången.")
    page.get_by_label("Händelsedatum").fill("2026-11-02")
    page.get_by_label("Konsekvens för patienten").fill("Togs ut av audionom, ingen skada.")
    page.screenshot(path=f"{SHOTS}/deviation-new.png", full_page=True)
    page.get_by_role("button", name="Skicka avvikelse").click()
    expect(page.get_by_role("heading", name="Avvikelse AV26-0003")).to_be_visible()
    expect(page.get_by_text("Ska rapporteras till Läkemedelsverket.")).to_be_visible()
    a11y.check()
    page.screenshot(path=f"{SHOTS}/deviation-detail.png", full_page=True)
    response = page.request.get(page.url + "lakemedelsverket.pdf")
    assert response.headers["content-type"] == "application/pdf"
    with open(f"{SHOTS}/deviation-report.pdf", "wb") as out:
        out.write(response.body())

    page.goto(f"{live_server.url}/mina-sidor/?flik=deviations")
    rows = page.get_by_role("table", name="Avvikelser").get_by_role("row")
    expect(rows.filter(has_text="AV26-0003")).to_have_count(1)
    expect(rows.filter(has_text="Under utredning")).to_have_count(1)
    a11y.check()
    page.screenshot(path=f"{SHOTS}/my-deviations.png", full_page=True)


def test_bey_14_admin_imports_the_register_file_the_unit_is_asked_to_collect(
    demo, login, a11y, page, live_server
):
    from pathlib import Path

    from recipients.demo import KEY_RECIPIENTS
    from recipients.models import Recipient

    login("admin")
    page.goto(f"{live_server.url}/admin/safety/registerevent/")
    a11y.check()
    page.get_by_role("link", name="Läs in fil").click()
    a11y.check()
    sample = Path(__file__).resolve().parents[2] / "docs/folkbokforing-exempel.csv"
    page.get_by_label("Fil (CSV, UTF-8)").set_input_files(str(sample))
    page.get_by_role("button", name="Läs in").click()
    expect(page.get_by_text("3 händelser tillämpade, 0 redan inlästa, 0 fel.")).to_be_visible()
    a11y.check()
    page.get_by_role("button", name="Logga ut").click()

    login("audionom")
    page.goto(f"{live_server.url}/mina-sidor/")
    a11y.check()
    page.get_by_role("link", name="Hämtorder att skapa (avliden mottagare)").click()
    elderly = Recipient.objects.get(personnummer=KEY_RECIPIENTS["elderly"])
    expect(page.get_by_role("row").filter(has_text=elderly.name)).to_have_count(1)
    a11y.check()
    page.screenshot(path=f"{SHOTS}/proposals.png", full_page=True)
    page.get_by_role("link", name=elderly.name).click()
    expect(page.get_by_text("enligt folkbokföringen")).to_be_visible()
    a11y.check()


def test_bey_9_audionom_reports_a_deviation_from_an_order_line(
    demo, login, a11y, page, live_server
):
    """From the order page: Avvikelse / reklamation on a line, then Reklamera leveransen on
    its receipt (Leveransfel preselected); the report links back to the order."""
    import re

    from orders.models import Receipt

    receipt = (
        Receipt.objects.filter(line__order__service_location__code="4101")
        .select_related("line__order")
        .order_by("pk")
        .first()
    )
    order, position = receipt.line.order.number, receipt.line.position
    login("audionom")
    page.goto(f"{live_server.url}/bestallning/{order}/")
    expect(page.get_by_role("heading", name=f"Beställning {order}")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name=f"Avvikelse / reklamation (rad {position})").click()
    expect(page.get_by_role("heading", name="Avvikelse / reklamation")).to_be_visible()
    a11y.check()
    page.get_by_label("Produktfel").check()
    page.get_by_label("Beskrivning").fill("Fel färg på laddaren i leveransen.")
    page.get_by_role("button", name="Skicka avvikelse").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Avvikelse AV26-\d{4}$"))).to_be_visible()
    expect(page.get_by_text("Beställningsrad", exact=True)).to_be_visible()
    a11y.check()
    page.screenshot(path=f"{SHOTS}/deviation-order-line.png", full_page=True)

    page.get_by_role("link", name=order, exact=True).click()
    expect(page.get_by_role("heading", name=f"Beställning {order}")).to_be_visible()
    a11y.check()
    page.screenshot(path=f"{SHOTS}/order-with-links.png", full_page=True)
    page.get_by_role("link", name=f"Reklamera leveransen (rad {position})").click()
    expect(page.get_by_label("Leveransfel")).to_be_checked()
    a11y.check()
    page.get_by_label("Beskrivning").fill("Kartongen var trasig vid leveransen.")
    page.get_by_role("button", name="Skicka avvikelse").click()
    expect(page.get_by_text("Kvittens", exact=True)).to_be_visible()
    expect(page.get_by_text("Leveransfel", exact=True)).to_be_visible()
    a11y.check()
