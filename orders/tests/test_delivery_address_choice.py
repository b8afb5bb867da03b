"""ORD-6: Välj adress is a list (the unit's address, the patient's registered one, Ange adress
manuellt) that works without JavaScript; REC-5: never the patient's address under protected
identity. ORD-10, ORD-D121: a full week refuses Skicka beställning with 409, never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orders import services
from orders.exceptions import OrderRefused
from orders.models import Order
from orders.tests.factories import stocked_article
from recipients.tests.factories import RecipientFactory
from sesam.lib.numbers import week_key
from sesam.models import NumberSeries


def _cart(client_as, prescriber, lund, central_warehouse, personnummer):
    client = client_as(prescriber)
    client.post(
        reverse("orders:new"),
        {
            "personnummer": personnummer,
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "continue",
        },
    )
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    return client


@pytest.fixture
def client_in_cart(client_as, prescriber, tolvan, lund, central_warehouse):
    return _cart(client_as, prescriber, lund, central_warehouse, "191212121212")


def _send(client, choice, address, method="to_unit"):
    draft = Order.objects.get(status="draft")
    data = {"delivery_method": method, "address_choice": choice, "address": address}
    data |= {"contact": "Anna", "key": draft.idempotency_key}
    response = client.post(reverse("orders:delivery"), data)
    return response, Order.objects.get(pk=draft.pk)


def _unit_address(lund):
    return "\r\n".join(lund.address_lines)  # as a textarea posts it


def test_ord_6_list_offers_the_units_and_the_patients_address(client_in_cart, tolvan, lund):
    page = client_in_cart.get(reverse("orders:delivery")).text
    assert 'type="radio" name="address_choice" value="to_unit"' in page
    assert f'value="to_unit" id="id_address_choice_0" checked data-address="{lund.name}' in page
    assert f'data-address="Tolvan Tolvansson\n{tolvan.street}' in page
    assert "Ange adress manuellt" in page


def test_ord_6_patients_address_chosen_without_javascript_is_used(client_in_cart, tolvan, lund):
    response, order = _send(client_in_cart, "to_patient", _unit_address(lund))
    assert response.status_code == 302
    assert order.delivery_address == "\n".join(tolvan.address_lines)
    assert order.delivery_method == "to_patient"


def test_ord_6_units_address_chosen_is_used(client_in_cart, lund):
    _, order = _send(client_in_cart, "to_unit", "")
    assert order.delivery_address == "\n".join(lund.address_lines)


def test_ord_6_manual_address_is_used_as_typed(client_in_cart):
    _, order = _send(client_in_cart, "manual", "Storgatan 1\r\n222 20 Lund")
    assert order.delivery_address == "Storgatan 1\r\n222 20 Lund".strip()


def test_ord_6_manual_address_must_not_be_empty(client_in_cart):
    response, order = _send(client_in_cart, "manual", "  ")
    assert response.status_code == 422
    assert "Ange en leveransadress." in response.text
    assert order.status == "draft"


def test_ord_6_typed_address_wins_over_a_listed_choice(client_in_cart):
    _, order = _send(client_in_cart, "to_unit", "Hemvägen 3\n222 30 Lund")
    assert order.delivery_address == "Hemvägen 3\n222 30 Lund"


def test_rec_5_protected_recipient_is_not_offered_their_address(
    client_as, prescriber, lund, central_warehouse
):
    RecipientFactory(personnummer="194001079120", protected_identity=True, street="Hemlig väg 1")
    client = _cart(client_as, prescriber, lund, central_warehouse, "194001079120")
    page = client.get(reverse("orders:delivery")).text
    assert 'value="to_patient"' not in page.split('name="address_choice"', 1)[1]
    assert "Hemlig väg" not in page
    response, order = _send(client, "to_patient", _unit_address(lund))
    assert response.status_code == 422
    assert order.status == "draft"


@pytest.fixture
def client_with_protected(client_as, prescriber, lund, central_warehouse):
    RecipientFactory(personnummer="194001079120", protected_identity=True, street="Kungsgatan 3")
    return _cart(client_as, prescriber, lund, central_warehouse, "194001079120")


@pytest.mark.parametrize(
    "typed",
    ["Kungsgatan 3\n222 22 Lund", "KUNGSGATAN 3", "Kungsgatan  3", "Kungsg. 3", "Storgatan 1"],
)
def test_rec_5_no_typed_address_under_protected_identity(client_with_protected, typed):
    response, order = _send(client_with_protected, "manual", typed)
    assert response.status_code == 422 and order.status == "draft"
    assert order.delivery_address == ""
    response, order = _send(client_with_protected, "to_unit", typed)  # typed wins on the list
    assert response.status_code == 422 and order.status == "draft"
    assert "leveransen går till enhetens adress" in response.text


def test_rec_5_manual_entry_is_not_offered_under_protected_identity(client_with_protected):
    page = client_with_protected.get(reverse("orders:delivery")).text
    assert 'value="manual"' not in page and "readonly" in page


def test_rec_5_the_units_address_is_sent_under_protected_identity(client_with_protected, lund):
    response, order = _send(client_with_protected, "to_unit", _unit_address(lund).upper())
    assert response.status_code == 302 and order.status != "draft"
    assert order.delivery_address == "\n".join(lund.address_lines)


def test_rec_5_set_delivery_refuses_another_address_in_the_service(client_with_protected):
    draft = Order.objects.get(status="draft")
    with pytest.raises(OrderRefused, match="skyddad identitet"):
        services.set_delivery(
            by=draft.orderer, method="to_unit", address="Kungsg. 3", contact="", consolidated=False
        )


def test_home_6_delivery_help_explains_valj_adress(client_in_cart):
    assert "?sida=orders:delivery" in client_in_cart.get(reverse("orders:delivery")).text
    text = client_in_cart.get(reverse("help"), {"sida": "orders:delivery"}).text
    assert "Ange adress manuellt för att skriva en annan adress" in text


def test_ord_6_home_delivery_with_the_units_address_untouched_is_refused(client_in_cart, lund):
    response, order = _send(client_in_cart, "to_unit", _unit_address(lund), method="to_patient")
    assert response.status_code == 422
    assert "Leverans till patient: välj Patientens folkbokföringsadress" in response.text
    assert order.status == "draft"


def _fill_the_week():
    NumberSeries.objects.create(week=week_key(timezone.localdate()), last=9999)


def test_ord_10_a_full_week_refuses_skicka_bestallning_with_409(client_in_cart):
    _fill_the_week()
    response, order = _send(client_in_cart, "to_unit", "")
    assert response.status_code == 409
    assert "har slut på nummer (9999 använda)" in response.text
    assert "Inget av det du gjorde har sparats" in response.text and "från måndag" in response.text
    assert order.status == Order.Status.DRAFT and not order.number


def test_ord_10_under_htmx_the_message_replaces_the_page(client_in_cart):
    _fill_the_week()
    draft = Order.objects.get(status="draft")
    data = {"delivery_method": "to_unit", "address_choice": "to_unit", "address": ""}
    data |= {"contact": "Anna", "key": draft.idempotency_key}
    response = client_in_cart.post(reverse("orders:delivery"), data, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert response["HX-Retarget"] == "body"
    assert "har slut på nummer" in response.text
