"""The orders pages' query counts (QUA, issue 11 item 2): each page reads what it shows once —
no server-side cursors for choices, no second read of the cart, lines, balances or purchase
orders — and the count does not grow with the rows. The counts include the frame's (session;
the user with the top bar's unread messages and cart, sesam.frame; memberships)."""

import re

import pytest
from django.urls import reverse

from inventory.tests.factories import ArticleFactory
from orders import services
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription, refill

FRAME = 3  # session, the user with the top bar's counts (sesam.frame), memberships
NEW = FRAME + 1  # the linked prescribers; the cart summary is the top bar's
CART = FRAME + 2  # the draft, its lines with their balances (the top bar's from the draft)
DELIVERY = FRAME + 1  # the lines joined to their draft (one query)
SEARCH = FRAME + 1  # a page of rows and one more (a result on one page needs no COUNT)
DETAIL = FRAME + 4  # order, lines, history, the access log (ACC-8)
RECEIVE = FRAME + 1  # the waiting orders with their purchase order numbers


@pytest.fixture
def cart_client(client_as, prescriber, tolvan, lund, central_warehouse):
    """The prescriber's cart with three lines on 70, one of them short of stock."""
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    for quantity in (1, 1, 9):
        article = stocked_article(central_warehouse, 3)
        services.add_line(by=prescriber, article=article, quantity=quantity, source="central")
    return client_as(prescriber)


def test_ord_1_step_one_reads_each_choice_list_once(cart_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(NEW) as captured:
        assert cart_client.get(reverse("orders:new")).status_code == 200
    assert not [q for q in captured.captured_queries if q["sql"].startswith("DECLARE")]


def test_ord_5_cart_reads_its_lines_and_balances_once(cart_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(CART):
        response = cart_client.get(reverse("orders:cart"))
    assert "Centrallager 70 har inte tillräckligt" in response.text


def test_ord_6_delivery_step_reads_the_cart_once(cart_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(DELIVERY):
        assert cart_client.get(reverse("orders:delivery")).status_code == 200


def test_src_2_search_reads_a_page_of_rows_and_the_count(
    client_as, prescriber, lund, django_assert_max_num_queries
):
    client = client_as(prescriber)
    for _ in range(3):
        refill(prescriber, lund, ArticleFactory())
    with django_assert_max_num_queries(SEARCH):
        response = client.get(reverse("orders:search"))
    assert "3 beställningar" in response.text
    assert len(re.findall(r'href="/bestallning/(\d{8})/"', response.text)) == 3


def test_src_3_order_page_with_receipts_and_a_cancel_check(
    client_as, prescriber, colleague, tolvan, lund, central_warehouse, django_assert_max_num_queries
):
    client = client_as(prescriber)
    registered = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 5))
    with django_assert_max_num_queries(DETAIL):  # Makulera from the prefetched rows (SRC-4)
        page = client.get(reverse("orders:detail", args=[registered.number])).text
    assert "Makulera beställning" in page
    direct = refill(prescriber, lund, *[ArticleFactory() for _ in range(4)])
    services.create_purchase_orders(by=prescriber, order=direct)
    first = direct.lines.order_by("position").first()
    services.receive_lines(by=colleague, receipts=[services.LineReceipt(first.pk)])
    with django_assert_max_num_queries(DETAIL + 2):  # 750: purchase orders, receipts
        page = client.get(reverse("orders:detail", args=[direct.number])).text
    assert "av Karl Kollega" in page


def test_rcv_1_waiting_list_reads_the_purchase_order_numbers_with_the_orders(
    client_as, colleague, prescriber, lund, django_assert_max_num_queries
):
    client = client_as(colleague)
    for _ in range(3):
        order = refill(prescriber, lund, ArticleFactory(), ArticleFactory())
        services.create_purchase_orders(by=prescriber, order=order)
    with django_assert_max_num_queries(RECEIVE):
        response = client.get(reverse("orders:receive"))
    assert response.text.count("?typ=inkop&amp;nummer=") >= 3


def test_ord_13_an_individual_line_is_read_only_where_there_is_one(
    client_as, prescriber, tolvan, lund, django_assert_max_num_queries
):
    from inventory.models import Individual

    article = stocked_article(lund.warehouse, 1, is_individual=True)
    individual = Individual.objects.create(
        number="X-1", article=article, status="in_stock", warehouse=lund.warehouse
    )
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    services.add_line(
        by=prescriber, article=article, quantity=1, source="own_store", individual=individual
    )
    client = client_as(prescriber)
    # + the individual, + BEY-12's suggestions (one query, for the hearing aid in the cart)
    with django_assert_max_num_queries(CART + 2):
        page = client.get(reverse("orders:cart")).text
    assert "Individ X-1" in page


def test_ord_6_an_empty_cart_has_no_delivery_step(client_as, prescriber, tolvan, lund):
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    client = client_as(prescriber)
    response = client.get(reverse("orders:delivery"))
    assert response.status_code == 302 and response.url == reverse("orders:cart")
    assert "Beställningen har inga rader." in client.get(reverse("orders:cart")).text


def test_ord_6_without_a_cart_the_delivery_step_starts_one(client_as, prescriber):
    response = client_as(prescriber).get(reverse("orders:delivery"))
    assert response.status_code == 302 and response.url == reverse("orders:new")


def test_src_3_history_names_the_system_and_the_lines_position(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    from orders.models import OrderEvent

    order = prescription(prescriber, tolvan, lund, stocked_article(central_warehouse, 5))
    line = order.lines.get()
    OrderEvent.objects.create(order=order, line=line, from_status="", to_status="waiting")
    page = client_as(prescriber).get(reverse("orders:detail", args=[order.number])).text
    assert f"· Systemet · rad {line.position}: – → Restnoterad</li>" in page


def test_home_1_the_top_bar_counts_a_line_added_in_the_same_request(
    client_as, prescriber, tolvan, lund, central_warehouse
):
    """The line dialog reads the draft (and with it the top bar's summary) before the line
    is added: the service forgets the summary, so the cart updated out of band counts it."""
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    article = stocked_article(central_warehouse, 7)
    response = client_as(prescriber).post(
        reverse("orders:line_dialog", args=[article.pk]),
        {"source": "central", "quantity": 2, "action": "add"},
        headers={"HX-Request": "true"},
    )
    assert 'badge-info">1<span class="visually-hidden"> rad</span>' in response.text


def test_home_1_the_summary_is_read_again_after_the_draft_changes(prescriber, tolvan, lund):
    from orders import selectors

    assert selectors.cart_summary(prescriber) is None
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    assert selectors.cart_summary(prescriber).line_count == 0
    services.discard_draft(by=prescriber)
    assert selectors.cart_summary(prescriber) is None
