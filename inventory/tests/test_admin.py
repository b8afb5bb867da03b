"""Admin (ACC-9): lists load, balances are corrected only through adjust_stock (STK-4), the
serial number is changed only here and recorded (IND-4)."""

import pytest
from django.urls import reverse

from inventory import services
from inventory.models import IndividualEvent, StockBalance, StockMovement
from inventory.tests.factories import ArticleFactory, IndividualFactory


@pytest.fixture
def admin_client_(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    "model",
    ["warehouse", "supplier", "isocode", "article", "stockbalance", "stockmovement",
     "individual", "individualevent"],
)  # fmt: skip
def test_acc_9_admin_lists_load(admin_client_, lund, model):
    IndividualFactory(warehouse=lund.warehouse)
    response = admin_client_.get(reverse(f"admin:inventory_{model}_changelist"), {"q": "4"})
    assert response.status_code == 200


def test_acc_9_article_admin_search_and_change_page(admin_client_, lund):
    article = ArticleFactory(number="40110", name="Hörapparat Aria")
    response = admin_client_.get(reverse("admin:inventory_article_changelist"), {"q": "aria"})
    assert "40110" in response.content.decode()
    url = reverse("admin:inventory_article_change", args=[article.pk])
    assert admin_client_.get(url).status_code == 200


def test_stk_4_admin_correction_goes_through_adjust_stock(admin_client_, lund, staff):
    article = ArticleFactory()
    balance = services.add_stock(warehouse=lund.warehouse, article=article, quantity=5, by=None)
    url = reverse("admin:inventory_stockbalance_correct", args=[balance.pk])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, {"counted": 3, "note": "Inventering november"})
    assert response.status_code == 302
    balance.refresh_from_db()
    assert balance.quantity == 3
    movement = StockMovement.objects.get(reason="adjustment")
    assert (movement.quantity, movement.note, movement.by) == (-2, "Inventering november", staff)


def test_stk_4_admin_correction_below_allocation_is_refused(admin_client_, central_warehouse):
    article = ArticleFactory()
    services.add_stock(warehouse=central_warehouse, article=article, quantity=5, by=None)
    services.apply_changes(
        [services.Change(central_warehouse, article, allocated=4)], reason="delivery", by=None
    )
    balance = StockBalance.objects.get(warehouse=central_warehouse, article=article)
    url = reverse("admin:inventory_stockbalance_correct", args=[balance.pk])
    response = admin_client_.post(url, {"counted": 2, "note": "x"})
    assert response.status_code == 200
    assert "reserverat" in response.content.decode()
    balance.refresh_from_db()
    assert balance.quantity == 5


def test_stk_4_balances_and_movements_are_read_only(admin_client_, lund):
    balance = services.add_stock(
        warehouse=lund.warehouse, article=ArticleFactory(), quantity=1, by=None
    )
    url = reverse("admin:inventory_stockbalance_change", args=[balance.pk])
    admin_client_.post(url, {"quantity": 99})
    balance.refresh_from_db()
    assert balance.quantity == 1
    assert admin_client_.get(reverse("admin:inventory_stockbalance_add")).status_code == 403


def test_ind_4_admin_changes_the_serial_number_and_records_it(admin_client_, lund, staff):
    individual = IndividualFactory(serial_number="S1", warehouse=lund.warehouse, number="A1")
    url = reverse("admin:inventory_individual_change", args=[individual.pk])
    form = {
        "serial_number": "S2", "last_maintenance": "2026-11-01", "text_info": "Ny enhet",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = admin_client_.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    individual.refresh_from_db()
    assert (individual.serial_number, individual.text_info) == ("S2", "Ny enhet")
    assert individual.number == "A1"
    event = IndividualEvent.objects.get(kind="serial_changed")
    assert (event.from_value, event.to_value, event.by) == ("S1", "S2", staff)


def test_stk_d3_admin_action_stocks_articles_at_70(admin_client_, central_warehouse):
    article = ArticleFactory()
    response = admin_client_.post(
        reverse("admin:inventory_article_changelist"),
        {"action": "stock_at_central", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    balance = StockBalance.objects.get(warehouse=central_warehouse, article=article)
    assert balance.quantity == 0
    assert not StockMovement.objects.exists()


def test_bil_6_ind_d123_admin_refuses_a_formula_as_serial_number(admin_client_, lund):
    individual = IndividualFactory(serial_number="S1", warehouse=lund.warehouse, number="A1")
    url = reverse("admin:inventory_individual_change", args=[individual.pk])
    form = {
        "serial_number": '=HYPERLINK("//evil.example","Klicka")', "text_info": "",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = admin_client_.post(url, form)
    assert response.status_code == 200
    assert "börjar med en bokstav eller siffra" in response.content.decode()
    individual.refresh_from_db()
    assert individual.serial_number == "S1" and not IndividualEvent.objects.exists()
