"""BEY-6 labels in the browser: kollega opens an individual of Lund's own store, finds
Etiketter under Registrera/skapa and gets its label sheet; Lager offers Hylletiketter."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bey_6_print_labels_from_the_individual_and_from_lager(
    demo, login, a11y, page, live_server
):
    from inventory.models import Individual

    individual = Individual.objects.filter(
        article__gtin__gt="", warehouse__number="4101", status=Individual.Status.IN_STOCK
    ).first()
    login("kollega")
    page.goto(f"{live_server.url}/individ/{individual.pk}/")
    page.get_by_text("Registrera/skapa").click()
    a11y.check()
    link = page.get_by_role("link", name="Etiketter")
    expect(link).to_have_attribute("target", "_blank")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.screenshot(path="/tmp/labels-individual.png", full_page=True)
    page.goto(f"{live_server.url}/lager/4101/")
    a11y.check()
    href = page.get_by_role("link", name="Hylletiketter").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.body().startswith(b"%PDF")
