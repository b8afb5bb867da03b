"""Lagerpåfyllnad through the client (ORD-14, ACC-7, ART-7): step 1, the line dialog, the cart
with − / +, sending."""

import re

import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory
from orders import services
from orders.models import Order
from orders.tests.factories import stocked_article

HTMX = {"HX-Request": "true"}


@pytest.fixture
def refill_cart(client_as, prescriber, lund):
    client = client_as(prescriber)
    client.post(reverse("orders:refill"), {"service_location": lund.pk})
    return client


def _line(prescriber, article, quantity=2):
    return services.add_line(by=prescriber, article=article, quantity=quantity, source="central")


def test_ord_14_step_1_shows_the_locations_and_their_warehouses(client_as, prescriber, lund):
    response = client_as(prescriber).get(reverse("orders:refill"))
    assert response.status_code == 200
    assert "Hörselmottagningen Lund – lager 4101" in response.text
    assert "Hörselmottagningen Malmö – lager 4102" in response.text
    assert "Leverans till mottagning/enhet" in response.text


def test_ord_14_htmx_choice_returns_the_side_panel_with_its_warehouse(client_as, prescriber, malmo):
    response = client_as(prescriber).get(
        reverse("orders:refill"), {"service_location": malmo.pk}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<aside id="refill-choices"')
    assert "4102 Eget förråd Malmö" in response.text and "<html" not in response.text


def test_ord_14_next_starts_the_refill_cart(refill_cart, prescriber, lund):
    draft = Order.objects.get(orderer=prescriber, status="draft")
    assert (draft.kind, draft.service_location) == ("refill", lund)
    assert "Pågående lagerpåfyllnad" in refill_cart.get(reverse("start")).text
    articles = refill_cart.get(reverse("orders:add_articles")).text
    assert "Klicka på Pågående lagerpåfyllnad i den blå listen" in articles


def test_ord_14_next_redirects_to_ange_artiklar(client_as, prescriber, lund):
    response = client_as(prescriber).post(reverse("orders:refill"), {"service_location": lund.pk})
    assert response.status_code == 302 and response.url == reverse("orders:add_articles")


def test_ord_14_acc_7_private_clinic_is_refused(client_as, private_prescriber, ystad):
    client = client_as(private_prescriber)
    for response in (
        client.get(reverse("orders:refill")),
        client.post(reverse("orders:refill"), {"service_location": ystad.pk}),
    ):
        assert response.status_code == 403
        assert "Privata mottagningar har inget eget lager" in response.text
    assert not Order.objects.exists()


@pytest.mark.parametrize("value", ["abc", "", "999999"])
def test_ord_14_another_or_garbage_location_gets_a_message(
    client_as, prescriber, helsingborg, value
):
    value = value if value != "999999" else helsingborg.pk
    response = client_as(prescriber).post(reverse("orders:refill"), {"service_location": value})
    assert response.status_code == 422
    assert "tjänsteställen" in response.text
    assert not Order.objects.exists()


def test_ord_14_a_cart_with_lines_must_be_sent_first(refill_cart, prescriber, lund):
    _line(prescriber, ArticleFactory())
    response = refill_cart.post(reverse("orders:refill"), {"service_location": lund.pk})
    assert response.status_code == 409
    assert "redan en pågående beställning" in response.text


def test_ord_14_line_dialog_has_no_source_choice_and_names_the_warehouse(refill_cart):
    article = ArticleFactory()
    response = refill_cart.get(reverse("orders:line_dialog", args=[article.pk]), headers=HTMX)
    assert response.text.lstrip().startswith('<dialog id="line-dialog"')
    assert "Leverans från" not in response.text
    assert "750 Inköpslager Hörsel" in response.text
    assert 'data-step="1"' in response.text and 'name="quantity"' in response.text


def test_ord_14_line_dialog_adds_the_typed_quantity(refill_cart, prescriber, central_warehouse):
    article = stocked_article(central_warehouse, 10)
    response = refill_cart.post(
        reverse("orders:line_dialog", args=[article.pk]),
        {"source": "central", "quantity": "7", "action": "add"},
    )
    assert response.status_code == 302
    line = Order.objects.get(orderer=prescriber).lines.get()
    assert (line.quantity, line.warehouse.number) == (7, "70")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "phasing_out"}, "kan inte köpas in till lager"),
        ({"type": "service"}, "Tjänster beställs till en mottagare"),
        ({"central_only": True}, "kan inte beställas till eget förråd"),
    ],
)
def test_ord_14_art_7_dialog_refuses_what_may_not_be_refilled(refill_cart, fields, message):
    article = ArticleFactory(**fields)
    response = refill_cart.post(
        reverse("orders:line_dialog", args=[article.pk]),
        {"source": "central", "quantity": "1", "action": "add"},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert message in response.text
    assert not Order.objects.get().lines.exists()


def test_ord_14_cart_has_steppers_fixed_delivery_and_send(refill_cart, prescriber, lund):
    _line(prescriber, ArticleFactory(name="Dome 8 mm"))
    page = refill_cart.get(reverse("orders:cart")).text
    assert "Pågående lagerpåfyllnad" in page
    assert "Minska antal för Dome 8 mm" in page and "Öka antal för Dome 8 mm" in page
    assert "Leverans till mottagning/enhet" in page and lund.street in page
    assert "Skicka beställning" in page
    assert reverse("orders:delivery") not in page  # no delivery step: it is not editable


def test_ord_14_plus_updates_the_row_under_htmx(refill_cart, prescriber):
    line = _line(prescriber, ArticleFactory(), quantity=2)
    response = refill_cart.post(
        reverse("orders:refill_line", args=[line.pk]), {"quantity": "3"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<tr id="line-{line.pk}"')
    assert 'value="3"' in response.text
    assert re.search(r"data-focus><span aria-hidden=\"true\">\+", response.text)  # focus stays
    line.refresh_from_db()
    assert line.quantity == 3


def test_ord_14_typed_quantity_without_javascript_returns_to_the_cart(refill_cart, prescriber):
    line = _line(prescriber, ArticleFactory())
    response = refill_cart.post(reverse("orders:refill_line", args=[line.pk]), {"quantity": "12"})
    assert response.status_code == 302 and response.url == reverse("orders:cart")
    line.refresh_from_db()
    assert line.quantity == 12


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize("value", ["0", "1000", "tre", ""])
def test_ord_14_bad_quantity_gets_a_swedish_message(refill_cart, prescriber, value, htmx):
    line = _line(prescriber, ArticleFactory(), quantity=2)
    response = refill_cart.post(
        reverse("orders:refill_line", args=[line.pk]),
        {"quantity": value},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert "Ange" in response.text
    line.refresh_from_db()
    assert line.quantity == 2


def test_ord_14_another_users_line_is_404(refill_cart, prescriber, colleague, client_as):
    line = _line(prescriber, ArticleFactory())
    response = client_as(colleague).post(
        reverse("orders:refill_line", args=[line.pk]), {"quantity": "3"}, headers=HTMX
    )
    assert response.status_code == 404


def test_ord_14_send_registers_the_refill_once(refill_cart, prescriber):
    _line(prescriber, ArticleFactory())
    key = Order.objects.get(orderer=prescriber).idempotency_key
    first = refill_cart.post(reverse("orders:submit"), {"key": key})
    second = refill_cart.post(reverse("orders:submit"), {"key": key})
    order = Order.objects.get(orderer=prescriber)
    assert first.url == second.url == reverse("orders:sent", args=[order.number])
    assert (order.kind, order.status, order.delivery_method) == ("refill", "registered", "to_unit")


def test_ord_14_the_refill_cart_tells_which_lines_70_cannot_cover(
    refill_cart, prescriber, central_warehouse
):
    _line(prescriber, stocked_article(central_warehouse, 1, name="Laddare X"), quantity=3)
    response = refill_cart.get(reverse("orders:cart"))
    assert "Laddare X: 1 tillgängliga" in response.text
