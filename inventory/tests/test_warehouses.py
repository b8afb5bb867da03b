"""Warehouses are named by their kind (glossary, INV-D1): one central 70, one purchasing 750;
ART-4 follows from the kind."""

import pytest
from django.db import IntegrityError

from inventory.models import Warehouse
from inventory.tests.factories import WarehouseFactory


def test_art_4_the_purchasing_warehouse_never_shows_a_balance(
    central_warehouse, purchasing_warehouse, lund
):
    assert not purchasing_warehouse.shows_balance
    assert central_warehouse.shows_balance and lund.warehouse.shows_balance


@pytest.mark.parametrize("kind", [Warehouse.Kind.CENTRAL, Warehouse.Kind.PURCHASING])
def test_inv_d1_one_warehouse_of_each_named_kind(central_warehouse, purchasing_warehouse, kind):
    with pytest.raises(IntegrityError):
        WarehouseFactory(number="71", kind=kind)
