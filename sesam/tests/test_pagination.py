"""sesam.lib.pagination.Paginator: the same pages as Django's, one COUNT fewer when the
first page holds every row."""

import pytest
from django.core.paginator import Paginator as DjangoPaginator

from sesam.lib.pagination import Paginator
from sesam.models import ServiceLocation
from sesam.tests.factories import ServiceLocationFactory


@pytest.fixture
def locations(db):
    ServiceLocationFactory.create_batch(5)
    return ServiceLocation.objects.order_by("pk")


def test_a_first_page_with_every_row_is_one_query(locations, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginator(locations, 10).get_page(1)
        assert page.paginator.count == 5 and len(page) == 5 and not page.has_next()


@pytest.mark.parametrize("number", [None, "", "1", "0", "-3", "x", "2", "99"])
def test_pages_are_djangos(locations, number):
    ours = Paginator(locations, 2).get_page(number)
    theirs = DjangoPaginator(locations, 2).get_page(number)
    assert (ours.number, list(ours), ours.paginator.count) == (
        theirs.number, list(theirs), theirs.paginator.count,
    )  # fmt: skip


def test_a_full_first_page_asks_the_count_once(locations, django_assert_num_queries):
    with django_assert_num_queries(2):
        page = Paginator(locations, 2).get_page(1)
        assert page.paginator.num_pages == 3 and len(page) == 2
