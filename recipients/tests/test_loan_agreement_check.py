"""DOC-1 (issue 13, item 3): Skapa pdf checks the Låneförbindelse form in place; only a valid
form leads to the PDF (a link Öppna pdf that the script opens in a new tab)."""

from html import unescape

import pytest

from recipients.tests.factories import DeviceFactory
from sesam.models import AccessLog

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def device(tolvan, prescriber, lund):
    return DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)


def _check(client, recipient, query, **headers):
    url = f"/mottagare/{recipient.pk}/lanforbindelse/"
    return client.get(url, {"skapa": "1", **query}, **headers)


def test_doc_1_no_device_ticked_keeps_the_form_with_its_message(
    client_as, prescriber, tolvan, device
):
    response = _check(client_as(prescriber), tolvan, {"typ": "lan"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Välj minst ett hjälpmedel att ta med på dokumentet." in html
    assert "Öppna pdf" not in html
    assert AccessLog.objects.get().action == "loan_agreement_rejected"


def test_doc_1_valid_form_offers_the_pdf_in_a_new_tab(client_as, prescriber, tolvan, device):
    response = _check(client_as(prescriber), tolvan, {"typ": "lan", "hjalpmedel": device.pk})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    pdf = f"/mottagare/{tolvan.pk}/lanforbindelse.pdf?typ=lan&hjalpmedel={device.pk}"
    assert f'<a href="{pdf}" target="_blank" data-open-pdf data-focus>Öppna pdf</a>' in html
    assert f'value="{device.pk}" id="device-{device.pk}" checked' in html
    assert AccessLog.objects.get().action == "loan_agreement_form"


def test_doc_1_check_under_htmx_returns_the_dialog_or_the_section(
    client_as, prescriber, tolvan, device
):
    client = client_as(prescriber)
    in_dialog = _check(client, tolvan, {"typ": "lan", "dialog": "1"}, **HTMX).content.decode()
    assert in_dialog.lstrip().startswith('<dialog id="loan-agreement"')
    on_page = _check(client, tolvan, {"typ": "lan"}, **HTMX).content.decode()
    assert on_page.lstrip().startswith('<section id="loan-agreement"')


def test_doc_1_another_area_device_is_refused_in_place(client_as, prescriber, tolvan, device):
    other = DeviceFactory()
    response = _check(client_as(prescriber), tolvan, {"typ": "lan", "hjalpmedel": other.pk})
    assert response.status_code == 422
    assert "Välj bland mottagarens hjälpmedel i listan." in response.content.decode()
