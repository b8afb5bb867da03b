"""HOME-6: the supply pages have their help texts (merged into sesam.help by orders.apps)."""

import pytest
from django.urls import reverse

from orders.help import HELP


@pytest.mark.parametrize("page", ["orders:refill", "orders:search", "orders:receive"])
def test_home_6_supply_pages_link_their_help(client_as, prescriber, lund, page):
    client = client_as(prescriber)
    assert f"?sida={page}" in client.get(reverse(page)).text
    assert str(HELP[page])[:40] in client.get(reverse("help"), {"sida": page}).text


def test_home_6_the_order_pages_help_is_not_the_recipient_pages(client_as, prescriber):
    text = client_as(prescriber).get(reverse("help"), {"sida": "recipients:detail"}).text
    assert str(HELP["orders:detail"])[:40] not in text
