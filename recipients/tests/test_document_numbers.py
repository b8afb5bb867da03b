"""DOC-4 (issue 13, item 4): each printed Låneförbindelse and Hjälpmedelslista has its own
number — as text and barcode in the PDF and in the file name — and is recorded."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from recipients.tests.factories import DeviceFactory
from sesam.models import Document, NumberSeries


@pytest.fixture
def device(tolvan, prescriber, lund):
    return DeviceFactory(recipient=tolvan, prescriber=prescriber, service_location=lund)


def _text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def _print(client, recipient, device):
    url = f"/mottagare/{recipient.pk}/lanforbindelse.pdf"
    return client.get(url, {"typ": "lan", "hjalpmedel": [device.pk]})


def test_doc_4_two_loan_agreements_the_same_day_get_different_numbers(
    client_as, prescriber, tolvan, device, lund
):
    client = client_as(prescriber)
    first, second = _print(client, tolvan, device), _print(client, tolvan, device)
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) == 2 and documents[0].number != documents[1].number
    for response, document in zip([first, second], documents, strict=True):
        assert document.number in _text(response)
        assert f"laneforbindelse-{document.number}.pdf" in response["Content-Disposition"]
    assert (documents[0].kind, documents[0].recipient_id, documents[0].by) == (
        "loan_agreement",
        tolvan.pk,
        prescriber,
    )
    assert documents[0].reference == str(device.pk)


def test_doc_4_eget_agande_is_recorded_as_its_kind(client_as, prescriber, tolvan, device):
    url = f"/mottagare/{tolvan.pk}/lanforbindelse.pdf"
    client_as(prescriber).get(url, {"typ": "eget-agande", "hjalpmedel": [device.pk]})
    assert Document.objects.get().kind == "ownership"


def test_doc_4_a_refused_form_records_no_document(client_as, prescriber, tolvan, device):
    client_as(prescriber).get(f"/mottagare/{tolvan.pk}/lanforbindelse.pdf", {"typ": "lan"})
    assert not Document.objects.exists()


def test_ord_10_doc_d120_many_prints_leave_the_order_series_alone(
    client_as, prescriber, tolvan, device
):
    client = client_as(prescriber)
    for _ in range(12):
        assert _print(client, tolvan, device).status_code == 200
        assert client.get(f"/mottagare/{tolvan.pk}/hjalpmedelslista.pdf").status_code == 200
    assert Document.objects.count() == 24
    assert not NumberSeries.objects.exists()  # the orders' weekly series: not one number used
