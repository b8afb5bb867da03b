"""Writes of orders (ORD, SRC, RCV), one module per stage; callers use `orders.services.X`.

A draft is an Order with status DRAFT, one per user (ORD-1). Every state change is one
transaction: lock the rows (the order first, then its lines, then stock balances in
primary-key order through inventory.services), check every rule again, write, record."""

from orders.services.cancelling import cancel_order, cancel_refusal
from orders.services.cart import (
    add_line,
    check_article,
    check_refill_article,
    delivery_addresses,
    discard_draft,
    only_unit_address,
    remove_line,
    set_delivery,
    start_order,
    update_line,
)
from orders.services.central import deliver_from_central, set_planned_delivery_date, start_picking
from orders.services.common import (
    MAX_QUANTITY,
    allowed_prescribers,
)
from orders.services.purchasing import create_purchase_orders, start_refill, suggest_refill
from orders.services.receiving import LineReceipt, cancel_lines, receive_lines
from orders.services.reuse import add_reused_line
from orders.services.sending import submit_order
from orders.services.supplier_email import request_supplier_email, send_supplier_email
from orders.services.trial import convert_trial, default_trial_end

__all__ = [
    "LineReceipt",
    "cancel_lines",
    "cancel_order",
    "convert_trial",
    "default_trial_end",
    "cancel_refusal",
    "create_purchase_orders",
    "request_supplier_email",
    "send_supplier_email",
    "receive_lines",
    "start_refill",
    "suggest_refill",
    "MAX_QUANTITY",
    "add_line",
    "add_reused_line",
    "allowed_prescribers",
    "check_article",
    "check_refill_article",
    "deliver_from_central",
    "delivery_addresses",
    "discard_draft",
    "only_unit_address",
    "remove_line",
    "set_delivery",
    "set_planned_delivery_date",
    "start_order",
    "start_picking",
    "submit_order",
    "update_line",
]
