"""quality.md: garbage in the order forms and query strings gets a message and a 4xx, never a
500 (hypothesis feeds them)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orders.forms.receiving import parse_price
from sesam.lib.search import NumberField

SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize(
    ("text", "price"),
    [("125,50", "125.50"), ("1 234,5", "1234.5"), ("99.95 kr", "99.95"), (" 7 ", "7")],
)
def test_rcv_3_prices_as_typed_in_sweden(text, price):
    assert parse_price(text) == Decimal(price)


def _outcome(function, text):
    """(value, None) when `function` accepts `text`, else (None, its message)."""
    try:
        return function(text), None
    except ValidationError as error:
        return None, error.messages[0]


@given(st.text(max_size=30))
def test_rcv_3_any_price_text_is_a_price_or_a_message(text):
    price, message = _outcome(parse_price, text)
    if message is None:
        assert Decimal("0") < price <= Decimal("99999999.99")
    else:
        assert "Ange" in message


@given(st.text(max_size=30))
def test_ord_10_any_number_text_is_8_digits_or_a_message(text):
    number, message = _outcome(NumberField().clean, text)
    if message is None:
        assert len(number) == 8 and number.isdigit()
    else:  # "Ange hela numret …", or Django's own Swedish message (e.g. a null character)
        assert message


QUERY = st.dictionaries(
    st.sampled_from(
        ["nummer", "typ", "tjanstestalle", "registrerad", "okvitterade", "sortera", "sida"]
    ),
    st.text(max_size=12),
    max_size=4,
)


@SLOW
@given(query=QUERY)
def test_src_rcv_garbage_query_strings_never_500(client_as, prescriber, lund, query):
    client = client_as(prescriber)
    for name in ("orders:search", "orders:receive"):
        response = client.get(reverse(name), query)
        assert response.status_code in (200, 302, 400, 404, 422), (name, query)  # 400: NUL


@SLOW
@given(
    data=st.dictionaries(
        st.sampled_from(["typ", "nummer", "action", "rad", "pris_1", "individ_1_0"]),
        st.text(max_size=12),
        max_size=6,
    )
)
def test_rcv_garbage_posts_never_500(client_as, prescriber, lund, data):
    response = client_as(prescriber).post(reverse("orders:receive"), data)
    assert response.status_code in (200, 400, 404, 422), data  # 400: NUL
