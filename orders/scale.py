"""Scale data (`seed_demo --orders N`): N order lines in delivered prescriptions (two lines
an order; a device per line on the recipient's page) of the demo prescribers at their
locations, for the scale recipients and articles, sent over the past weeks (never the
current one) with numbers from the shared series — at most 9 000 a week."""

import datetime
import math
import uuid

from django.utils import timezone

from inventory.models import Article, Warehouse
from orders.models import Order, OrderLine
from recipients.models import Device, Recipient
from recipients.scale import SCALE_PATTERN
from sesam.lib.bulk import copy_rows, reserve_ids
from sesam.lib.numbers import next_numbers
from sesam.models import User

LINES_PER_ORDER = 2
PER_WEEK = 9000
MIN_WEEKS = 104


def _prescribers():
    pairs = []
    for user in User.objects.filter(is_prescriber=True, is_active=True).order_by("pk"):
        for membership in user.memberships.select_related("service_location").order_by("pk"):
            pairs.append((user.pk, membership.service_location_id))
    return pairs


def seed_scale(*, counts, rng, progress) -> str:
    marker = "Skaldata"
    existing = Order.objects.filter(delivery_contact=marker).count()
    orders = math.ceil(counts.get("orders", 0) / LINES_PER_ORDER) - existing
    if orders <= 0:
        return f"{existing} scale orders (none new)"
    recipients = list(
        Recipient.objects.filter(personnummer__regex=SCALE_PATTERN).values_list("pk", flat=True)
    )
    articles = list(
        Article.objects.filter(number__startswith="S").values_list("pk", "number", "name", "price")
    )
    if not recipients or not articles:
        raise ValueError("--orders needs --recipients and --articles")
    central = Warehouse.objects.get(kind=Warehouse.Kind.CENTRAL)
    pairs = _prescribers()
    weeks = max(MIN_WEEKS, math.ceil(orders / PER_WEEK))
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    first_order = reserve_ids(Order, orders)
    first_line = reserve_ids(OrderLine, orders * LINES_PER_ORDER)
    bar = progress(total=orders, desc="beställningar")
    plan = []  # (order id, number, sent_at, prescriber, location, recipient)
    for week in range(weeks):
        in_week = orders // weeks + (week < orders % weeks)
        if not in_week:
            continue
        start = monday - datetime.timedelta(weeks=week + 1)
        numbers = next_numbers(in_week, day=start)
        for number in numbers:
            sent = datetime.datetime.combine(
                start + datetime.timedelta(days=rng.randrange(5)),
                datetime.time(7 + rng.randrange(10), rng.randrange(60)),
                tzinfo=datetime.UTC,
            )
            user, location = pairs[rng.randrange(len(pairs))]
            plan.append(
                (
                    first_order + len(plan),
                    number,
                    sent,
                    user,
                    location,
                    recipients[rng.randrange(len(recipients))],
                )
            )

    def order_rows():
        for pk, number, sent, user, location, recipient in plan:
            bar.update(1)
            yield {
                "id": pk,
                "number": number,
                "kind": Order.Kind.PRESCRIPTION,
                "status": Order.Status.DELIVERED,
                "recipient_id": recipient,
                "prescriber_id": user,
                "orderer_id": user,
                "service_location_id": location,
                "delivery_method": Order.DeliveryMethod.TO_UNIT,
                "delivery_contact": marker,
                "idempotency_key": uuid.UUID(int=rng.getrandbits(128)),
                "created_at": sent,
                "sent_at": sent,
            }

    lines = []

    def line_rows():
        for pk, number, sent, user, location, recipient in plan:
            for position in range(1, LINES_PER_ORDER + 1):
                article, article_number, name, price = articles[rng.randrange(len(articles))]
                line = first_line + len(lines)
                lines.append((line, pk, number, sent, user, location, recipient, article))
                yield {
                    "id": line,
                    "order_id": pk,
                    "position": position,
                    "article_id": article,
                    "article_number": article_number,
                    "article_name": name,
                    "unit_price": price,
                    "quantity": 1,
                    "source": OrderLine.Source.CENTRAL,
                    "warehouse_id": central.pk,
                    "status": OrderLine.Status.DELIVERED,
                    "delivered_at": sent + datetime.timedelta(days=2),
                }

    def device_rows():
        for line, _pk, number, sent, user, location, recipient, article in lines:
            yield {
                "recipient_id": recipient,
                "article_id": article,
                "quantity": 1,
                "status": Device.Status.DELIVERED,
                "order_line_id": line,
                "order_number": number,
                "prescriber_id": user,
                "service_location_id": location,
                "ordered_at": sent,
                "delivered_on": (sent + datetime.timedelta(days=2)).date(),
            }

    copy_rows(Order, order_rows())
    bar.close()
    line_bar = progress(total=orders * LINES_PER_ORDER, desc="orderrader")
    copy_rows(OrderLine, line_rows(), progress=line_bar)
    line_bar.close()
    device_bar = progress(total=len(lines), desc="hjälpmedel")
    copy_rows(Device, device_rows(), progress=device_bar)
    device_bar.close()
    return f"{orders} scale orders, {len(lines)} lines and devices over {weeks} weeks"
