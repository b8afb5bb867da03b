"""Skapa inköpsorder and the purchase order PDF through the client (ORD-8, DOC-2, ACC-4)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from orders import services
from orders.models import PurchaseOrder
from orders.tests.factories import stocked_article
from orders.tests.supply import direct_articles, refill


@pytest.fixture
def sent_refill(prescriber, lund):
    hearing_aid, earmould, domes = direct_articles()
    return refill(prescriber, lund, hearing_aid, earmould, domes)


def _create(client, order, back="skickad"):
    return client.post(
        reverse("orders:create_purchase_orders", args=[order.number]), {"tillbaka": back}
    )


def test_ord_8_confirmation_offers_skapa_inkopsorder(client_as, prescriber, sent_refill):
    page = client_as(prescriber).get(reverse("orders:sent", args=[sent_refill.number])).text
    assert "Skapa inköpsorder" in page and "Skapa pdf" not in page


def test_ord_8_one_purchase_order_per_supplier_and_a_double_post_creates_them_once(
    client_as, prescriber, sent_refill
):
    client = client_as(prescriber)
    first, second = _create(client, sent_refill), _create(client, sent_refill)
    assert first.status_code == second.status_code == 302
    assert first.url == reverse("orders:sent", args=[sent_refill.number])
    purchase_orders = PurchaseOrder.objects.filter(order=sent_refill).order_by("supplier__name")
    assert [po.supplier.name for po in purchase_orders] == ["Audiola AB", "Hörteknik AB"]
    assert all(line.purchase_order_id for line in sent_refill.lines.all())
    page = client.get(first.url).text
    assert "Inköpsordrarna är redan skapade." in page
    assert page.count(">Skapa pdf</a>") == 2 and "Skapa inköpsorder</button>" not in page
    assert "Skicka inköpsordern till leverantören med Skicka till leverantör" in page


def test_ord_8_from_the_order_page_returns_to_it(client_as, prescriber, sent_refill):
    response = _create(client_as(prescriber), sent_refill, back="detalj")
    assert response.url == reverse("orders:detail", args=[sent_refill.number])


def test_ord_8_not_offered_without_lines_on_750(client_as, prescriber, lund, central_warehouse):
    order = refill(prescriber, lund, stocked_article(central_warehouse, 10))
    page = client_as(prescriber).get(reverse("orders:sent", args=[order.number])).text
    assert "Skapa inköpsorder" not in page


def test_ord_8_a_cancelled_order_gets_a_message_and_409(client_as, prescriber, lund):
    order = refill(prescriber, lund, direct_articles()[2])
    services.cancel_order(by=prescriber, order=order)
    response = _create(client_as(prescriber), order)
    assert response.status_code == 409
    assert "skickad beställning" in response.text
    assert not PurchaseOrder.objects.exists()


def test_acc_4_another_locations_user_gets_404(
    client_as, prescriber, other_location_user, sent_refill
):
    _create(client_as(prescriber), sent_refill)
    po = PurchaseOrder.objects.first()
    client = client_as(other_location_user)
    assert _create(client, sent_refill).status_code == 404
    assert client.get(reverse("orders:purchase_order_pdf", args=[po.number])).status_code == 404
    assert client.get(reverse("orders:purchase_order_pdf", args=["garbage"])).status_code == 404


def test_doc_2_purchase_order_pdf_holds_supplier_lines_and_numbers(
    client_as, prescriber, lund, sent_refill
):
    client = client_as(prescriber)
    _create(client, sent_refill)
    po = PurchaseOrder.objects.get(supplier__name="Audiola AB")
    response = client.get(reverse("orders:purchase_order_pdf", args=[po.number]))
    assert response["Content-Type"] == "application/pdf"
    assert po.number in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [
        po.number,
        sent_refill.number,
        "Audiola AB",
        "Hörselgången 3",
        "211 20 Malmö",
        "AU-HA7",
        "AU-EAR",
        "Hörapparat Audiola 7",
        lund.street,
        prescriber.full_name,
    ]:
        assert expected in text, expected
    assert "HT-D8" not in text  # the other supplier's line is on its own purchase order
