"""Views of orders, one module per flow (prescribing wizard, refill, search, receiving …)."""
