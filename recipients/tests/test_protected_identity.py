"""REC-5: the address of a recipient with protected identity is never rendered — not on any
page, partial or PDF, nor in admin lists or the access log."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from recipients.tests.factories import DeviceFactory

STREET = "Hemliga vägen 77"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def device(protected, prescriber, lund):
    return DeviceFactory(recipient=protected, prescriber=prescriber, service_location=lund)


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    return response.content.decode()


def test_rec_5_address_absent_from_every_page_partial_and_pdf(
    client_as, prescriber, protected, device
):
    client = client_as(prescriber)
    base = f"/mottagare/{protected.pk}"
    responses = [
        client.post("/mottagare/", {"personnummer": protected.personnummer}, follow=True),
        client.get(f"{base}/"),
        client.get(f"{base}/?andra=telefon"),
        client.get(f"{base}/hjalpmedel/{device.pk}/"),
        client.get(f"{base}/lanforbindelse/"),
        client.get(f"{base}/lanforbindelse.pdf", {"typ": "lan", "hjalpmedel": [device.pk]}),
        client.get(f"{base}/lanforbindelse.pdf", {"typ": "eget-agande", "hjalpmedel": [device.pk]}),
        client.get(f"{base}/hjalpmedelslista.pdf"),
    ]
    responses.append(client.post(f"{base}/uppgift/telefon/", {"value": "bad!"}))
    partials = [client.get(f"{base}/?flik={tab}", **HTMX) for tab in ["hjalpmedel", "bestallt"]]
    partials += [
        client.get(f"{base}/?flik=aterlamnat", **HTMX),
        client.get(f"{base}/hjalpmedel/{device.pk}/", **HTMX),
        client.get(f"{base}/uppgift/telefon/?andra=1", **HTMX),
        client.post(f"{base}/uppgift/telefon/", {"value": "bad!"}, **HTMX),
        client.get(f"{base}/lanforbindelse/", **HTMX),
    ]
    for response in responses + partials:
        assert response.status_code in {200, 422}
        text = _text(response)
        if response not in partials:
            assert "Maria Lindqvist" in text  # the right recipient was rendered…
        for part in [STREET, "252 21", "Helsingborg"]:  # …without any part of the address
            assert part not in text, response.request["PATH_INFO"]


def test_rec_5_address_absent_from_admin_list_search_and_change_form(client_as, staff, protected):
    client = client_as(staff)
    for url in [
        "/admin/recipients/recipient/",
        "/admin/recipients/recipient/?q=Lindqvist",
        f"/admin/recipients/recipient/{protected.pk}/change/",
    ]:
        html = client.get(url).content.decode()
        assert "Lindqvist" in html
        assert STREET not in html, url
        assert "252 21" not in html, url
    # Searching by the street finds nothing (no address oracle).
    html = client.get("/admin/recipients/recipient/?q=Hemliga").content.decode()
    assert "Lindqvist" not in html


def test_rec_5_address_absent_from_the_access_log(client_as, prescriber, protected, device):
    from sesam.models import AccessLog

    client_as(prescriber).get(
        f"/mottagare/{protected.pk}/lanforbindelse.pdf", {"typ": "lan", "hjalpmedel": [device.pk]}
    )
    for row in AccessLog.objects.all():
        assert STREET not in str(row.context)
        assert STREET not in str(row)


def test_rec_5_non_protected_address_is_shown(client_as, prescriber, tolvan):
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert "Klostergatan 12" in html
