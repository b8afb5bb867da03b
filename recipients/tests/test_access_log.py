"""ACC-8: every request that shows or changes a recipient's data writes exactly one access-log
row (who, which recipient, what, from which service location)."""

import pytest

from recipients.models import Device
from recipients.tests.factories import DeviceFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def ordered(tolvan):
    return DeviceFactory(recipient=tolvan, status=Device.Status.ORDERED)


def _urls(recipient, device):
    base = f"/mottagare/{recipient.pk}"
    return [
        ("get", f"{base}/", {}, "view"),
        ("get", f"{base}/?flik=hjalpmedel", HTMX, "tab:devices"),
        ("get", f"{base}/?flik=bestallt", HTMX, "tab:ordered"),
        ("get", f"{base}/?flik=aterlamnat", HTMX, "tab:returned"),
        ("get", f"{base}/?flik=aktiviteter", HTMX, "tab:activities"),
        ("get", f"{base}/hjalpmedel/{device.pk}/", {}, "device_panel"),
        ("get", f"{base}/hjalpmedel/{device.pk}/", HTMX, "device_panel"),
        ("get", f"{base}/uppgift/telefon/?andra=1", HTMX, "phone_form"),
        ("get", f"{base}/lanforbindelse/", {}, "loan_agreement_form"),
        ("get", f"{base}/lanforbindelse/", HTMX, "loan_agreement_form"),
        (
            "get",
            f"{base}/lanforbindelse.pdf?typ=lan&hjalpmedel={device.pk}",
            {},
            "loan_agreement_pdf",
        ),
        ("get", f"{base}/lanforbindelse.pdf?typ=lan", {}, "loan_agreement_rejected"),
        ("get", f"{base}/hjalpmedelslista.pdf", {}, "device_list_pdf"),
        ("post", f"{base}/uppgift/telefon/", {"data": {"value": "040-628 04 99"}}, "phone_changed"),
        (
            "post",
            f"{base}/uppgift/telefon/",
            {"data": {"value": "040-628 04 99"}},
            "phone_unchanged",
        ),
        ("post", f"{base}/uppgift/telefon/", {"data": {"value": "nej!"}}, "phone_rejected"),
    ]


def test_acc_8_every_recipient_request_writes_exactly_one_row(
    client_as, prescriber, tolvan, delivered, lund, access_rows
):
    client = client_as(prescriber)
    for method, url, kwargs, action in _urls(tolvan, delivered):
        before = len(access_rows())
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code in {200, 302, 422}, url
        rows = access_rows()[before:]
        assert [r.action for r in rows] == [action], url
        row = rows[0]
        assert (row.user, row.recipient_id, row.personnummer) == (
            prescriber,
            tolvan.pk,
            "191212121212",
        )
        assert row.service_location == lund


def test_acc_8_lookup_writes_one_row_and_the_page_another(
    client_as, prescriber, tolvan, access_rows
):
    client_as(prescriber).post("/mottagare/", {"personnummer": "191212121212"}, follow=True)
    assert [row.action for row in access_rows()] == ["lookup", "view"]


def test_acc_8_logged_location_is_the_active_one(client_as, prescriber, tolvan, malmo, access_rows):
    client = client_as(prescriber)
    client.post("/tjanstestalle/", {"service_location": malmo.pk})
    client.get(f"/mottagare/{tolvan.pk}/")
    assert access_rows()[-1].service_location == malmo


def test_acc_8_phone_change_is_recorded_from_and_to(client_as, prescriber, tolvan, access_rows):
    client_as(prescriber).post(
        f"/mottagare/{tolvan.pk}/uppgift/telefon/", {"value": "046-11 22 33"}
    )
    row = access_rows()[-1]
    assert row.action == "phone_changed"
    assert row.context == {"from": "070-174 06 12", "to": "046-11 22 33"}


def test_acc_8_a_page_that_is_not_found_writes_nothing(client_as, prescriber, db, access_rows):
    client_as(prescriber).get("/mottagare/424242/")
    assert access_rows() == []
