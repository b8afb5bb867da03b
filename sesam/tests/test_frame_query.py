"""HOME-1 (sesam.frame): the top bar's counts come with the user, in the query that loads
`request.user`, and what a request changes shows on its own page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders import services
from orders.tests.factories import stocked_article
from recipients.tests.factories import RecipientFactory
from sesam.services import send_message

UNREAD = '<span class="badge">{}<span class="visually-hidden"> olästa</span>'
CART = 'class="cart cart-active">Pågående beställning <span class="badge badge-info">{}<span'


def _page(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.text, [q["sql"] for q in queries]


def test_home_1_unread_and_cart_are_read_with_the_user(
    client_as, prescriber, lund, central_warehouse
):
    send_message(to=[prescriber], subject="Ett")
    send_message(to=[prescriber], subject="Två")
    services.start_order(
        by=prescriber, recipient=RecipientFactory(), prescriber=prescriber, service_location=lund
    )
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source="central"
    )
    # A page with only the frame (the start page's tiles read orders of their own, BEY-10).
    text, queries = _page(client_as(prescriber), reverse("accessibility"))
    assert UNREAD.format(2) in text and CART.format(1) in text
    assert not [
        q for q in queries if q.startswith('SELECT COUNT(*) AS "__count" FROM "sesam_message"')
    ]
    assert not [q for q in queries if 'FROM "orders_order"' in q and "sesam_user" not in q]


def test_home_1_reading_a_message_lowers_the_count_on_its_own_page(client_as, prescriber):
    first, _second = send_message(to=[prescriber], subject="Ett") + send_message(
        to=[prescriber], subject="Två"
    )
    text, _ = _page(client_as(prescriber), reverse("message_detail", args=[first.pk]))
    assert UNREAD.format(1) in text
