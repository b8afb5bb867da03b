"""Deliveries on fixed past dates, so that the demo region shows patient charges that are
planned, paused and invoiced (issue 10; billing's demo pauses one and runs the nightly
billing). Made through the order services at those moments (time-machine, BIL-D9)."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from inventory.demo import KEY_ARTICLES
from inventory.models import Article
from inventory.services import NewIndividual
from orders import services
from orders.models import Order, OrderLine
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Recipient
from sesam.models import ServiceLocation, User

CENTRAL = OrderLine.Source.CENTRAL
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Delivery days (demo-data.md): the home-region recipient's hearing aid, the elderly
# patient's charger (due 2026-12-01, paused by billing's demo), Tolvan's charger (due
# 2027-01-04) and charger kit (invoiced by billing's demo run of 2026-10-16).
HOME_REGION_DAY = datetime.date(2026, 9, 1)
ELDERLY_CHARGER_DAY = datetime.date(2026, 9, 10)
TOLVAN_CHARGER_DAY = datetime.date(2026, 10, 15)


def at(day: datetime.date):
    """The services stamp "now": travel to 10:00 Swedish time on `day`."""
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=STOCKHOLM)
    return time_machine.travel(moment, tick=False)


def seed(*, rng) -> str:
    who = {key: Recipient.objects.get(personnummer=pnr) for key, pnr in KEY_RECIPIENTS.items()}
    first = datetime.datetime.combine(HOME_REGION_DAY, datetime.time(0), tzinfo=STOCKHOLM)
    last = datetime.datetime.combine(
        TOLVAN_CHARGER_DAY + datetime.timedelta(days=1), datetime.time(0), tzinfo=STOCKHOLM
    )
    if Order.objects.filter(sent_at__gte=first, sent_at__lt=last).exists():
        return "past deliveries already there"
    users = {u.username: u for u in User.objects.filter(username__in=["audionom", "admin"])}
    anna, admin = users["audionom"], users["admin"]
    lund = ServiceLocation.objects.get(code="4101")
    article = {key: Article.objects.get(number=number) for key, number in KEY_ARTICLES.items()}
    services.discard_draft(by=anna)

    def prescribe(recipient, item):
        draft = services.start_order(
            by=anna, recipient=recipient, prescriber=anna, service_location=lund
        )
        services.add_line(by=anna, article=item, quantity=1, source=CENTRAL)
        return services.submit_order(by=anna, idempotency_key=draft.idempotency_key)

    def receive(order, *individuals):
        line = order.lines.get()
        services.receive_lines(
            by=anna, receipts=[services.LineReceipt(line.pk, individuals=individuals)]
        )

    with at(HOME_REGION_DAY):  # BIL-5: a hearing aid bought via 750 for a guest patient
        order = prescribe(who["out_of_region"], article["hearing_aid_750_only"])
        receive(order, NewIndividual("7509001", "SN-HR-9001"))
    with at(ELDERLY_CHARGER_DAY):  # BIL-2: a charger from 70
        services.deliver_from_central(by=admin, order=prescribe(who["elderly"], article["charger"]))
    with at(TOLVAN_CHARGER_DAY):  # BIL-2 and BIL-3
        services.deliver_from_central(by=admin, order=prescribe(who["adult"], article["charger"]))
        receive(prescribe(who["adult"], article["charger_kit"]))
    return "4 past deliveries with charges"
