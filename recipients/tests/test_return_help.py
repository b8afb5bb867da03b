"""HOME-6: the return pages have their help texts (recipients.help, inventory.help)."""

import pytest
from django.urls import reverse

from inventory.help import HELP as INVENTORY_HELP
from recipients.help import HELP


def test_home_6_the_return_page_links_its_help(client_as, prescriber, tolvan, lund):
    client = client_as(prescriber)
    assert "?sida=recipients:return" in client.get(f"/mottagare/{tolvan.pk}/retur/").text
    text = client.get(reverse("help"), {"sida": "recipients:return"}).text
    assert str(HELP["recipients:return"])[:40] in text


@pytest.mark.parametrize("page", ["inventory:supplier_return", "inventory:supplier_return_done"])
def test_home_6_the_supplier_return_pages_have_help(client_as, prescriber, page):
    text = client_as(prescriber).get(reverse("help"), {"sida": page}).text
    assert str(INVENTORY_HELP[page.rpartition(":")[2]])[:40] in text
