"""Retur till leverantör (RET-6, ACC-6, STK-4, DOC-3, DOC-4): from the individual's page;
reason Kreditering, comment required; Skapa retur → the individual leaves the stock; the
return slip PDF to pack with the device."""

import uuid
from io import BytesIO

import pytest
from pypdf import PdfReader

from inventory import services
from inventory.exceptions import IndividualUnavailable, SupplierReturnRefused
from inventory.models import (
    Individual,
    IndividualEvent,
    StockBalance,
    StockMovement,
    SupplierReturn,
)
from inventory.services import NewIndividual
from inventory.tests.checks import assert_balances_are_sums_of_movements
from inventory.tests.factories import ArticleFactory, IndividualFactory, SupplierFactory
from sesam.tests.concurrency import race


@pytest.fixture
def in_lund(lund, prescriber):
    supplier = SupplierFactory(
        name="Nordljud Hörselteknik AB", street="Industrigatan 12", postal_code="212 25"
    )
    article = ArticleFactory(
        is_individual=True, supplier=supplier, name="Hörapparat Aria 5 RIC", supplier_number="NL-A5"
    )
    (individual,) = services.create_individuals(
        article=article,
        warehouse=lund.warehouse,
        individuals=[NewIndividual("4101202", serial_number="NL24118842")],
        by=prescriber,
    )
    return individual


def _url(individual, suffix=""):
    return f"/individ/{individual.pk}/retur-till-leverantor/{suffix}"


def _return(by, individual, comment="Felbeställd: fel modell.", key=None):
    return services.return_to_supplier(by=by, individual=individual, comment=comment, key=key)


def test_ret_6_the_individual_leaves_the_stock(prescriber, in_lund, lund):
    done = _return(prescriber, in_lund)
    in_lund.refresh_from_db()
    assert (in_lund.status, in_lund.warehouse) == (Individual.Status.RETURNED_TO_SUPPLIER, None)
    assert (done.reason, done.supplier) == ("credit", in_lund.article.supplier)
    assert done.warehouse == lund.warehouse
    balance = StockBalance.objects.get(warehouse=lund.warehouse, article=in_lund.article)
    assert balance.quantity == 0
    assert_balances_are_sums_of_movements()


def test_stk_4_a_supplier_return_is_a_movement_and_an_event(prescriber, in_lund, lund):
    done = _return(prescriber, in_lund)
    movement = StockMovement.objects.filter(reason="supplier_return").get()
    assert (movement.quantity, movement.reference, movement.by) == (-1, done.number, prescriber)
    event = in_lund.events.get(kind=IndividualEvent.Kind.RETURNED_TO_SUPPLIER)
    assert (event.from_value, event.to_value, event.reference) == (
        "4101",
        "Nordljud Hörselteknik AB",
        done.number,
    )


def test_ret_6_the_comment_is_required(prescriber, in_lund):
    with pytest.raises(SupplierReturnRefused, match="Kommentar"):
        _return(prescriber, in_lund, comment="   ")
    in_lund.refresh_from_db()
    assert in_lund.status == Individual.Status.IN_STOCK


def test_acc_6_an_individual_in_another_locations_store_is_refused(other_location_user, in_lund):
    with pytest.raises(SupplierReturnRefused, match="inte hör till"):
        _return(other_location_user, in_lund)
    assert not SupplierReturn.objects.exists()


def test_acc_6_an_individual_in_the_central_store_is_refused(prescriber, central_warehouse):
    individual = IndividualFactory(warehouse=central_warehouse)
    with pytest.raises(SupplierReturnRefused, match="inte hör till"):
        _return(prescriber, individual)


def test_ret_6_a_returned_individual_cannot_be_returned_again(prescriber, in_lund):
    _return(prescriber, in_lund)
    with pytest.raises(SupplierReturnRefused, match="ligger inte i lager"):
        _return(prescriber, in_lund)


def test_ret_6_the_same_key_twice_is_one_return(prescriber, in_lund):
    key = uuid.uuid4()
    assert _return(prescriber, in_lund, key=key) == _return(prescriber, in_lund, key=key)
    assert StockMovement.objects.filter(reason="supplier_return").count() == 1


@pytest.mark.django_db(transaction=True)
def test_ret_6_returned_twice_at_once_is_returned_once(prescriber, colleague, in_lund, lund):
    stale = [Individual.objects.get(pk=in_lund.pk) for _ in range(2)]
    results = race(lambda: _return(prescriber, stale[0]), lambda: _return(colleague, stale[1]))
    assert sum(isinstance(r, IndividualUnavailable) for r in results) == 1
    assert SupplierReturn.objects.count() == 1
    assert_balances_are_sums_of_movements()


# --- The pages ---------------------------------------------------------------------------------


def test_ret_6_the_individual_page_offers_retur_till_leverantor(client_as, prescriber, in_lund):
    html = client_as(prescriber).get(f"/individ/{in_lund.pk}/").content.decode()
    assert f'href="{_url(in_lund)}"' in html


def test_acc_6_outside_the_users_stores_the_entry_is_disabled_with_the_reason(
    client_as, prescriber, central_warehouse
):
    individual = IndividualFactory(warehouse=central_warehouse)
    html = client_as(prescriber).get(f"/individ/{individual.pk}/").content.decode()
    assert 'disabled aria-describedby="supplier-return-reason">Retur till leverantör' in html
    assert "Du kan bara returnera individer från ditt eget lager." in html
    assert _url(individual) not in html


