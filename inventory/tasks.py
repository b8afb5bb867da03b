"""Background work of inventory (Django's tasks API)."""

from django.tasks import task


@task()
def email_below_minimum_report(report_id: int) -> str:
    """BEY-8: e-mails a unit its articles below minimum (idempotent)."""
    from inventory.below_minimum import send_below_minimum_report

    return send_below_minimum_report(report_id=report_id)
