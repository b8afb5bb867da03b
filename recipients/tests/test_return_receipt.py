"""Returkvitto (RET-5, DOC-3, DOC-4, REC-5, ACC-8): the return receipt PDF."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from recipients.services import return_devices
from recipients.tests.factories import DeviceFactory
from sesam.models import AccessLog


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def _return(by, location, *devices, scrap=()):
    return return_devices(
        by=by,
        recipient=devices[0].recipient,
        service_location=location,
        device_ids=[d.pk for d in devices],
        scrap_ids=[d.pk for d in scrap],
    )


def _receipt_url(ret):
    return f"/mottagare/{ret.recipient_id}/retur/{ret.number}/returkvitto.pdf"


def test_ret_5_the_receipt_lists_the_returned_devices(
    client_as, prescriber, hearing_aid, domes, cheap_main, lund
):
    ret = _return(prescriber, lund, hearing_aid, domes, cheap_main, scrap=[cheap_main])
    response = client_as(prescriber).get(_receipt_url(ret))
    text = pdf_text(response)
    assert f"returkvitto-{ret.number}.pdf" in response["Content-Disposition"]
    for expected in [
        "Returkvitto",
        ret.number,
        "Tolvan Tolvansson",
        "19121212-1212",
        "Klostergatan 12",
        hearing_aid.article.number,
        "Hörapparat Vita 3 BTE",
        "7000001",
        "Dome öppen 8 mm, 10-pack",
        "fp",
        ret.returned_on.isoformat(),
        "Hörselmottagningen Lund",
        "Till lager 4101",
        "Skrotad",
        "Anna Audionom",
    ]:
        assert expected in text, expected


def test_rec_5_no_address_on_the_receipt_under_protected_identity(
    client_as, prescriber, protected, lund
):
    device = DeviceFactory(recipient=protected)
    ret = _return(prescriber, lund, device)
    text = pdf_text(client_as(prescriber).get(_receipt_url(ret)))
    assert "Maria Lindqvist" in text
    assert "Hemliga vägen" not in text and "252 21" not in text


def test_acc_8_the_receipt_is_logged(client_as, prescriber, hearing_aid, lund):
    ret = _return(prescriber, lund, hearing_aid)
    client_as(prescriber).get(_receipt_url(ret))
    row = AccessLog.objects.filter(action="return_receipt_pdf").get()
    assert (row.recipient_id, row.context) == (ret.recipient_id, {"number": ret.number})


@pytest.mark.parametrize("user", ["other_location_user", "private_prescriber"])
def test_acc_4_another_locations_user_gets_404_on_the_receipt(
    request, client_as, prescriber, hearing_aid, lund, user
):
    ret = _return(prescriber, lund, hearing_aid)
    response = client_as(request.getfixturevalue(user)).get(_receipt_url(ret))
    assert response.status_code == 404


def test_acc_4_the_receipt_of_another_recipient_is_404(
    client_as, prescriber, hearing_aid, lund, protected
):
    ret = _return(prescriber, lund, hearing_aid)
    url = f"/mottagare/{protected.pk}/retur/{ret.number}/returkvitto.pdf"
    assert client_as(prescriber).get(url).status_code == 404
