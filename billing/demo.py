"""The demo region's billing (issue 10): the orders demo has delivered chargers, a charger kit
and a guest patient's hearing aid on fixed past dates; here Hjälpmedel pauses the elderly
patient's charger on request and the nightly billing runs as of 2026-10-16 (the kit is
invoiced). Through the services at those moments (time-machine, BIL-D9); idempotent."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from billing import services
from billing.models import BillingRun, PatientCharge
from sesam.models import User

RUN_DAY = datetime.date(2026, 10, 16)
PAUSE_REQUESTED = datetime.date(2026, 11, 20)
PAUSED_UNTIL = datetime.date(2027, 1, 15)
ELDERLY_CHARGER_DAY = datetime.date(2026, 9, 10)  # orders.demo.charges


def _at(day: datetime.date):
    moment = datetime.datetime.combine(day, datetime.time(2), tzinfo=ZoneInfo("Europe/Stockholm"))
    return time_machine.travel(moment, tick=False)


def seed(*, rng) -> str:
    billed = services.RunResult()
    # Once: on a second seed_demo the scale data's charges (billing.scale) are due on
    # RUN_DAY too, and they are the bench's backlog, not the demo's.
    if not BillingRun.objects.filter(run_date=RUN_DAY).exists():
        with _at(RUN_DAY):
            billed = services.bill_due_charges(day=RUN_DAY)
    charger = PatientCharge.objects.filter(
        kind=PatientCharge.Kind.CHARGER,
        occurred_on=ELDERLY_CHARGER_DAY,
        status=PatientCharge.Status.PLANNED,
    ).first()
    paused = 0
    if charger is not None and charger.individual_number:
        with _at(PAUSE_REQUESTED):
            services.pause_charge(
                by=User.objects.get(username="admin"),
                individual_number=charger.individual_number,
                until=PAUSED_UNTIL,
                reason="Utprovningen pågår – förskrivaren har begärt paus per mejl.",
            )
        paused = 1
    counts = {
        s: PatientCharge.objects.filter(status=s).count() for s in PatientCharge.Status.values
    }
    return f"{billed.summary()}; {paused} paused now; charges by status {counts}"
