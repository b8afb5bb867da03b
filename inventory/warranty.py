"""Warranty of an individual (BEY-4): from its delivery into the region (`purchase_date`, set
when it is received; else the day it was registered) for the article's warranty months, to the
same day that many months later — or the month's last day when that month is shorter
(2026-01-31 + 1 month = 2026-02-28). The last day is covered."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _


def warranty_end(start: datetime.date, months: int) -> datetime.date | None:
    """The last day under warranty, or None when the article carries none."""
    return start + relativedelta(months=months) if months > 0 else None


@dataclass(frozen=True)
class Warranty:
    end: datetime.date | None
    today: datetime.date

    @property
    def active(self) -> bool:
        return self.end is not None and self.today <= self.end

    @property
    def expired(self) -> bool:
        """Known to have run out (an article without warranty months is not judged)."""
        return self.end is not None and self.today > self.end

    @property
    def label(self) -> str:
        if self.end is None:
            return _("Ingen garantitid angiven")
        if self.active:
            return _("Garanti till %(date)s") % {"date": self.end.isoformat()}
        return _("Garantin har gått ut")

    @property
    def tag(self) -> str:
        return "tag-warn" if self.expired else "tag-ok" if self.active else ""


def warranty_of(individual, *, article=None, today: datetime.date | None = None) -> Warranty:
    """The individual's warranty; `article` when the caller has it loaded (a device's)."""
    start = individual.purchase_date or timezone.localdate(individual.created_at)
    months = (article or individual.article).warranty_months
    return Warranty(warranty_end(start, months), today or timezone.localdate())
