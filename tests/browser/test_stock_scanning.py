"""BEY-6 and BEY-8/BEY-13 in the browser (issue 21's last parts): audionom scans the demo's
hearing aid into Lund's stocktake count, scans the device being packed at Retur till
leverantör (a wrong one refused, the right one returned), and takes Lund's reorder levels
down as .xlsx and back up filled in (a bad file refused with its line) — axe on every page."""

import re
from io import BytesIO

import openpyxl
import pytest
from playwright.sync_api import expect

from inventory.demo import KEY_INDIVIDUALS

pytestmark = pytest.mark.browser


@pytest.fixture
def lund_stocktake(demo):
    from inventory import services
    from inventory.models import Warehouse
    from sesam.models import User

    return services.start_stocktake(
        warehouse=Warehouse.objects.get(number="4101"), by=User.objects.get(username="admin")
    )


def _code(individual) -> str:
    return f"(01){individual.article.gtin}(21){individual.serial_number}"


def test_bey_6_scan_in_a_stocktake_count(lund_stocktake, login, a11y, page, live_server):
    from inventory.models import Article, Individual, StocktakeIndividual

    aid = Individual.objects.select_related("article").get(number=KEY_INDIVIDUALS["in_lund"])
    other = Article.objects.exclude(gtin="").exclude(pk=aid.article_id).first()
    login("audionom")
    page.goto(f"{live_server.url}/lager/4101/inventering/{lund_stocktake.number}/")
    a11y.check()
    field = page.get_by_role("textbox", name="Skanna individ")
    field.fill(_code(aid))
    field.press("Enter")  # a handheld scanner ends its code with Enter
    expect(page.get_by_role("status").filter(has_text=f"{aid.number} (")).to_contain_text(
        "är hittad. Räkningen är sparad."
    )
    expect(page.get_by_role("checkbox", name=f"Hittad {aid.number}")).to_be_checked()
    expect(field).to_be_focused()  # ready for the next scan
    a11y.check()
    page.screenshot(path="/tmp/supplier2-stocktake-scan.png", caret="initial")
    field.fill(f"]d201{other.gtin}\x1d21{aid.serial_number}")
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(f"Streckkoden är för {other.number}")
    expect(page.get_by_role("alert")).to_contain_text(f"raden gäller {aid.article.number}")
    a11y.check()
    assert StocktakeIndividual.objects.get(individual=aid, line__stocktake=lund_stocktake).found


def test_bey_6_scan_in_a_supplier_return(demo, login, a11y, page, live_server):
    from inventory.models import Individual

    wrong = Individual.objects.select_related("article").get(number=KEY_INDIVIDUALS["in_lund"])
    packed = Individual.objects.select_related("article").get(number="4101002")
    login("audionom")
    page.goto(f"{live_server.url}/individ/{packed.pk}/retur-till-leverantor/")
    a11y.check()
    page.get_by_label("Kommentar").fill("Felbeställd: fel modell.")
    page.get_by_label("Skanna hjälpmedlet (frivilligt)").fill(_code(wrong))
    page.get_by_role("button", name="Skapa retur").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        f"Den skannade individen ({wrong.serial_number}) är inte individ {packed.number}"
    )
    a11y.check()
    page.screenshot(path="/tmp/supplier2-return-scan.png", full_page=True, caret="initial")
    page.get_by_label("Skanna hjälpmedlet (frivilligt)").fill(_code(packed))
    page.get_by_role("button", name="Skapa retur").click()
    expect(page.locator("#flash")).to_contain_text("Retur till leverantör är skapad")
    a11y.check()
    packed.refresh_from_db()
    assert packed.status == Individual.Status.RETURNED_TO_SUPPLIER


def test_bey_13_upload_a_levels_file(demo, login, a11y, page, live_server, tmp_path):
    from inventory.models import ReorderLevel

    login("audionom")
    page.goto(f"{live_server.url}/lager/4101/")
    a11y.check()
    page.get_by_text("Beställningspunkter i Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner beställningspunkter").click()
    book = openpyxl.load_workbook(BytesIO(download.value.path().read_bytes()))
    rows = list(book.active.iter_rows())
    header = next(i for i, row in enumerate(rows) if row[0].value == "Artikelnummer")
    first = rows[header + 1]
    number = first[0].value
    first[2].value, first[3].value = 4, 12
    good = tmp_path / "nivaer.xlsx"
    book.save(good)
    page.get_by_label("Ladda upp ifylld Excel-fil").set_input_files(good)
    page.get_by_role("button", name="Ladda upp beställningspunkter").click()
    expect(page.locator("#flash")).to_contain_text("Beställningspunkterna från filen är sparade")
    a11y.check()
    level = ReorderLevel.objects.get(warehouse__number="4101", article__number=number)
    assert (level.minimum, level.refill_to) == (4, 12)

    first[2].value, first[3].value = 9, 3  # refill-to below the minimum: the whole file refused
    bad = BytesIO()
    book.save(bad)
    (tmp_path / "fel.xlsx").write_bytes(bad.getvalue())
    page.get_by_text("Beställningspunkter i Excel").click()
    page.get_by_label("Ladda upp ifylld Excel-fil").set_input_files(tmp_path / "fel.xlsx")
    page.get_by_role("button", name="Ladda upp beställningspunkter").click()
    expect(page.get_by_role("alert")).to_contain_text(
        re.compile(f"Rad {header + 2}: Fyll på till måste vara minst")
    )
    a11y.check()
    page.screenshot(path="/tmp/supplier2-levels-error.png", full_page=True)
    level.refresh_from_db()
    assert (level.minimum, level.refill_to) == (4, 12)
