"""sesam.lib.search: periods, sorting, the shared criteria and the paginator (the same pages as
Django's, one COUNT fewer when the first page holds every row, a capped count)."""

import datetime

import pytest
from django.core.paginator import Paginator as DjangoPaginator
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from sesam.lib import search
from sesam.lib.search import Paginator
from sesam.models import ServiceLocation
from sesam.tests.factories import ServiceLocationFactory


@pytest.fixture
def locations(db):
    ServiceLocationFactory.create_batch(5)
    return ServiceLocation.objects.order_by("pk")


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "day"),
    [
        ("idag", datetime.date(2026, 3, 31)),
        ("7-dagar", datetime.date(2026, 3, 24)),
        ("30-dagar", datetime.date(2026, 3, 1)),
        ("3-manader", datetime.date(2025, 12, 31)),
        ("12-manader", datetime.date(2025, 3, 31)),
    ],
)
def test_src_2_a_period_starts_at_local_midnight_n_days_or_months_back(key, day):
    start = search.period_start(key, today=datetime.date(2026, 3, 31))
    assert timezone.localtime(start) == timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min)
    )


def test_src_2_months_back_clamp_to_the_months_last_day():
    start = search.period_start("3-manader", today=datetime.date(2026, 5, 31))
    assert timezone.localtime(start).date() == datetime.date(2026, 2, 28)


def test_src_2_the_periods_are_offered_in_order_with_30_days_the_default():
    assert [key for key, _label in search.period_choices()] == list(search.PERIODS)
    assert search.DEFAULT_PERIOD == "30-dagar"


# --- sorting ----------------------------------------------------------------------------------

SORTING = search.Sorting({"namn": "name", "kod": lambda: F("hsa_id")}, default="namn")


@pytest.mark.parametrize(
    ("asked", "key"),
    [
        ("kod", "kod"),
        ("-kod", "-kod"),
        ("", "namn"),
        (None, "namn"),
        ("pk", "namn"),
        ("--kod", "namn"),
    ],
)
def test_src_2_an_unknown_sort_falls_back_to_the_default(asked, key):
    assert SORTING.key(asked) == key


def test_src_2_a_page_narrows_the_columns_it_sorts():
    assert SORTING.only("namn").key("kod") == "namn"


def test_src_2_one_column_sorts_and_a_minus_reverses_it(locations):
    names = sorted(locations.values_list("name", flat=True))
    assert list(SORTING.order_by(locations, "namn").values_list("name", flat=True)) == names
    assert list(SORTING.order_by(locations, "-namn").values_list("name", flat=True)) == names[::-1]


def test_src_2_a_never_null_column_sorts_without_nulls_last(locations):
    plain = search.Sorting({"namn": "name"}, default="namn", never_null=frozenset({"namn"}))
    assert "NULLS LAST" not in str(plain.order_by(locations, "-namn").query)
    assert "NULLS LAST" in str(SORTING.order_by(locations, "-namn").query)


def test_src_2_label_order_sorts_by_the_swedish_label(locations):
    choices = [("b", "Äpple"), ("a", "Banan"), ("c", "Citron")]
    ranks = {value: rank for rank, (value, _l) in enumerate(sorted(choices, key=lambda c: c[1]))}
    assert ranks == {"a": 0, "c": 1, "b": 2}
    assert search.labels(choices) == {"b": "Äpple", "a": "Banan", "c": "Citron"}
    assert "CASE" in str(locations.order_by(search.label_order("name", choices)).query)


# --- the criteria -----------------------------------------------------------------------------


def _locations_in(ids, *, period, sort):
    return SORTING.order_by(ServiceLocation.objects.filter(pk__in=ids), sort)


class PlainCriteria(search.CriteriaForm):
    sorting = SORTING
    select = staticmethod(_locations_in)


def _request(query, location, locations):
    request = RequestFactory().get("/", query)
    request.service_location, request.service_locations = location, locations
    return request


def test_src_2_criteria_default_to_the_active_location_and_30_days(locations):
    form = PlainCriteria.from_request(_request({}, locations[1], list(locations)))
    assert form.is_valid()
    assert form.cleaned_data["tjanstestalle"] == str(locations[1].pk)
    assert (form.cleaned_data["registrerad"], form.sort) == ("30-dagar", "namn")
    assert list(form.results([loc.pk for loc in locations])) == [locations[1]]