def test_ret_6_the_form_has_kreditering_and_kommentar(client_as, prescriber, in_lund):
    html = client_as(prescriber).get(_url(in_lund)).content.decode()
    assert 'value="Kreditering" readonly' in html
    assert "Kommentar" in html and "Skapa retur" in html
    assert "kontakta Hjälpmedel" in html  # non-individual articles (RET-6)


def test_ret_6_skapa_retur_leads_to_the_slip(client_as, prescriber, in_lund):
    client = client_as(prescriber)
    data = {"key": str(uuid.uuid4()), "comment": "Felbeställd: fel modell."}
    response = client.post(_url(in_lund), data)
    done = SupplierReturn.objects.get()
    assert response["Location"] == _url(in_lund, f"{done.number}/")
    page = client.get(response["Location"]).content.decode()
    assert done.number in page and "Skapa pdf" in page and "Kreditering" in page


def test_ret_6_double_submit_is_one_return(client_as, prescriber, in_lund):
    client, data = client_as(prescriber), {"key": str(uuid.uuid4()), "comment": "Fel modell."}
    first, second = client.post(_url(in_lund), data), client.post(_url(in_lund), data)
    assert first["Location"] == second["Location"]
    assert SupplierReturn.objects.count() == 1


def test_ret_6_an_empty_comment_is_422_with_a_message(client_as, prescriber, in_lund):
    response = client_as(prescriber).post(_url(in_lund), {"key": str(uuid.uuid4()), "comment": ""})
    assert response.status_code == 422
    assert "Skriv i Kommentar varför individen returneras." in response.content.decode()
    in_lund.refresh_from_db()
    assert in_lund.status == Individual.Status.IN_STOCK


def test_acc_6_posting_for_an_individual_outside_the_users_stores_is_409(
    client_as, prescriber, central_warehouse
):
    individual = IndividualFactory(warehouse=central_warehouse)
    response = client_as(prescriber).post(
        _url(individual), {"key": str(uuid.uuid4()), "comment": "Fel modell."}
    )
    assert response.status_code == 409
    assert not SupplierReturn.objects.exists()


def test_acc_4_another_locations_user_gets_404_on_page_return_and_slip(
    client_as, prescriber, other_location_user, in_lund
):
    done = _return(prescriber, in_lund)
    client = client_as(other_location_user)
    assert client.get(_url(in_lund, f"{done.number}/")).status_code == 404
    assert client.get(_url(in_lund, f"{done.number}/retursedel.pdf")).status_code == 404


def test_acc_4_the_form_for_another_locations_individual_is_404(
    client_as, other_location_user, lund
):
    individual = IndividualFactory(warehouse=lund.warehouse)
    assert client_as(other_location_user).get(_url(individual)).status_code == 404


def test_doc_3_the_return_slip(client_as, prescriber, in_lund):
    done = _return(prescriber, in_lund, comment="Felbeställd: fel modell.")
    response = client_as(prescriber).get(_url(in_lund, f"{done.number}/retursedel.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert f"retursedel-{done.number}.pdf" in response["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    for expected in [
        "Retursedel",
        done.number,
        "Nordljud Hörselteknik AB",
        "Industrigatan 12",
        "212 25",
        in_lund.article.number,
        "NL-A5",
        "Hörapparat Aria 5 RIC",
        "4101202",
        "NL24118842",
        "Kreditering",
        "Felbeställd: fel modell.",
        "Hörselmottagningen Lund",
    ]:
        assert expected in text, expected


def test_ret_6_the_status_tab_links_the_slip(client_as, prescriber, in_lund):
    done = _return(prescriber, in_lund)
    html = client_as(prescriber).get(f"/individ/{in_lund.pk}/?flik=status").content.decode()
    assert "Returnerad till leverantör" in html
    assert _url(in_lund, f"{done.number}/retursedel.pdf") in html


def test_individual_page_htmx_tab_still_returns_the_partial(client_as, prescriber, in_lund):
    response = client_as(prescriber).get(
        f"/individ/{in_lund.pk}/?flik=status", HTTP_HX_REQUEST="true"
    )
    assert response.content.decode().lstrip().startswith('<div id="tabs">')


def test_ret_6_hjalpmedel_sees_supplier_returns_in_admin(client_as, staff, prescriber, in_lund):
    done = _return(prescriber, in_lund)
    response = client_as(staff).get("/admin/inventory/supplierreturn/")
    assert response.status_code == 200
    assert done.number in response.text and "4101202" in response.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"key": "nej", "comment": "Fel modell."}, "Formulärets nyckel är ogiltig."),
        ({"comment": "Fel modell."}, "Formuläret saknar sin nyckel."),
        ({"key": str(uuid.uuid4()), "comment": "x" * 1001}, "högst 1000 tecken"),
    ],
)
def test_ret_6_bad_input_gets_a_swedish_message_and_422(
    client_as, prescriber, in_lund, data, message
):
    response = client_as(prescriber).post(_url(in_lund), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SupplierReturn.objects.exists()
