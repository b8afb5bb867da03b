"""The wizard through the client: steps, refusals as messages, double submits, scoping."""

import re

import pytest
from django.urls import reverse

from orders import services
from orders.models import Order, OrderLine
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription
from sesam.models import AccessLog


@pytest.fixture
def client_in_cart(client_as, prescriber, tolvan, lund, central_warehouse):
    client = client_as(prescriber)
    client.post(
        reverse("orders:new"),
        {
            "personnummer": "19121212-1212",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "continue",
        },
    )
    return client


def test_ord_1_choose_shows_the_recipient_and_logs_access(client_as, prescriber, tolvan, lund):
    response = client_as(prescriber).post(
        reverse("orders:new"),
        {
            "personnummer": "191212121212",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "choose",
        },
    )
    assert response.status_code == 200
    assert "Tolvan Tolvansson" in response.text
    assert AccessLog.objects.get().action == "lookup"
    assert not Order.objects.exists()


def test_ord_1_continue_starts_the_cart_and_shows_it_in_the_top_bar(client_in_cart, prescriber):
    draft = Order.objects.get(orderer=prescriber, status="draft")
    assert draft.recipient.personnummer == "191212121212"
    assert "Pågående beställning" in client_in_cart.get("/").text


def test_ord_1_unknown_personnummer_is_told(client_as, prescriber, lund):
    response = client_as(prescriber).post(
        reverse("orders:new"),
        {
            "personnummer": "194001079120",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "choose",
        },
    )
    assert response.status_code == 422
    assert "finns inte i registret" in response.text


def test_ord_1_htmx_choose_returns_the_wizard_partial(client_as, prescriber, tolvan, lund):
    response = client_as(prescriber).post(
        reverse("orders:new"),
        {
            "personnummer": "191212121212",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "choose",
        },
        headers={"HX-Request": "true"},
    )
    assert response.text.lstrip().startswith('<div id="wizard"')


def test_ord_1_draft_survives_logout(client_in_cart, prescriber, client):
    client_in_cart.post(reverse("logout"))
    client.force_login(prescriber)
    assert "Pågående beställning" in client.get(reverse("orders:cart")).text


