"""Writes of inventory, one module per subject; callers use `inventory.services.X`. Stock
changes only here (STK-4): every change of a balance is one StockMovement, inside one
transaction that locks the balance rows in primary-key order."""

from inventory.services.articles import save_article_columns  # noqa: F401
from inventory.services.individuals import (  # noqa: F401
    NewIndividual,
    block_individuals,
    change_individual_number,
    change_serial_number,
    change_sip_number,
    create_individuals,
    hand_out_individuals,
    mark_refurbished,
    normalise_individual_number,
    normalise_sip_number,
    place_individuals,
    release_individuals,
    take_back_individuals,
    unmark_refurbished,
)
from inventory.services.stock import (  # noqa: F401
    Change,
    add_stock,
    adjust_stock,
    apply_changes,
    ensure_stocked,
    lock_balances,
    move_stock,
    withdraw_stock,
)
from inventory.services.stocktake import (  # noqa: F401
    SHEET_TYPES,
    StocktakeResult,
    finish_stocktake,
    restore_found_individual,
    save_counts,
    start_stocktake,
    uncounted_message,
)
from inventory.services.supplier_returns import return_to_supplier  # noqa: F401
