"""Leverans på prov (BEY-2), the orders' side: a trial becomes a prescription — the devices
leave their trial and the line's fees and charges start that day (BIL-1, BIL-2, BIL-5), as
at an ordinary delivery."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing import services as billing
from orders.models import OrderLine
from orders.services.common import lock_order, record_event
from recipients import trials
from sesam.models import User


def default_trial_end(today: datetime.date | None = None) -> datetime.date:
    """The end date the wizard offers: SESAM_TRIAL_DAYS (4 weeks) from today."""
    return (today or timezone.localdate()) + datetime.timedelta(days=settings.SESAM_TRIAL_DAYS)


def convert_trial(*, by: User, order_line_id: int) -> OrderLine:
    """Förskriv: the line's devices on trial become prescribed today and the line's charges
    are recorded for today. A second click is refused (the devices are no longer on trial)."""
    with transaction.atomic():
        line = OrderLine.objects.select_related("article", "order").get(pk=order_line_id)
        order = lock_order(line.order_id)
        devices = trials.end_trial(order_line_id=line.pk)
        today = timezone.localdate()
        billing.record_delivery_charges(
            by=by,
            order=order,
            line=line,
            day=today,
            individual_numbers=[d.individual.number for d in devices if d.individual_id],
        )
        record_event(order, line, line.status, line.status, by, note="Prov blev förskrivning")
        return line
