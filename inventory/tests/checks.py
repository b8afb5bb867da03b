"""Checks shared by the tests of every stock-changing flow."""

from django.db.models import Sum

from inventory.models import StockBalance, StockMovement


def assert_balances_are_sums_of_movements() -> None:
    """STK-4: every balance equals the sum of its movements, per (warehouse, article)."""
    sums = {
        (row["warehouse"], row["article"]): row["total"]
        for row in StockMovement.objects.values("warehouse", "article").annotate(
            total=Sum("quantity")
        )
    }
    balances = {(b.warehouse_id, b.article_id): b.quantity for b in StockBalance.objects.all()}
    for key, total in sums.items():
        assert balances.get(key) == total, key
    for key, quantity in balances.items():
        assert quantity == sums.get(key, 0), key
