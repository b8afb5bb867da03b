"""sesam.lib.urls.url_maker: one reverse per table, the same URL as reverse() per row."""

import pytest
from django.urls import reverse

from sesam.lib.urls import url_maker


@pytest.mark.parametrize("value", ["40110", "A 1&2 ö?#%", "S0000001"])
def test_url_maker_quotes_a_str_argument_like_reverse(value):
    expected = reverse("inventory:article_detail", args=[value])
    assert url_maker("inventory:article_detail")(value) == expected


def test_url_maker_takes_an_int_argument():
    assert url_maker("orders:line_dialog")(42) == reverse("orders:line_dialog", args=[42])