def test_ord_2_line_dialog_shows_warehouse_and_balance(client_in_cart, central_warehouse):
    article = stocked_article(central_warehouse, 7)
    response = client_in_cart.get(
        reverse("orders:line_dialog", args=[article.pk]), headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<dialog id="line-dialog"')
    assert "70 Centrallager" in response.text
    assert "Tillgängligt saldo" in response.text


def test_ord_2_adding_a_line_updates_the_cart_out_of_band(
    client_in_cart, central_warehouse, prescriber
):
    article = stocked_article(central_warehouse, 7)
    response = client_in_cart.post(
        reverse("orders:line_dialog", args=[article.pk]),
        {"source": "central", "quantity": 2, "action": "add"},
        headers={"HX-Request": "true"},
    )
    assert 'id="cart" hx-swap-oob="true"' in response.text
    assert OrderLine.objects.get().quantity == 2


def test_ord_3_service_line_without_comment_gets_the_comment_step(
    client_in_cart, purchasing_warehouse
):
    from inventory.tests.factories import ArticleFactory

    service = ArticleFactory(type="service", name="Utbildning per timme")
    response = client_in_cart.post(
        reverse("orders:line_dialog", args=[service.pk]),
        {"source": "central", "quantity": 1, "action": "add"},
    )
    assert response.status_code == 409
    assert "kräver en kommentar" in response.text
    assert 'name="comment"' in response.text


def test_ord_15_refusal_is_shown_in_the_dialog(client_in_cart, lund):
    article = stocked_article(lund.warehouse, 1, central_only=True)
    response = client_in_cart.post(
        reverse("orders:line_dialog", args=[article.pk]),
        {"source": "own_store", "quantity": 1, "action": "add"},
    )
    assert response.status_code == 409
    assert "endast förskrivas från Hjälpmedelsverksamheten" in response.text


def test_ord_7_delivery_step_sends_once_even_when_posted_twice(
    client_in_cart, central_warehouse, prescriber, lund
):
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    draft = Order.objects.get(status="draft")
    data = {
        "delivery_method": "to_unit",
        "address": "Getingevägen 4\n222 41 Lund",
        "contact": "Anna",
        "key": draft.idempotency_key,
    }
    first = client_in_cart.post(reverse("orders:delivery"), data)
    second = client_in_cart.post(reverse("orders:submit"), {"key": draft.idempotency_key})
    order = Order.objects.get()
    assert first.url == second.url == reverse("orders:sent", args=[order.number])
    assert f"Beställningen är skickad, nummer {order.number}" in client_in_cart.get(first.url).text


def test_ord_6_protected_identity_home_delivery_refused_in_the_form(
    client_as, prescriber, lund, central_warehouse
):
    from recipients.tests.factories import RecipientFactory

    RecipientFactory(personnummer="194001079120", protected_identity=True, street="Hemlig väg 1")
    client = client_as(prescriber)
    client.post(
        reverse("orders:new"),
        {
            "personnummer": "194001079120",
            "prescriber": prescriber.pk,
            "service_location": lund.pk,
            "action": "continue",
        },
    )
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    page = client.get(reverse("orders:delivery")).text
    assert "Hemlig väg" not in page
    draft = Order.objects.get(status="draft")
    response = client.post(
        reverse("orders:delivery"),
        {
            "delivery_method": "to_patient",
            "address": "x",
            "contact": "y",
            "key": draft.idempotency_key,
        },
    )
    assert response.status_code == 422
    assert "skyddad identitet" in response.text


def test_acc_4_another_locations_user_gets_404_on_order_pages(
    client_as, prescriber, other_location_user, tolvan, lund, central_warehouse
):
    draft = services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    line = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    client = client_as(other_location_user)
    assert (
        client.get(
            reverse("orders:cart_line", args=[line.pk]) + "?andra=1", headers={"HX-Request": "true"}
        ).status_code
        == 404
    )
    order = services.submit_order(by=prescriber, idempotency_key=draft.idempotency_key)
    for name in ["orders:detail", "orders:sent"]:
        assert client.get(reverse(name, args=[order.number])).status_code == 404
    assert (
        client_as(prescriber).get(reverse("orders:detail", args=[order.number])).status_code == 200
    )


def test_ord_5_comment_pen_returns_the_row(client_in_cart, prescriber, central_warehouse):
    line = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    response = client_in_cart.post(
        reverse("orders:cart_line", args=[line.pk]),
        {"comment": "Höger öra"},
        headers={"HX-Request": "true"},
    )
    assert response.text.lstrip().startswith(f'<tr id="line-{line.pk}"')
    assert "Höger öra" in response.text


def test_ord_5_cart_page_query_count_is_bounded(
    client_in_cart, prescriber, central_warehouse, django_assert_max_num_queries
):
    for _ in range(5):
        services.add_line(
            by=prescriber,
            article=stocked_article(central_warehouse, 3),
            quantity=1,
            source="central",
        )
    with django_assert_max_num_queries(9):
        assert client_in_cart.get(reverse("orders:cart")).status_code == 200


def test_acc_7_private_clinic_is_not_offered_own_store(
    client_as, private_prescriber, tolvan, ystad, central_warehouse
):
    services.start_order(
        by=private_prescriber,
        recipient=tolvan,
        prescriber=private_prescriber,
        service_location=ystad,
    )
    private_prescriber.default_source = "own_store"
    private_prescriber.save()
    article = stocked_article(central_warehouse, 2)
    page = client_as(private_prescriber).get(reverse("orders:line_dialog", args=[article.pk])).text
    assert "Eget förråd" not in page
    assert 'value="central"' in page


def test_home_3_dialog_preselects_the_users_setting(client_in_cart, prescriber, lund):
    prescriber.default_source = "own_store"
    prescriber.save()
    article = stocked_article(lund.warehouse, 2)
    page = client_in_cart.get(reverse("orders:line_dialog", args=[article.pk])).text
    assert re.search(r'<input[^>]*value="own_store"[^>]*checked', page)
    assert "4101" in page


def test_acc_6_another_locations_individual_cannot_be_delivered(
    client_as, other_location_user, lund, helsingborg
):
    from inventory.models import Individual

    article = stocked_article(lund.warehouse, 1, is_individual=True)
    individual = Individual.objects.create(
        number="X-1", article=article, status="in_stock", warehouse=lund.warehouse
    )
    client = client_as(other_location_user)
    assert client.get(reverse("orders:deliver_individual", args=[individual.pk])).status_code == 404
    # With a cart of their own (so the dialog gets as far as the individual): still 404.
    services.start_refill(by=other_location_user, service_location=helsingborg)
    dialog = reverse("orders:line_dialog", args=[article.pk]) + f"?individ={individual.pk}"
    assert client.get(dialog).status_code == 404


def test_acc_8_the_order_page_logs_its_recipient(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 3))
    client_as(prescriber).get(reverse("orders:detail", args=[order.number]))
    (row,) = AccessLog.objects.all()
    assert (row.action, row.personnummer, row.context) == (
        "order_detail",
        tolvan.personnummer,
        {"order": order.number},
    )


def test_ord_9_confirmation_offers_the_documents(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 3))
    page = client_as(prescriber).get(reverse("orders:sent", args=[order.number])).text
    loan = reverse("recipients:loan_agreement", args=[tolvan.pk]) + f"?bestallning={order.number}"
    assert f'hx-get="{loan}"' in page
    assert (
        f'href="{reverse("recipients:device_list_pdf", args=[tolvan.pk])}" target="_blank"' in page
    )


def test_ord_2_the_cart_tells_which_lines_70_cannot_cover(
    client_in_cart, prescriber, central_warehouse
):
    services.add_line(
        by=prescriber,
        article=stocked_article(central_warehouse, 1, name="Laddare X"),
        quantity=3,
        source="central",
    )
    response = client_in_cart.get(reverse("orders:cart"))
    assert "Centrallager 70 har inte tillräckligt" in response.text
    assert "Laddare X: 1 tillgängliga" in response.text
