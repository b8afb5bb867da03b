"""DOC-1, DOC-4, REC-7: Låneförbindelse / Eget ägande and Hjälpmedelslista as PDFs."""

import datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from recipients.models import Device
from recipients.tests.factories import DeviceFactory, IndividualFactory, RecipientFactory
from sesam.models import Document

HTMX = {"HTTP_HX_REQUEST": "true"}


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


@pytest.fixture
def hearing_aid(tolvan, prescriber, lund):
    individual = IndividualFactory(number="HA-2026-0007")
    return DeviceFactory(
        recipient=tolvan,
        article=individual.article,
        individual=individual,
        prescriber=prescriber,
        service_location=lund,
        order_number="26480017",
    )


def test_doc_1_form_preselects_eget_agande_for_adults(client_as, prescriber, tolvan, hearing_aid):
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/lanforbindelse/").content.decode()
    assert '<option value="eget-agande" selected>' in html
    assert "Skapa pdf" in html
    assert f'action="/mottagare/{tolvan.pk}/lanforbindelse/"' in html  # checked before the tab
    assert hearing_aid.article.name in html


def test_doc_1_form_preselects_lan_for_children(client_as, prescriber):
    child = RecipientFactory(personnummer="201205042383")
    DeviceFactory(recipient=child)
    html = client_as(prescriber).get(f"/mottagare/{child.pk}/lanforbindelse/").content.decode()
    assert '<option value="lan" selected>' in html


def test_doc_1_form_under_htmx_is_a_dialog_with_stang(client_as, prescriber, tolvan, hearing_aid):
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/lanforbindelse/", **HTMX)
    html = html.content.decode()
    assert html.lstrip().startswith("<dialog")
    assert "data-close-dialog>Stäng</button>" in html


def test_doc_1_form_ticks_the_devices_of_an_order(client_as, prescriber, tolvan, hearing_aid):
    other = DeviceFactory(recipient=tolvan, order_number="26480018")
    url = f"/mottagare/{tolvan.pk}/lanforbindelse/?bestallning=26480017"
    html = client_as(prescriber).get(url).content.decode()
    assert f'value="{hearing_aid.pk}" id="device-{hearing_aid.pk}" checked' in html
    assert f'value="{other.pk}" id="device-{other.pk}">' in html


def test_doc_1_loan_agreement_pdf_has_everything(client_as, prescriber, tolvan, hearing_aid, lund):
    url = f"/mottagare/{tolvan.pk}/lanforbindelse.pdf"
    response = client_as(prescriber).get(url, {"typ": "lan", "hjalpmedel": [hearing_aid.pk]})
    text = pdf_text(response)
    number = Document.objects.get().number
    for expected in [
        "Låneförbindelse",
        "Tolvan Tolvansson",
        "19121212-1212",
        "Klostergatan 12",
        hearing_aid.article.number,
        hearing_aid.article.name,
        "HA-2026-0007",
        "Anna Audionom",
        "Hörselmottagningen Lund",
        "underskrift",
        number,
    ]:
        assert expected in text, expected
    assert (
        response["Content-Disposition"]
        == f'inline; filename="laneforbindelse-{number.lower()}.pdf"'
    )


def test_doc_1_eget_agande_pdf(client_as, prescriber, tolvan, hearing_aid):
    url = f"/mottagare/{tolvan.pk}/lanforbindelse.pdf"
    response = client_as(prescriber).get(
        url, {"typ": "eget-agande", "hjalpmedel": [hearing_aid.pk]}
    )
    assert "Eget ägande" in pdf_text(response)


def test_doc_1_pdf_without_devices_is_the_form_with_a_message(
    client_as, prescriber, tolvan, hearing_aid
):
    response = client_as(prescriber).get(
        f"/mottagare/{tolvan.pk}/lanforbindelse.pdf", {"typ": "lan"}
    )
    assert response.status_code == 422
    assert "Välj minst ett hjälpmedel" in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"typ": "x", "hjalpmedel": "1"}, {"typ": "lan", "hjalpmedel": "abc"}]
)
def test_doc_1_pdf_with_bad_input_is_422(client_as, prescriber, tolvan, hearing_aid, query):
    response = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/lanforbindelse.pdf", query)
    assert response.status_code == 422


def test_doc_1_pdf_refuses_another_recipients_device(client_as, prescriber, tolvan, hearing_aid):
    other = RecipientFactory()
    response = client_as(prescriber).get(
        f"/mottagare/{other.pk}/lanforbindelse.pdf", {"typ": "lan", "hjalpmedel": [hearing_aid.pk]}
    )
    assert response.status_code == 422


def test_doc_4_device_list_pdf_lists_delivered_devices_with_barcode_number(
    client_as, prescriber, tolvan, hearing_aid
):
    DeviceFactory(recipient=tolvan, status=Device.Status.ORDERED, article__name="Beställd sak")
    response = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/hjalpmedelslista.pdf")
    text = pdf_text(response)
    for expected in ["Hjälpmedelslista", "HA-2026-0007", "26480017", hearing_aid.article.number]:
        assert expected in text
    assert "Beställd sak" not in text
    number = Document.objects.get(kind="device_list").number
    assert number in text
    assert f"hjalpmedelslista-{number}.pdf" in response["Content-Disposition"]


def test_rec_9_doc_1_type_flips_on_the_20th_birthday(client_as, prescriber, time_machine):
    young = RecipientFactory(personnummer="200601012388")  # turns 20 on 2026-01-01
    DeviceFactory(recipient=young)
    url = f"/mottagare/{young.pk}/lanforbindelse/"
    time_machine.move_to(datetime.datetime(2025, 12, 31, 12, tzinfo=datetime.UTC))
    html = client_as(prescriber).get(url).content.decode()
    assert '<option value="lan" selected>' in html
    time_machine.move_to(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC))
    html = client_as(prescriber).get(url).content.decode()
    assert '<option value="eget-agande" selected>' in html
