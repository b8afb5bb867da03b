import pytest
from django.db import IntegrityError
from django.db.models import Sum

from inventory import services
from inventory.exceptions import InsufficientStock
from inventory.models import StockBalance, StockMovement
from inventory.tests.factories import ArticleFactory
from sesam.tests.concurrency import race


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def store(lund):
    return lund.warehouse


def test_stk_4_balance_is_sum_of_movements(article, store, prescriber):
    services.add_stock(warehouse=store, article=article, quantity=10, by=prescriber)
    services.withdraw_stock(
        warehouse=store, article=article, quantity=3, by=prescriber, reference="26480001"
    )
    services.adjust_stock(warehouse=store, article=article, counted=5, by=prescriber)
    balance = StockBalance.objects.get(warehouse=store, article=article)
    moved = StockMovement.objects.filter(warehouse=store, article=article).aggregate(
        s=Sum("quantity")
    )["s"]
    assert balance.quantity == moved == 5
    assert list(StockMovement.objects.values_list("reason", flat=True).order_by("pk")) == [
        "receipt",
        "withdrawal",
        "adjustment",
    ]


def test_ord_12_withdrawal_beyond_balance_is_refused_with_what_is_left(article, store, prescriber):
    services.add_stock(warehouse=store, article=article, quantity=2, by=prescriber)
    with pytest.raises(InsufficientStock) as refused:
        services.withdraw_stock(warehouse=store, article=article, quantity=3, by=prescriber)
    assert refused.value.available == 2
    assert "bara 2 st kvar" in str(refused.value)
    assert StockBalance.objects.get(warehouse=store, article=article).quantity == 2


def test_stk_4_allocated_stock_cannot_be_withdrawn(article, central_warehouse, prescriber):
    services.add_stock(warehouse=central_warehouse, article=article, quantity=3, by=prescriber)
    services.apply_changes(
        [services.Change(central_warehouse, article, allocated=2)], reason="delivery", by=prescriber
    )
    with pytest.raises(InsufficientStock):
        services.withdraw_stock(
            warehouse=central_warehouse, article=article, quantity=2, by=prescriber
        )


def test_stk_4_move_changes_both_warehouses_in_one_step(
    article, store, central_warehouse, prescriber
):
    services.add_stock(warehouse=central_warehouse, article=article, quantity=4, by=prescriber)
    services.move_stock(
        source=central_warehouse, target=store, article=article, quantity=3, by=prescriber
    )
    assert StockBalance.objects.get(warehouse=store, article=article).quantity == 3
    assert StockBalance.objects.get(warehouse=central_warehouse, article=article).quantity == 1


def test_stk_4_database_refuses_negative_balance(article, store):
    with pytest.raises(IntegrityError):
        StockBalance.objects.create(warehouse=store, article=article, quantity=-1)


@pytest.mark.django_db(transaction=True)
def test_ord_12_two_racing_withdrawals_never_overdraw(lund, prescriber):
    article, store = ArticleFactory(), lund.warehouse
    services.add_stock(warehouse=store, article=article, quantity=1, by=prescriber)

    def withdraw():
        return services.withdraw_stock(warehouse=store, article=article, quantity=1, by=prescriber)

    results = race(withdraw, withdraw)
    assert sum(isinstance(r, StockBalance) for r in results) == 1
    assert sum(isinstance(r, InsufficientStock) for r in results) == 1
    assert StockBalance.objects.get(warehouse=store, article=article).quantity == 0
    assert StockMovement.objects.filter(reason="withdrawal").count() == 1


@pytest.mark.django_db(transaction=True)
def test_stk_4_crossing_moves_do_not_deadlock(lund, malmo, prescriber):
    article = ArticleFactory()
    a, b = lund.warehouse, malmo.warehouse
    services.add_stock(warehouse=a, article=article, quantity=5, by=prescriber)
    services.add_stock(warehouse=b, article=article, quantity=5, by=prescriber)
    results = race(
        lambda: services.move_stock(source=a, target=b, article=article, quantity=1, by=prescriber),
        lambda: services.move_stock(source=b, target=a, article=article, quantity=1, by=prescriber),
    )
    assert all(isinstance(r, list) for r in results), results
    assert StockBalance.objects.get(warehouse=a, article=article).quantity == 5
