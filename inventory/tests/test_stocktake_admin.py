"""Admin (ACC-9): Hjälpmedel starts a stocktake through start_stocktake; otherwise read-only."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import Stocktake
from inventory.tests.stocktake import stock_lund


@pytest.fixture
def admin_client_(client, staff):
    client.force_login(staff)
    return client


def test_acc_9_starta_inventering_in_admin(admin_client_, lund, staff, prescriber):
    stock_lund(lund.warehouse, prescriber)
    url = reverse("admin:inventory_stocktake_start")
    assert "Starta inventering" in admin_client_.get(url).content.decode()
    response = admin_client_.post(url, {"warehouse": lund.warehouse.pk})
    stocktake = Stocktake.objects.get()
    assert response["Location"] == reverse("admin:inventory_stocktake_change", args=[stocktake.pk])
    assert (stocktake.started_by, stocktake.lines.count()) == (staff, 3)


def test_acc_9_a_second_open_stocktake_is_refused_in_admin(admin_client_, lund, staff):
    services.start_stocktake(warehouse=lund.warehouse, by=staff)
    response = admin_client_.post(
        reverse("admin:inventory_stocktake_start"), {"warehouse": lund.warehouse.pk}
    )
    assert response.status_code == 200
    assert "redan en pågående inventering" in response.content.decode()
    assert Stocktake.objects.count() == 1


def test_acc_9_warehouse_action_starts_stocktakes(admin_client_, lund, malmo):
    response = admin_client_.post(
        reverse("admin:inventory_warehouse_changelist"),
        {"action": "start_stocktakes", "_selected_action": [lund.warehouse.pk, malmo.warehouse.pk]},
        follow=True,
    )
    assert Stocktake.objects.count() == 2
    assert "är startad" in response.content.decode()


def test_acc_9_stocktakes_are_listed_and_read_only(admin_client_, lund, staff):
    stocktake = services.start_stocktake(warehouse=lund.warehouse, by=staff)
    changelist = admin_client_.get(reverse("admin:inventory_stocktake_changelist"), {"q": "4101"})
    assert stocktake.number in changelist.content.decode()
    change = admin_client_.get(reverse("admin:inventory_stocktake_change", args=[stocktake.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert admin_client_.get(reverse("admin:inventory_stocktake_add")).status_code == 403


def test_acc_9_admin_moves_a_found_individual_back_from_99(admin_client_, lund, staff):
    from inventory.models import Individual
    from inventory.tests.stocktake import count_all, investigation

    investigation()
    stock_lund(lund.warehouse, staff)
    stocktake = services.start_stocktake(warehouse=lund.warehouse, by=staff)
    count_all(stocktake, staff, missing={"4101003"})
    services.finish_stocktake(stocktake=stocktake, by=staff)
    lost = Individual.objects.get(number="4101003")
    response = admin_client_.post(
        reverse("admin:inventory_individual_changelist"),
        {"action": "restore_found", "_selected_action": [lost.pk]},
        follow=True,
    )
    assert "är tillbaka på lager 4101" in response.content.decode()
    lost.refresh_from_db()
    assert lost.warehouse == lund.warehouse
