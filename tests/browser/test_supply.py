"""Issue 5 in the browser: a unit's whole supply loop on the demo region — refill, purchase
orders and their PDF, receipt by a colleague, the new balance, search and cancelling — with
axe on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_ARTICLES

pytestmark = pytest.mark.browser


@pytest.fixture
def klangbro_hearing_aid(demo):
    """An individual-marked hearing aid bought via 750 from Klangbro, the supplier of the
    price-0 earmould (so one purchase order needs both a price and individual numbers)."""
    from inventory.models import Article, StockBalance

    central = StockBalance.objects.filter(warehouse__number="70").values("article_id")
    return (
        Article.objects.filter(
            supplier__name="Klangbro Medical AB",
            is_individual=True,
            status="active",
            in_assortment=True,
        )
        .exclude(pk__in=central)
        .order_by("number")
        .first()
    )


def _menu(page, menu, link):
    page.get_by_role("navigation", name="Huvudmeny").get_by_text(menu, exact=True).click()
    page.get_by_role("link", name=link, exact=True).click()


def _order(page, a11y, number, quantity=None, plus=0):
    """Ange artiklar: find the article, Beställ, set Antal, Fortsätt."""
    page.get_by_role("searchbox", name="Sök artikel").fill(number)
    page.get_by_role("button", name="Sök", exact=True).click()
    row = page.locator("#results tr", has_text=number)
    row.get_by_role("link", name="Beställ").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("750 Inköpslager Hörsel")
    expect(dialog.get_by_text("Leverans från")).to_have_count(0)  # a refill has no source
    a11y.check()
    if quantity:
        dialog.get_by_label("Antal").fill(str(quantity))
    for _ in range(plus):
        dialog.get_by_role("button", name="Öka antal").click()
    dialog.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_ord_14_ord_8_rcv_refill_purchase_orders_receipt_and_stock(
    klangbro_hearing_aid, login, a11y, page
):
    earmould, charger_kit = KEY_ARTICLES["price_zero"], KEY_ARTICLES["charger_kit"]
    hearing_aid = klangbro_hearing_aid.number

    # audionom refills Lund's store (4101) with articles bought from two suppliers.
    login("audionom")
    _menu(page, "Beställning", "Lagerpåfyllnad")
    expect(page.get_by_label("Tjänsteställe", exact=True)).to_contain_text("lager 4101")
    expect(page.locator("#refill-choices")).to_contain_text("4101 Eget förråd Lund")
    a11y.check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_role("link", name=re.compile("Pågående lagerpåfyllnad"))).to_be_visible()
    a11y.check()
    _order(page, a11y, earmould, plus=2)  # 1 → 3 with +
    _order(page, a11y, hearing_aid, quantity=2)
    _order(page, a11y, charger_kit)

    page.get_by_role("link", name=re.compile("Pågående lagerpåfyllnad")).click()
    expect(page.get_by_role("heading", name="Pågående lagerpåfyllnad", level=1)).to_be_visible()
    expect(page.get_by_text("Leverans till mottagning/enhet")).to_be_visible()
    a11y.check()
    page.get_by_role("button", name=re.compile("Öka antal för Laddkit")).click()
    expect(page.get_by_label(re.compile("Antal Laddkit"))).to_have_value("2")  # the row (HTMX)
    a11y.check()
    page.get_by_role("button", name="Skicka beställning").click()
    expect(page.get_by_role("heading", name="Beställningen är skickad")).to_be_visible()
    a11y.check()

    page.get_by_role("button", name="Skapa inköpsorder").click()
    expect(page.locator("#flash")).to_contain_text("Inköpsorder skapad")
    expect(page.get_by_role("link", name="Skapa pdf")).to_have_count(2)
    a11y.check()
    klangbro_row = page.locator("tr", has_text="Klangbro Medical AB")
    po_number = klangbro_row.locator("td").first.inner_text().strip()
    with page.expect_popup() as popup_info:
        klangbro_row.get_by_role("link", name="Skapa pdf").click()
    popup = popup_info.value
    response = page.request.get(popup.url)
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    popup.close()
    page.get_by_role("button", name="Logga ut").click()

    # kollega, at the same unit, receives the Klangbro purchase order (RCV, ACC-5).
    login("kollega")
    page.get_by_role("link", name=re.compile("Karl Kollega")).click()
    expect(page.get_by_role("heading", name="Mina sidor")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name="Kvittera direktleverans").click()
    expect(page.get_by_role("heading", name="Kvittera direktleverans", level=1)).to_be_visible()
    a11y.check()
    page.get_by_label("Inköpsnummer").check()
    page.get_by_label("Nummer", exact=True).fill(po_number)
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_text(f"Okvitterade rader på inköpsorder {po_number}")).to_be_visible()
    a11y.check()
    page.get_by_label("Markera alla").check()
    expect(page.get_by_label(re.compile("Kvittera rad"))).to_have_count(2)
    for box in page.get_by_label(re.compile("Kvittera rad")).all():
        expect(box).to_be_checked()
    page.get_by_role("button", name="Kvittera", exact=True).click()
    expect(page.get_by_text(re.compile("Ange á-pris för Specialanpassad"))).to_be_visible()
    a11y.check()  # the refusal, on the page (nothing received)
    page.get_by_label(re.compile("^Pris för")).fill("250,00")
    for unit in (1, 2):
        page.get_by_label(re.compile(f"^Individnummer {unit} för")).fill(f"KB-2026-{unit}")
        page.get_by_label(re.compile(f"^Serienummer {unit} för")).fill(f"TN{unit}0042")
    page.get_by_role("button", name="Kvittera", exact=True).click()
    expect(page.locator("#flash")).to_contain_text("Kvittensen är registrerad: 2 rader")
    expect(
        page.get_by_text(f"Det finns inga okvitterade rader på inköpsorder {po_number}")
    ).to_be_visible()
    a11y.check()

    # The Lager page shows the new balance.
    _menu(page, "Mer…", "Lager")
    expect(page.get_by_role("heading", name=re.compile("4101 Eget förråd Lund"))).to_be_visible()
    a11y.check()
    page.get_by_label("Benämning").fill("öronpropp")
    page.get_by_role("button", name="Sök").click()
    row = page.locator("tr", has_text=earmould)
    expect(row).to_contain_text("3")
    a11y.check()


@pytest.fixture
def cancellable(demo):
    """A refill of domes from 70 that Hjälpmedel has not started picking (SRC-4)."""
    from inventory.models import Article
    from orders.tests.supply import refill
    from sesam.models import ServiceLocation, User

    return refill(
        User.objects.get(username="audionom"),
        ServiceLocation.objects.get(code="4101"),
        Article.objects.get(number=KEY_ARTICLES["domes"]),
    )


def test_src_1_src_2_src_4_find_by_number_and_unreceived_then_cancel(
    cancellable, login, a11y, page
):
    from orders import selectors
    from orders.models import Order

    waiting = (
        selectors.unreceived_orders(
            list(Order.objects.values_list("service_location_id", flat=True).distinct())
        )
        .filter(kind="refill")
        .get()
    )

    login("audionom")
    # Mina sidor → Mina beställningar: Visa mottagare, a row's side panel (HOME-4).
    page.get_by_role("link", name=re.compile("Anna Audionom")).click()
    a11y.check()
    page.get_by_role("button", name="Visa mottagare").click()
    expect(page.get_by_role("button", name="Visa mottagare")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("columnheader", name="Mottagare")).to_be_visible()
    a11y.check()
    page.get_by_role("link", name=cancellable.number, exact=True).click()
    panel = page.locator("#order-panel")
    expect(panel).to_contain_text(f"Beställning {cancellable.number}")
    a11y.check()
    panel.get_by_role("link", name="Gå till beställningsdetaljer").click()
    expect(page.get_by_role("heading", name=f"Beställning {cancellable.number}")).to_be_visible()
    a11y.check()

    _menu(page, "Mer…", "Sök")
    expect(page.get_by_role("heading", name="Sök", level=1)).to_be_visible()
    a11y.check()
    page.get_by_label("Beställningsnummer").fill(waiting.number)
    page.get_by_role("button", name="Välj").click()
    expect(page.get_by_role("heading", name=f"Beställning {waiting.number}")).to_be_visible()
    a11y.check()

    _menu(page, "Mer…", "Sök")
    a11y.check()
    page.get_by_text("Visa fler sökkriterier").click()
    page.get_by_label("Visa okvitterade direktleveranser").check()
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.locator("#results .result-count")).to_contain_text(
        "med okvitterade direktleveranser"
    )
    results = page.locator("#results")
    expect(results.get_by_role("link", name=waiting.number, exact=True)).to_be_visible()
    expect(results.get_by_role("link", name=cancellable.number, exact=True)).to_have_count(0)
    a11y.check()
    results.get_by_role("link", name="Beställningsnummer").click()
    expect(page.locator("#results th[aria-sort=ascending]")).to_have_text("Beställningsnummer")
    a11y.check()
    page.locator("#results tr", has_text=waiting.number).get_by_role(
        "link", name=re.compile("^Kvittera")
    ).click()
    expect(page.get_by_text(f"Okvitterade rader på beställning {waiting.number}")).to_be_visible()
    a11y.check()

    _menu(page, "Mer…", "Sök")
    page.get_by_label("Beställningsnummer").fill(cancellable.number)
    page.get_by_role("button", name="Välj").click()
    a11y.check()
    page.get_by_text("Registrera/skapa").click()
    page.get_by_role("link", name="Makulera beställning").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Det går inte att ångra")
    a11y.check()
    dialog.get_by_role("button", name="Ja, makulera").click()
    expect(page.locator("#flash")).to_contain_text(
        f"Beställning {cancellable.number} är makulerad."
    )
    expect(page.get_by_text("Makulerad", exact=True).first).to_be_visible()
    a11y.check()
