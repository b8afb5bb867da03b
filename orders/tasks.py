"""Background work of orders (Django's tasks API; run by `manage.py db_worker`)."""

from django.tasks import task


@task()
def email_purchase_order(purchase_order_id: int) -> str:
    """BEY-7: e-mails a queued purchase order to its supplier (idempotent)."""
    from orders.services.supplier_email import send_supplier_email

    return send_supplier_email(purchase_order_id=purchase_order_id)
