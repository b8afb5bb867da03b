"""Mina sidor's registry (sesam.pages): apps above sesam provide tabs and Att göra entries."""

import pytest
from django.urls import reverse

from sesam import pages


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(pages, "MY_PAGE_TABS", {})
    monkeypatch.setattr(pages, "MY_PAGE_TODO", [])
    return pages


def test_home_4_a_registered_tab_and_todo_are_shown(client_as, prescriber, registry, tmp_path):
    registry.register_tab("activities", lambda request: ("sesam/help.html", {"help": "Flik A"}))
    registry.register_todo(lambda request: pages.TodoItem("Gör något", "/x/", 3))
    page = client_as(prescriber).get(reverse("my_page"), {"flik": "activities"}).text
    assert "Flik A" in page
    assert '<a href="/x/">Gör något</a> <span class="badge badge-count">3' in page


def test_home_4_an_unregistered_tab_comes_later(client_as, prescriber, registry):
    page = client_as(prescriber).get(reverse("my_page"), {"flik": "orders"}).text
    assert "Kommer i en senare version av portalen." in page
    assert "Inget att göra." in page


def test_home_4_an_unknown_tab_falls_back_to_orders(client_as, prescriber):
    response = client_as(prescriber).get(reverse("my_page"), {"flik": "<script>"})
    assert response.status_code == 200
    assert 'aria-current="page">Mina beställningar' in response.text


def test_home_4_htmx_tab_returns_the_tabs_partial(client_as, prescriber):
    response = client_as(prescriber).get(
        reverse("my_page"), {"flik": "pickups"}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<div id="my-tab"')
    assert "Personliga uppgifter" not in response.text
