"""BEY-10 in the browser on the demo region: audionom searches Sök → Aktivitet, clicks
Exportera: Excel and gets the file of exactly that search — axe on the page."""

import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shots-exports"


def test_bey_10_audionom_exports_the_activity_search_as_excel(demo, login, a11y, page, live_server):
    from sesam.models import AccessLog

    login("audionom")
    page.goto(f"{live_server.url}/sok/aktivitet/?registrerad=12-manader")
    expect(page.get_by_role("heading", name="Sök", exact=True)).to_be_visible()
    links = page.locator(".export-links")
    expect(links).to_contain_text("Exportera:")
    a11y.check()
    page.screenshot(path=f"{SHOTS}/activity-search.png", full_page=True)
    shown = page.get_by_role("table").locator("tbody tr").count()
    logged = AccessLog.objects.filter(action="activity_export").count()
    with page.expect_download() as download:
        links.get_by_role("link", name="Excel").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("aktiviteter-")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(path, "rb") as file:
        sheet = openpyxl.load_workbook(file).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Tjänsteställe", "Hörselmottagningen Lund")
    assert rows[1][:2] == ("Registrerad", "12 månader")
    assert rows[2][:2] == ("Status", "Alla")
    assert rows[4][0] == "Aktivitetsnummer"
    assert len(rows) - 5 >= shown > 0
    assert AccessLog.objects.filter(action="activity_export").count() > logged
