"""Kvittera direktleverans through the client (RCV-1…RCV-8, ACC-4, ACC-5)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inventory.models import Individual, StockBalance
from inventory.tests.factories import ArticleFactory
from orders import services
from orders.models import PurchaseOrder, Receipt
from orders.tests.supply import direct_articles, prescription, refill, refill_lines
from recipients.models import Device

HTMX = {"HX-Request": "true"}
URL = reverse("orders:receive")


@pytest.fixture
def delivery(prescriber, lund):
    """A refill to Lund via 750: 2 hearing aids (individual) and 3 earmoulds (price 0) from
    Audiola, 4 domes from Hörteknik; purchase orders created."""
    hearing_aid, earmould, domes = direct_articles()
    order = refill_lines(prescriber, lund, [(hearing_aid, 2), (earmould, 3), (domes, 4)])
    services.create_purchase_orders(by=prescriber, order=order)
    return order


def _lines(order):
    return list(order.lines.order_by("position"))


def _po(order, supplier):
    return PurchaseOrder.objects.get(order=order, supplier__name=supplier)


def _post(client, number, kind="inkop", **data):
    return client.post(URL, {"typ": kind, "nummer": number, **data})


def _full_receipt(order):
    hearing_aid, earmould, _domes = _lines(order)
    return {
        "action": "kvittera",
        "rad": [hearing_aid.pk, earmould.pk],
        f"pris_{earmould.pk}": "125,50",
        f"individ_{hearing_aid.pk}_0": "au-1001",
        f"serie_{hearing_aid.pk}_0": "S1",
        f"individ_{hearing_aid.pk}_1": "AU-1002",
        f"serie_{hearing_aid.pk}_1": "S2",
    }


def test_rcv_1_a_purchase_order_lists_its_open_lines_with_their_po_number(
    client_as, colleague, delivery
):
    po = _po(delivery, "Audiola AB")
    response = client_as(colleague).get(URL, {"typ": "inkop", "nummer": po.number})
    assert response.status_code == 200
    assert "Hörapparat Audiola 7" in response.text and "Öronpropp special" in response.text
    assert "Dome 8 mm" not in response.text
    assert response.text.count(f"<td>{po.number}</td>") == 2


def test_rcv_2_an_order_number_lists_all_its_open_lines_on_750(client_as, colleague, delivery):
    response = client_as(colleague).get(URL, {"typ": "bestallning", "nummer": delivery.number})
    assert all(name in response.text for name in ["Hörapparat Audiola 7", "Dome 8 mm"])
    assert 'data-select-all="rad"' in response.text
    assert "Det går inte att delkvittera en rad" in response.text  # RCV-5


def test_rcv_1_not_found_says_so_and_suggests_the_other_kind(client_as, colleague, delivery):
    response = client_as(colleague).get(URL, {"typ": "inkop", "nummer": delivery.number})
    assert response.status_code == 404
    assert f"Inköpsnummer {delivery.number} finns inte" in response.text
    assert "Numret är ett beställningsnummer – välj Beställningsnummer" in response.text


def test_rcv_1_an_unknown_number_suggests_checking_it(client_as, colleague, lund):
    response = client_as(colleague).get(URL, {"typ": "bestallning", "nummer": "26019999"})
    assert response.status_code == 404
    assert "prova igen" in response.text


@pytest.mark.parametrize(
    "query", [{"typ": "inkop", "nummer": "123"}, {"typ": "x", "nummer": "12345678"}]
)
def test_rcv_1_a_malformed_query_gets_a_message(client_as, colleague, lund, query):
    response = client_as(colleague).get(URL, query)
    assert response.status_code == 422
    assert "Ange hela numret" in response.text or "Välj Inköpsnummer" in response.text


def test_rcv_1_without_a_number_lists_what_waits_for_a_receipt(client_as, colleague, delivery):
    page = client_as(colleague).get(URL).text
    assert "Okvitterade direktleveranser" in page and delivery.number in page


def test_rcv_1_htmx_returns_the_partial(client_as, colleague, delivery):
    response = client_as(colleague).get(
        URL, {"typ": "bestallning", "nummer": delivery.number}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<div id="receive"')


def test_acc_4_another_locations_number_is_not_found(client_as, other_location_user, delivery):
    client = client_as(other_location_user)
    po = _po(delivery, "Audiola AB")
    for response in (
        client.get(URL, {"typ": "inkop", "nummer": po.number}),
        client.get(URL, {"typ": "bestallning", "nummer": delivery.number}),
        _post(client, po.number, **_full_receipt(delivery)),
    ):
        assert response.status_code == 404
        assert "Hörapparat Audiola 7" not in response.text
        assert "Numret är ett" not in response.text  # never hints that it exists
    assert not Receipt.objects.exists()


def test_rcv_7_acc_5_a_colleague_receives_a_purchase_order(client_as, colleague, lund, delivery):
    po = _po(delivery, "Audiola AB")
    response = _post(client_as(colleague), po.number, **_full_receipt(delivery))
    assert response.status_code == 302
    assert response.url == f"{URL}?typ=inkop&nummer={po.number}"
    hearing_aid, earmould, domes = _lines(delivery)
    balance = {
        b.article_id: b.quantity for b in StockBalance.objects.filter(warehouse=lund.warehouse)
    }
    assert (balance[hearing_aid.article_id], balance[earmould.article_id]) == (2, 3)
    individuals = Individual.objects.filter(article=hearing_aid.article).order_by("number")
    assert [(i.number, i.serial_number, i.warehouse_id) for i in individuals] == [
        ("AU-1001", "S1", lund.warehouse.pk),
        ("AU-1002", "S2", lund.warehouse.pk),
    ]
    assert individuals[0].purchase_price == hearing_aid.unit_price
    receipts = {r.line_id: r for r in Receipt.objects.all()}
    assert receipts[earmould.pk].unit_price == Decimal("125.50")  # RCV-8
    assert receipts[earmould.pk].by == colleague
    domes.refresh_from_db()
    assert domes.status == "registered"
    page = client_as(colleague).get(response.url).text
    assert "Kvittensen är registrerad: 2 rader" in page
    assert "Det finns inga okvitterade rader" in page


def test_rcv_7_a_double_post_receives_once(client_as, colleague, lund, delivery):
    client = client_as(colleague)
    po = _po(delivery, "Audiola AB")
    assert _post(client, po.number, **_full_receipt(delivery)).status_code == 302
    again = _post(client, po.number, **_full_receipt(delivery))
    assert again.status_code == 409
    assert "redan levererad" in again.text
    assert Receipt.objects.count() == 2
    earmould = _lines(delivery)[1]
    balance = StockBalance.objects.get(warehouse=lund.warehouse, article=earmould.article)
    assert balance.quantity == 3


def test_rcv_3_a_price_0_line_needs_its_unit_price(client_as, colleague, delivery):
    data = _full_receipt(delivery)
    earmould = _lines(delivery)[1]
    data[f"pris_{earmould.pk}"] = ""
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 422
    assert "Ange á-pris för Öronpropp special" in response.text
    assert "dela den med antalet (3)" in response.text
    assert not Receipt.objects.exists()


@pytest.mark.parametrize("price", ["0", "-5", "tolv", "1,234"])
def test_rcv_3_a_wrong_price_gets_a_message(client_as, colleague, delivery, price):
    data = _full_receipt(delivery)
    data[f"pris_{_lines(delivery)[1].pk}"] = price
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 422
    assert "Ange" in response.text
    assert not Receipt.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"individ": ""}, "Ange individnummer."),
        ({"serie": ""}, "Ange serienummer."),
        ({"individ": "AU-1002"}, "Individnumret AU-1002 är angivet två gånger."),
    ],
)
def test_rcv_4_individual_and_serial_numbers_per_unit(
    client_as, colleague, delivery, change, message
):
    data = _full_receipt(delivery)
    hearing_aid = _lines(delivery)[0]
    for field, value in change.items():
        data[f"{field}_{hearing_aid.pk}_0"] = value
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 422
    assert message in response.text
    assert not Receipt.objects.exists() and not Individual.objects.exists()


def test_rcv_4_an_existing_individual_number_is_refused(client_as, colleague, delivery):
    Individual.objects.create(number="AU-1001", article=ArticleFactory(is_individual=True))
    response = _post(
        client_as(colleague), delivery.number, "bestallning", **_full_receipt(delivery)
    )
    assert response.status_code == 409
    assert "Individnumret AU-1001 finns redan" in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Receipt.objects.exists()


def test_rcv_5_a_line_is_received_whole(client_as, colleague, lund, delivery):
    domes = _lines(delivery)[2]
    response = _post(
        client_as(colleague),
        delivery.number,
        "bestallning",
        action="kvittera",
        rad=[domes.pk],
        antal="1",  # there is no partial quantity: ignored
    )
    assert response.status_code == 302
    balance = StockBalance.objects.get(warehouse=lund.warehouse, article=domes.article)
    assert balance.quantity == 4


def test_rcv_nothing_ticked_gets_a_message(client_as, colleague, delivery):
    response = _post(client_as(colleague), delivery.number, "bestallning", action="kvittera")
    assert response.status_code == 422
    assert "Markera de rader som har levererats." in response.text


def test_rcv_6_cancel_lines_asks_first_then_cancels(client_as, colleague, delivery):
    client = client_as(colleague)
    domes = _lines(delivery)[2]
    ask = _post(client, delivery.number, "bestallning", action="makulera", rad=[domes.pk])
    assert ask.status_code == 200
    assert "Ja, makulera" in ask.text and "leverantören får veta" in ask.text
    domes.refresh_from_db()
    assert domes.status == "registered"
    done = _post(
        client, delivery.number, "bestallning", action="makulera-bekraftat", rad=[domes.pk]
    )
    assert done.status_code == 302
    domes.refresh_from_db()
    assert domes.status == "cancelled"
    assert "Glöm inte att meddela leverantören" in client.get(done.url).text


def test_rcv_7_a_prescription_line_becomes_the_recipients_device(
    client_as, colleague, prescriber, tolvan, lund, purchasing_warehouse
):
    order = prescription(prescriber, tolvan, lund, ArticleFactory(name="Laddkit"), quantity=1)
    (line,) = _lines(order)
    response = _post(
        client_as(colleague), order.number, "bestallning", action="kvittera", rad=[line.pk]
    )
    assert response.status_code == 302
    assert Device.objects.get(order_line_id=line.pk).status == "delivered"
    order.refresh_from_db()
    assert order.status == "delivered"


def test_rcv_7_a_ticked_line_of_another_order_is_refused(client_as, colleague, delivery, lund):
    other = refill(colleague, lund, ArticleFactory())
    (line,) = _lines(other)
    response = _post(
        client_as(colleague), delivery.number, "bestallning", action="kvittera", rad=[line.pk]
    )
    assert response.status_code == 422
    assert "Raden finns inte på det här numret." in response.text
    assert not Receipt.objects.exists()


def _count_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_rcv_2_query_count_does_not_grow_with_the_lines(client_as, colleague, prescriber, lund):
    client = client_as(colleague)
    small = refill(prescriber, lund, ArticleFactory(is_individual=True), quantity=1)
    few = _count_queries(client, URL, {"typ": "bestallning", "nummer": small.number})
    articles = [ArticleFactory(is_individual=i % 2 == 0, price=i % 3) for i in range(8)]
    big = refill(prescriber, lund, *articles, quantity=3)
    services.create_purchase_orders(by=prescriber, order=big)
    assert _count_queries(client, URL, {"typ": "bestallning", "nummer": big.number}) == few


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("individ", '=HYPERLINK("//evil.example","Klicka")'),
        ("serie", '=HYPERLINK("//evil.example","Klicka")'),
        ("serie", "+46 123"),
        ("serie", "@SUM(A1)"),
        ("individ", "-2+3"),
    ],
)
def test_bil_6_ind_d123_a_formula_is_no_individual_or_serial_number(
    client_as, colleague, delivery, field, value
):
    data = _full_receipt(delivery)
    data[f"{field}_{_lines(delivery)[0].pk}_0"] = value
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 422
    assert "börjar med en bokstav eller siffra" in response.text
    assert not Receipt.objects.exists() and not Individual.objects.exists()


def test_bey_6_a_scan_in_serienummer_fills_serial_lot_and_expiry(client_as, colleague, delivery):
    hearing_aid = _lines(delivery)[0]
    hearing_aid.article.gtin = "07350000401103"
    hearing_aid.article.save()
    data = _full_receipt(delivery)
    data[f"serie_{hearing_aid.pk}_0"] = "]d2010735000040110317281231" + "10LOT7\x1d21SN-77"
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 302
    individual = Individual.objects.get(number="AU-1001")
    assert (individual.serial_number, individual.lot) == ("SN-77", "LOT7")
    assert individual.expiry_date.isoformat() == "2028-12-31"


def test_bey_6_a_scan_of_another_article_is_refused_naming_both(client_as, colleague, delivery):
    hearing_aid = _lines(delivery)[0]
    hearing_aid.article.gtin = "07350000401103"
    hearing_aid.article.save()
    other = ArticleFactory(number="40120", name="Hörapparat Vita 7", gtin="07350000401202")
    data = _full_receipt(delivery)
    data[f"serie_{hearing_aid.pk}_0"] = f"(01){other.gtin}(21)SN-1"
    response = _post(client_as(colleague), delivery.number, "bestallning", **data)
    assert response.status_code == 422
    assert "Streckkoden är för 40120 Hörapparat Vita 7" in response.text
    assert hearing_aid.article.name in response.text
    assert not Receipt.objects.exists()
