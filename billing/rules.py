"""The billing rules as pure functions of dates and personnummer (BIL-1…BIL-5, REC-9)."""

import datetime

from sesam.lib import personnummer
from sesam.lib.workdays import first_workday_of_month, workday_on_or_after

CHARGER_DELAY_MONTHS = 3  # BIL-2: a receipt in month M is invoiced in month M + 3
HOME_REGION_DELAY_MONTHS = 6  # BIL-5
PAUSE_NOTICE_DAYS = 14  # BIL-4: "senast två veckor innan fakturan ska gå ut"
INVOICE_TERMS_DAYS = 30  # BIL-D7: förfallodatum


def _add_months(day: datetime.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug → 28 Feb)."""
    year, month = _add_months(day, months)
    for candidate in range(day.day, 27, -1):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    return datetime.date(year, month, day.day)


def pays_patient_charges(pnr: str, day: datetime.date) -> bool:
    """BIL-1/REC-9: 20 or older on the delivery day (the 20th birthday itself counts)."""
    return personnummer.is_adult(pnr, day)


def charger_due_date(received: datetime.date) -> datetime.date:
    """BIL-2: the first vardag of month M + 3 for a charger delivered (received) in month M."""
    year, month = _add_months(received, CHARGER_DELAY_MONTHS)
    return first_workday_of_month(year, month)


def charger_kit_due_date(received: datetime.date) -> datetime.date:
    """BIL-3: billed when received (the next nightly run)."""
    return received


def fee_due_date(delivered: datetime.date) -> datetime.date:
    """BIL-1: billed when delivered (the next nightly run)."""
    return delivered


def home_region_due_date(delivered: datetime.date) -> datetime.date:
    """BIL-5: six months after delivery (the next vardag when that is a holiday)."""
    return workday_on_or_after(add_months(delivered, HOME_REGION_DELAY_MONTHS))


def paused_due_date(paused_until: datetime.date) -> datetime.date:
    """BIL-4: a paused charge is due on its pause end date, or the next vardag."""
    return workday_on_or_after(paused_until)


def pause_is_late(*, requested_on: datetime.date, due_date: datetime.date) -> bool:
    """BIL-4: a request later than two weeks before the invoice date gets a warning."""
    return requested_on > due_date - datetime.timedelta(days=PAUSE_NOTICE_DAYS)


def invoice_due_date(invoice_date: datetime.date) -> datetime.date:
    return workday_on_or_after(invoice_date + datetime.timedelta(days=INVOICE_TERMS_DAYS))
