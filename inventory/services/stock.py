"""Stock balances (STK-4): every change of a balance is one StockMovement, inside one
transaction that locks the balance rows in primary-key order."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from inventory.exceptions import (
    InsufficientStock,
)
from inventory.models import (
    Article,
    StockBalance,
    StockMovement,
    Warehouse,
)
from sesam.models import User


@dataclass(frozen=True)
class Change:
    """One change to a balance: `quantity` on the shelf (+ in, − out) and `allocated`
    (+ reserve for a sent central order, − release or consume)."""

    warehouse: Warehouse
    article: Article
    quantity: int = 0
    allocated: int = 0


def lock_balances(pairs) -> dict[tuple[int, int], StockBalance]:
    """Creates missing balance rows, then locks all of them in primary-key order (one fixed
    order for every transaction, so two sends never deadlock). Keys: (warehouse_id, article_id).
    Must run inside a transaction."""
    keys = sorted({(w.pk, a.pk) for w, a in pairs})
    StockBalance.objects.bulk_create(
        [StockBalance(warehouse_id=w, article_id=a) for w, a in keys], ignore_conflicts=True
    )
    query = StockBalance.objects.none()
    for warehouse_id, article_id in keys:
        query = query | StockBalance.objects.filter(
            warehouse_id=warehouse_id, article_id=article_id
        )
    locked = query.select_for_update().order_by("pk")
    return {(b.warehouse_id, b.article_id): b for b in locked}


def apply_changes(
    changes: list[Change], *, reason: str, reference: str = "", note: str = "", by: User | None
) -> list[StockBalance]:
    """Applies stock changes atomically. Refuses (InsufficientStock, nothing changed) when a
    shelf quantity would go below zero or below what is allocated, or an allocation would
    exceed what is free. The database constraints back the same rules."""
    with transaction.atomic():
        balances = lock_balances([(c.warehouse, c.article) for c in changes])
        # Sum per balance first: two lines of the same article must fit together.
        totals: dict[tuple[int, int], list[int]] = {}
        for c in changes:
            total = totals.setdefault((c.warehouse.pk, c.article.pk), [0, 0])
            total[0] += c.quantity
            total[1] += c.allocated
        for c in changes:
            key = (c.warehouse.pk, c.article.pk)
            balance, (d_quantity, d_allocated) = balances[key], totals[key]
            new_quantity, new_allocated = (
                balance.quantity + d_quantity,
                balance.allocated + d_allocated,
            )
            if new_quantity < 0 or new_allocated < 0 or new_allocated > new_quantity:
                raise InsufficientStock(
                    article=c.article, warehouse=c.warehouse, available=balance.available
                )
        for key, (d_quantity, d_allocated) in totals.items():
            if d_quantity or d_allocated:
                StockBalance.objects.filter(pk=balances[key].pk).update(
                    quantity=F("quantity") + d_quantity, allocated=F("allocated") + d_allocated
                )
        StockMovement.objects.bulk_create(
            [
                StockMovement(
                    warehouse=c.warehouse,
                    article=c.article,
                    quantity=c.quantity,
                    reason=reason,
                    reference=reference,
                    note=note,
                    by=by,
                )
                for c in changes
                if c.quantity
            ]
        )
        for balance in balances.values():
            balance.refresh_from_db(fields=["quantity", "allocated"])
        return list(balances.values())


def add_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reason: str = StockMovement.Reason.RECEIPT,
    reference: str = "",
    note: str = "",
) -> StockBalance:
    """Goods arrive in a warehouse (receipt, return)."""
    _require_positive(quantity)
    (balance,) = apply_changes(
        [Change(warehouse, article, quantity=quantity)],
        reason=reason,
        reference=reference,
        note=note,
        by=by,
    )
    return balance


def withdraw_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reason: str = StockMovement.Reason.WITHDRAWAL,
    reference: str = "",
    note: str = "",
) -> StockBalance:
    """Goods leave a warehouse from its free (unallocated) quantity; never below zero."""
    _require_positive(quantity)
    (balance,) = apply_changes(
        [Change(warehouse, article, quantity=-quantity)],
        reason=reason,
        reference=reference,
        note=note,
        by=by,
    )
    return balance


def move_stock(
    *,
    source: Warehouse,
    target: Warehouse,
    article: Article,
    quantity: int,
    by: User | None,
    reference: str = "",
    note: str = "",
) -> list[StockBalance]:
    """Goods move between two warehouses in one transaction."""
    _require_positive(quantity)
    if source.pk == target.pk:
        raise ValueError("source and target are the same warehouse")
    return apply_changes(
        [Change(source, article, quantity=-quantity), Change(target, article, quantity=quantity)],
        reason=StockMovement.Reason.MOVE,
        reference=reference,
        note=note,
        by=by,
    )


def adjust_stock(
    *,
    warehouse: Warehouse,
    article: Article,
    counted: int,
    by: User | None,
    note: str = "",
    reason: str = StockMovement.Reason.ADJUSTMENT,
) -> StockBalance:
    """Sets the shelf quantity to what was counted; the difference is logged as a movement."""
    if counted < 0:
        raise ValueError("a counted quantity cannot be negative")
    with transaction.atomic():
        balance = lock_balances([(warehouse, article)])[(warehouse.pk, article.pk)]
        difference = counted - balance.quantity
        if not difference:
            return balance
        (balance,) = apply_changes(
            [Change(warehouse, article, quantity=difference)], reason=reason, note=note, by=by
        )
        return balance


def ensure_stocked(*, warehouse: Warehouse, articles: list[Article]) -> None:
    """Marks articles as stocked in a warehouse: a balance row (0 when new, no movement since
    nothing moved). "Stocked at 70" means such a row exists (ORD-2 picks 70 then)."""
    StockBalance.objects.bulk_create(
        [StockBalance(warehouse=warehouse, article=article) for article in articles],
        ignore_conflicts=True,
    )


def _require_positive(quantity: int) -> None:
    if quantity <= 0:
        raise ValueError(_("Antalet måste vara minst 1."))
