"""The safety series (BEY-D220): AK26-0001 for recalls, AV26-0001 for deviations — a series of
their own (`sesam.lib.numbers.reserve` on SafetyNumberSeries), never the orders' weekly one."""

import datetime

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from safety.models import SafetyNumberSeries
from sesam.lib.numbers import NumberSeriesExhausted, reserve

RECALL, DEVIATION = "AK", "AV"


def next_safety_number(prefix: str, *, day: datetime.date | None = None) -> str:
    year = f"{(day or timezone.localdate()).year % 100:02d}"
    try:
        last = reserve(SafetyNumberSeries, f"{prefix}{year}", 1)
    except IntegrityError as error:
        raise NumberSeriesExhausted(
            _("Serien %(key)s har slut på nummer.") % {"key": f"{prefix}{year}"}
        ) from error
    return f"{prefix}{year}-{last:04d}"
