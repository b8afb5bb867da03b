"""BEY-8: every night each unit with a contact e-mail (`ServiceLocation.email`, set in admin)
gets a list of its own store's articles below their minimum — once a day, however often
`manage.py nightly` runs: the day's `BelowMinimumReport` row is claimed by inserting it (its
unique constraint per store and day is the compare-and-set), and only the claimer queues the
task that sends it through Django's e-mail API."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inventory.models import BelowMinimumReport, StockBalance, Warehouse
from inventory.reorder import below_minimum


def queue_below_minimum_reports(*, day: datetime.date) -> int:
    """Claims and queues the day's report of every own store with articles below minimum
    whose unit has an e-mail address; returns how many were queued now."""
    from inventory.tasks import email_below_minimum_report

    stores = Warehouse.objects.filter(
        kind=Warehouse.Kind.LOCAL,
        service_location__is_private=False,
        service_location__email__gt="",
    ).order_by("pk")
    queued = 0
    for store in stores:
        if not below_minimum(StockBalance.objects.filter(warehouse=store)).exists():
            continue
        try:
            with transaction.atomic():
                report = BelowMinimumReport.objects.create(warehouse=store, day=day)
        except IntegrityError:
            continue  # already claimed today
        transaction.on_commit(lambda pk=report.pk: email_below_minimum_report.enqueue(pk))
        queued += 1
    return queued


def send_below_minimum_report(*, report_id: int) -> str:
    """The task's work: sends a claimed report once (the row stays locked while the mail goes
    out; a sent one is left alone). A failure is raised, so the task shows it with its error."""
    with transaction.atomic():
        report = (
            BelowMinimumReport.objects.select_for_update(of=("self",))
            .select_related("warehouse__service_location")
            .get(pk=report_id)
        )
        if report.sent_at:
            return "sent"
        store, location = report.warehouse, report.warehouse.service_location
        rows = below_minimum(StockBalance.objects.filter(warehouse=store)).select_related("article")
        lines = [
            _("%(number)s %(name)s: saldo %(quantity)s, minsta saldo %(minimum)s")
            % {
                "number": row.article.number,
                "name": row.article.name,
                "quantity": row.quantity,
                "minimum": row.minimum,
            }
            for row in rows.order_by("article__number")
        ]
        message = EmailMessage(
            subject=_("Under minsta saldo på lager %(store)s %(day)s")
            % {"store": store.number, "day": report.day.isoformat()},
            body=_(
                "Hej!\n\nDessa artiklar på %(location)s eget förråd (lager %(store)s) är under "
                "minsta saldo:\n\n%(lines)s\n\nLagerpåfyllnad → Föreslå påfyllnad fyller på "
                "dem.\n\nSesam, Region Skåne Hjälpmedel"
            )
            % {"location": location.name, "store": store.number, "lines": "\n".join(lines)},
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[location.email],
        )
        message.send()  # a failure raises: the task shows it, the row stays unsent
        report.sent_to, report.sent_at = location.email, timezone.now()
        report.save(update_fields=["sent_to", "sent_at"])
    return "sent"