def test_src_2_all_my_locations_is_offered_only_with_more_than_one(locations):
    one = PlainCriteria(locations=[locations[0]])
    assert search.CriteriaForm.ALL not in dict(one.fields["tjanstestalle"].choices)
    form = PlainCriteria.from_request(
        _request({"tjanstestalle": "alla"}, locations[0], list(locations))
    )
    assert form.is_valid() and form.location_ids([1, 2]) == [1, 2]


def test_acc_4_a_user_without_a_location_has_no_criteria(locations):
    assert PlainCriteria.from_request(_request({}, None, [])) is None


def test_src_2_an_unknown_period_or_location_is_refused_in_swedish(locations):
    request = _request({"registrerad": "x", "tjanstestalle": "0"}, locations[0], list(locations))
    form = PlainCriteria.from_request(request)
    assert not form.is_valid()
    assert form.errors == {
        "tjanstestalle": ["Välj ett av alternativen."],
        "registrerad": ["Välj ett av alternativen."],
    }


@pytest.mark.parametrize(
    ("typed", "status", "error"),
    [("2648-0017", 200, None), ("12", 422, "Ange hela numret"), ("26480018", 404, "finns inte")],
)
def test_src_1_quick_search_opens_a_whole_number_or_says_why(typed, status, error):
    request = RequestFactory().get("/", {"nummer": typed})
    quick, number, got = search.quick_search(
        request, lambda n: n if n == "26480017" else None, "%(number)s finns inte"
    )
    message = " ".join(quick.errors.get("nummer", []))
    assert (got, number is not None, bool(message)) == (status, status == 200, error is not None)
    assert (error or "") in message


# --- the paginator ----------------------------------------------------------------------------


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


def test_a_known_count_is_not_asked(locations, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = Paginator(locations, 2, count=5).get_page(2)
        assert page.paginator.num_pages == 3 and len(page) == 2


def test_rows_are_built_from_the_page_only(locations):
    seen = []

    def rows(object_list):
        seen.append(list(object_list))
        return [location.name for location in seen[-1]]

    page = Paginator(locations, 2, rows=rows).get_page(2)
    assert list(page) == [location.name for location in locations[2:4]]
    assert seen == [list(locations[2:4])]


def test_art_1_a_count_above_the_cap_stops_there(locations, django_assert_num_queries):
    with django_assert_num_queries(2) as captured:
        page = Paginator(locations, 1, count_cap=3).get_page(1)
    assert page.paginator.capped and page.paginator.count == 4 and page.has_next()
    assert "LIMIT 4" in captured.captured_queries[-1]["sql"]


def test_art_1_a_count_within_the_cap_is_exact(locations):
    paginator = Paginator(locations, 2, count_cap=10)
    page = paginator.get_page(1)
    assert (paginator.count, paginator.capped, paginator.num_pages, len(page)) == (5, False, 3, 2)


def test_art_1_a_later_page_counts_far_enough_for_its_next(locations):
    paginator = Paginator(locations, 1, count_cap=2)
    page = paginator.get_page(4)
    assert page.number == 4 and list(page) == [locations[3]]
    assert page.has_next() and paginator.capped


def test_qua_d563_a_given_count_and_first_page_ask_nothing(locations, django_assert_num_queries):
    first = list(locations[:3])
    with django_assert_num_queries(0):
        page = Paginator(locations.all(), 2, count=5, first=lambda: first).get_page(1)
        assert list(page) == first[:2] and page.paginator.num_pages == 3


def test_qua_d562_page_one_of_a_lazy_search_never_builds_its_results(locations):
    def results():
        raise AssertionError("page 1 is read by `first`, the count by `counter`")

    lazy = SimpleLazyObject(results)
    paginator = Paginator(lazy, 2, first=lambda: list(locations[:3]), counter=lambda: 5)
    page = paginator.get_page(1)
    assert list(page) == list(locations[:2]) and page.paginator.num_pages == 3
