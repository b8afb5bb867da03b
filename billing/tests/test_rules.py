import datetime

import holidays
import pytest
import time_machine
from django.utils import timezone

from billing import rules, services
from billing.tests import factories

D = datetime.date


def _first_vardag_by_the_holidays_package(year, month):
    """Independent of billing.rules: the calendar and the holidays package's own list (public
    holidays and the de facto days off midsommarafton, julafton, nyårsafton)."""
    days_off = holidays.Sweden(years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO))
    day = D(year, month, 1)
    while day.weekday() >= 5 or day in days_off:
        day += datetime.timedelta(days=1)
    return day


def test_bil_1_twentieth_birthday_on_the_delivery_day_pays():
    assert rules.pays_patient_charges("200601022387", D(2026, 1, 2))


def test_bil_1_the_day_before_the_twentieth_birthday_is_a_child():
    assert not rules.pays_patient_charges("200601022387", D(2026, 1, 1))


@pytest.mark.django_db
def test_rec_9_bil_1_twentieth_birthday_on_delivery_day_creates_the_fee():
    made = factories.charge(D(2026, 1, 2), rec=factories.recipient("200601022387"))
    assert made.kind == "fee"


@pytest.mark.django_db
def test_rec_9_bil_1_no_fee_for_a_child():
    line = factories.line()
    order = factories.order(factories.recipient(factories.CHILD))
    assert (
        services.record_delivery_charges(by=None, order=order, line=line, day=D(2026, 12, 1)) == []
    )


MONTHS = [(year, month) for year in (2026, 2027, 2028, 2029) for month in range(1, 13)]


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "month"), MONTHS)
def test_bil_2_charger_received_in_month_m_is_due_first_vardag_of_m_plus_3(year, month):
    target_year, target_month = (year, month + 3) if month <= 9 else (year + 1, month - 9)
    with time_machine.travel(D(year, month, 15), tick=False):
        made = factories.charge(timezone.localdate(), fee_kind="charger")
    assert made.due_date == _first_vardag_by_the_holidays_package(target_year, target_month)
    assert made.due_date.month == target_month


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 10, 15), D(2027, 1, 4)),  # New Year on a Friday, then a weekend
        (D(2025, 10, 31), D(2026, 1, 2)),  # Nyårsdagen on a Thursday
        (D(2027, 10, 1), D(2028, 1, 3)),  # 1 January on a Saturday
        (D(2024, 1, 31), D(2024, 4, 2)),  # 1 April 2024 is Easter Monday
        (D(2029, 1, 2), D(2029, 4, 3)),  # Sunday 1 April, Easter Monday 2 April 2029
        (D(2026, 2, 1), D(2026, 5, 4)),  # 1 May on a Friday
        (D(2026, 12, 31), D(2027, 3, 1)),  # the last day of December → March
        (D(2027, 9, 30), D(2027, 12, 1)),
    ],
)
def test_bil_2_edge_cases_around_new_year_easter_and_1_may(received, due):
    assert rules.charger_due_date(received) == due


@pytest.mark.parametrize(
    ("day", "vardag"),
    [
        (D(2027, 5, 6), D(2027, 5, 7)),  # Kristi himmelsfärdsdag
        (D(2026, 6, 6), D(2026, 6, 8)),  # Nationaldagen (a Saturday)
        (D(2028, 6, 6), D(2028, 6, 7)),  # Nationaldagen on a Tuesday
        (D(2026, 6, 19), D(2026, 6, 22)),  # midsommarafton (de facto day off)
        (D(2026, 12, 24), D(2026, 12, 28)),  # julafton, juldagen, annandag jul, weekend
        (D(2027, 12, 31), D(2028, 1, 3)),  # nyårsafton
        (D(2026, 4, 6), D(2026, 4, 7)),  # annandag påsk
        (D(2026, 5, 1), D(2026, 5, 4)),  # första maj
    ],
)
def test_bil_4_paused_charge_is_due_on_the_next_vardag_around_holidays(day, vardag):
    assert rules.paused_due_date(day) == vardag


def test_bil_4_pause_request_two_weeks_before_is_in_time():
    assert not rules.pause_is_late(requested_on=D(2026, 12, 21), due_date=D(2027, 1, 4))


def test_bil_4_pause_request_later_than_two_weeks_before_is_late():
    assert rules.pause_is_late(requested_on=D(2026, 12, 22), due_date=D(2027, 1, 4))


@pytest.mark.django_db
def test_bil_3_charger_kit_is_due_when_received():
    assert factories.charge(D(2026, 11, 3), fee_kind="charger_kit").due_date == D(2026, 11, 3)


def test_bil_5_home_region_is_due_six_months_after_delivery():
    assert rules.home_region_due_date(D(2026, 5, 4)) == D(2026, 11, 4)


def test_bil_5_six_months_on_a_holiday_moves_to_the_next_vardag():
    assert rules.home_region_due_date(D(2026, 12, 6)) == D(2027, 6, 7)


def test_bil_5_six_months_from_the_31st_is_the_months_last_day():
    assert rules.home_region_due_date(D(2026, 8, 31)) == D(2027, 3, 1)  # 28 Feb is a Sunday
