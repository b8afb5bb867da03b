"""Sortable headers (ui.md): one column at a time, again to reverse, aria-sort on the sorted one."""

from django.test import RequestFactory

from sesam.lib.sorting import sort_headers, sort_state


def test_a_new_column_sorts_ascending_and_the_sorted_one_reverses():
    assert sort_state("name", "number") == (None, "name")
    assert sort_state("name", "name") == ("ascending", "-name")
    assert sort_state("name", "-name") == ("descending", "name")


def test_a_date_column_may_sort_newest_first():
    assert sort_state("datum", "artikel", descending_first={"datum"}) == (None, "-datum")


def test_headers_keep_the_query_but_not_the_page():
    request = RequestFactory().get("/sok/", {"period": "30", "sida": "3", "sortera": "-datum"})
    date, status = sort_headers(request, [("datum", "Datum"), (None, "Status")], "-datum")
    assert date["aria_sort"] == "descending" and date["url"] == "/sok/?period=30&sortera=datum"
    assert status["url"] is None


def test_headers_may_go_to_another_path_with_their_own_query():
    request = RequestFactory().get("/mottagare/1/hjalpmedel/2/", {"andra": "telefon"})
    (header,) = sort_headers(
        request, [("datum", "Datum")], "artikel", path="/mottagare/1/", query={"flik": "x"}
    )
    assert header["url"] == "/mottagare/1/?flik=x&sortera=datum"
