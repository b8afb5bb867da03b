"""BEY-15 in the browser on the demo region: Tolvan's fault report (the demo's open request)
reaches Lund; the audionom finds it in Mina sidor → Att göra and turns it into an activity
with one click — axe on every page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bey_15_audionom_turns_tolvans_request_into_an_activity(demo, login, a11y, page):
    from activities.models import PatientRequest

    login("audionom")
    page.get_by_role("link", name="Anna Audionom").click()
    a11y.check()
    page.get_by_role("link", name="Förfrågningar från patienter").click()
    expect(page.get_by_role("heading", name="Förfrågningar från patienter")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Tolvan Tolvansson")
    expect(row).to_contain_text("Det sprakar i hörapparaten")
    a11y.check()
    row.get_by_role("button", name="Skapa aktivitet").click()

    expect(page.get_by_role("heading", name=re.compile(r"Aktivitet \d{8}"))).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Förfrågan är nu aktivitet")
    expect(page.get_by_text(re.compile("Det sprakar i hörapparaten")).first).to_be_visible()
    a11y.check()
    request = PatientRequest.objects.get()
    assert request.status == PatientRequest.Status.ACTIVITY and request.activity.number
