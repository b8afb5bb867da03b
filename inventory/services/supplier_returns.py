"""Retur till leverantör (RET-6, ACC-6)."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from inventory import selectors
from inventory.exceptions import (
    IndividualUnavailable,
    SupplierReturnRefused,
)
from inventory.models import (
    Individual,
    IndividualEvent,
    StockMovement,
    SupplierReturn,
)
from inventory.services.stock import Change, apply_changes
from sesam.lib.numbers import next_number
from sesam.models import User

# --- Retur till leverantör (RET-6, ACC-6) ---------------------------------------------------


def return_to_supplier(
    *, by: User, individual: Individual, comment: str, key: uuid.UUID | str | None = None
) -> SupplierReturn:
    """RET-6: an individual in one of the user's own stores (ACC-6) leaves the stock for its
    supplier, for credit (Kreditering); the comment says why. In one transaction: a numbered
    SupplierReturn, the individual compare-and-set from På lager to Returnerad till
    leverantör, the store's balance lowered by a stock movement (STK-4) and an IndividualEvent.
    `key` makes it idempotent: a second call with the same key returns the first return."""
    comment = comment.strip()
    if not comment:
        raise SupplierReturnRefused(_("Skriv i Kommentar varför individen returneras."))
    key = key or uuid.uuid4()
    if existing := SupplierReturn.objects.filter(key=key, individual=individual).first():
        return existing
    mine = by.memberships.values_list("service_location_id", flat=True)
    if refusal := selectors.supplier_return_refusal(individual, mine):
        raise SupplierReturnRefused(refusal)
    warehouse, article = individual.warehouse, individual.article
    with transaction.atomic():
        changed = Individual.objects.filter(
            pk=individual.pk, status=Individual.Status.IN_STOCK, warehouse=warehouse
        ).update(
            status=Individual.Status.RETURNED_TO_SUPPLIER,
            warehouse=None,
            refurbished_at=None,  # BEY-3: a mark for reuse stays in the warehouse
            refurbished_by=None,
        )
        if changed != 1:
            if existing := SupplierReturn.objects.filter(key=key).first():
                return existing  # a double submit that lost the race
            raise IndividualUnavailable(
                _("Individen finns inte längre på lager %(w)s.") % {"w": warehouse.number}
            )
        supplier_return = SupplierReturn.objects.create(
            number=next_number(),
            key=key,
            individual=individual,
            supplier=article.supplier,
            warehouse=warehouse,
            comment=comment,
            by=by,
        )
        apply_changes(
            [Change(warehouse, article, quantity=-1)],
            reason=StockMovement.Reason.SUPPLIER_RETURN,
            reference=supplier_return.number,
            note=comment[:200],
            by=by,
        )
        IndividualEvent.objects.create(
            individual=individual,
            kind=IndividualEvent.Kind.RETURNED_TO_SUPPLIER,
            from_value=warehouse.number,
            to_value=article.supplier.name,
            reference=supplier_return.number,
            by=by,
        )
    individual.status, individual.warehouse = Individual.Status.RETURNED_TO_SUPPLIER, None
    return supplier_return
