"""Scale data (`seed_demo --orders N`): N order lines in delivered prescriptions (two lines
an order) of the demo prescribers at their locations, for the scale recipients and
articles, sent over the past weeks (never the current one) with numbers from the shared
series, and what their delivery left behind, as the services would have made it:

- a line from 70 (nine orders in ten): a delivery movement on 70 (ORD-11); an
  individual-marked article's unit is an individual that came into 70 and went to the
  recipient (IND, with its events);
- a direct delivery (every tenth order): both lines on 750, a purchase order per supplier
  (ORD-8) and a receipt per line (RCV-7, RCV-8); an individual-marked unit passes through
  750 (+1 −1, as `receiving._bring_in`);
- each line's device (REC-6) and patient fee (BIL-1, `billing.scale`);
- each scale article delivered from 70 was received there (one receipt movement: what was
  delivered plus a shelf stock, individuals in stock for individual-marked ones), and every
  balance of a scale article is the sum of its movements (STK-4).

Loaded week by week with COPY, so memory does not grow with N; at most 7 500 orders a week
(with their purchase orders within the week's 9 999 numbers)."""

import datetime
import math
import uuid
from collections import Counter
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from billing.models import PatientCharge
from billing.scale import copy_charges, fee_charge
from inventory.models import Article, Individual, IndividualEvent, StockMovement, Warehouse
from orders.models import Order, OrderLine, PurchaseOrder, Receipt
from recipients.models import Device, Recipient
from recipients.scale import SCALE_PATTERN
from sesam.lib.bulk import copy_new_rows, copy_rows, reserve_ids
from sesam.lib.numbers import next_numbers
from sesam.models import User

MARKER = "Skaldata"
LINES_PER_ORDER = 2
PER_WEEK = 7500
MIN_WEEKS = 104
DIRECT_SHARE = 0.1
DELIVERY_DAYS = 2
IN, OUT = StockMovement.Reason.RECEIPT, StockMovement.Reason.DELIVERY


def _prescribers():
    pairs = []
    for user in User.objects.filter(is_prescriber=True, is_active=True).order_by("pk"):
        for membership in user.memberships.select_related("service_location").order_by("pk"):
            pairs.append((user.pk, membership.service_location_id))
    return pairs


class _Planned(NamedTuple):
    """One order of the week as drawn: when, by whom, for whom, its articles and, for a
    direct delivery, the suppliers that get a purchase order."""

    sent: datetime.datetime
    user: int
    location: int
    recipient: tuple  # pk, personnummer, first name, last name
    direct: bool
    articles: list  # (pk, number, name, price, supplier, fee, is_individual) each
    suppliers: list


class _Week:
    """One week's rows, built in memory with ids reserved up front (children refer to
    parents in the same load) and copied table by table."""

    def __init__(self, plan, *, central, purchasing, serial, from_central):
        self.central, self.purchasing = central, purchasing
        self.serial, self.from_central = serial, from_central  # across weeks
        self.orders, self.pos, self.lines, self.receipts, self.devices = [], [], [], [], []
        self.individuals, self.events, self.movements, self.charges = [], [], [], []
        purchase_orders = sum(len(order.suppliers) for order in plan)
        units = sum(a[6] for order in plan for a in order.articles)
        self.order_id = reserve_ids(Order, len(plan))
        self.line_id = reserve_ids(OrderLine, len(plan) * LINES_PER_ORDER)
        self.po_id = reserve_ids(PurchaseOrder, purchase_orders) if purchase_orders else 0
        self.unit_id = reserve_ids(Individual, units) if units else 0

    def add_order(self, order: _Planned, numbers, key: uuid.UUID) -> None:
        number = next(numbers)
        self.orders.append(
            {
                "id": self.order_id,
                "number": number,
                "kind": Order.Kind.PRESCRIPTION,
                "status": Order.Status.DELIVERED,
                "recipient_id": order.recipient[0],
                "prescriber_id": order.user,
                "orderer_id": order.user,
                "service_location_id": order.location,
                "delivery_method": Order.DeliveryMethod.TO_UNIT,
                "delivery_contact": MARKER,
                "idempotency_key": key,
                "created_at": order.sent,
                "sent_at": order.sent,
            }
        )
        po_of = {}
        for supplier in order.suppliers:
            po_of[supplier] = (self.po_id, next(numbers))
            self.pos.append(
                {
                    "id": self.po_id,
                    "number": po_of[supplier][1],
                    "order_id": self.order_id,
                    "supplier_id": supplier,
                    "created_by_id": order.user,
                    "created_at": order.sent,
                }
            )
            self.po_id += 1
        for position, article in enumerate(order.articles, start=1):
            self._add_line(order, number, position, article, po_of.get(article[4]))
        self.order_id += 1

    def _add_line(self, order: _Planned, number: str, position: int, article, po) -> None:
        pk, article_number, name, price, _supplier, fee, individual = article
        warehouse = self.purchasing if order.direct else self.central
        delivered = order.sent + datetime.timedelta(days=DELIVERY_DAYS)
        self.lines.append(
            {
                "id": self.line_id,
                "order_id": self.order_id,
                "position": position,
                "article_id": pk,
                "article_number": article_number,
                "article_name": name,
                "unit_price": price,
                "fee_amount": fee,
                "patient_fee": True,
                "quantity": 1,
                "source": OrderLine.Source.CENTRAL,
                "warehouse_id": warehouse.pk,
                "status": OrderLine.Status.DELIVERED,
                "planned_delivery_date": delivered.date(),
                "purchase_order_id": po[0] if po else None,
                "delivered_at": delivered,
            }
        )
        if order.direct:  # RCV-7, RCV-8
            self.receipts.append(
                {"line_id": self.line_id, "unit_price": price, "by_id": order.user, "at": delivered}
            )
        unit, unit_number = (None, "")
        if individual:
            unit, unit_number = self._add_individual(order, number, article, warehouse, po)
        if not order.direct:  # ORD-11: out of 70
            self.from_central[pk] += 1
            self.movements.append(_movement(self.central, pk, -1, OUT, number, None, delivered))
        self.devices.append(
            {
                "recipient_id": order.recipient[0],
                "article_id": pk,
                "individual_id": unit,
                "quantity": 1,
                "status": Device.Status.DELIVERED,
                "order_line_id": self.line_id,
                "order_number": number,
                "prescriber_id": order.user,
                "service_location_id": order.location,
                "ordered_at": order.sent,
                "delivered_on": delivered.date(),
            }
        )
        self.charges.append(
            fee_charge(
                line_id=self.line_id,
                recipient_id=order.recipient[0],
                personnummer=order.recipient[1],
                name=f"{order.recipient[2]} {order.recipient[3]}",
                service_location_id=order.location,
                order_number=number,
                article_number=article_number,
                article_name=name,
                amount=fee,
                delivered=delivered,
                individual_id=unit,
                individual_number=unit_number,
            )
        )
        self.line_id += 1

    def _add_individual(self, order, number, article, warehouse, po) -> tuple[int, str]:
        """IND: the unit came into `warehouse` (70 a month before, 750 the day before, as
        `receiving._bring_in` passes it through: +1 −1) and went to the recipient."""
        pk, price = article[0], article[3]
        delivered = order.sent + datetime.timedelta(days=DELIVERY_DAYS)
        came_in = delivered - datetime.timedelta(days=1 if order.direct else 30)
        self.serial += 1
        unit, unit_number = self.unit_id, f"SI{self.serial:08d}"
        self.unit_id += 1
        self.individuals.append(
            {
                "id": unit,
                "number": unit_number,
                "serial_number": f"SN{self.serial:09d}",
                "article_id": pk,
                "status": Individual.Status.DELIVERED,
                "warehouse_id": None,
                "purchase_date": came_in.date(),
                "purchase_price": price,
                "created_at": came_in,
            }
        )
        self.events += [
            {
                "individual_id": unit,
                "kind": IndividualEvent.Kind.CREATED,
                "to_value": warehouse.number,
                "reference": po[1] if po else MARKER,
                "at": came_in,
            },
            {
                "individual_id": unit,
                "kind": IndividualEvent.Kind.DELIVERED,
                "from_value": warehouse.number,
                "to_value": order.recipient[1],
                "reference": number,
                "at": delivered,
            },
        ]
        if order.direct:
            self.movements += [
                _movement(self.purchasing, pk, 1, IN, po[1], order.user, delivered),
                _movement(self.purchasing, pk, -1, OUT, number, order.user, delivered),
            ]
        return unit, unit_number


def seed_scale(*, counts, rng, progress) -> str:
    existing = Order.objects.filter(delivery_contact=MARKER).count()
    _refuse_old_scale_data(existing)
    orders = math.ceil(counts.get("orders", 0) / LINES_PER_ORDER) - existing
    if orders <= 0:
        return f"{existing} scale orders (none new)"
    recipients = list(
        Recipient.objects.filter(personnummer__regex=SCALE_PATTERN)
        .order_by("pk")
        .values_list("pk", "personnummer", "first_name", "last_name")
    )
    articles = list(
        Article.objects.filter(number__startswith="S")
        .order_by("pk")
        .values_list("pk", "number", "name", "price", "supplier_id", "fee_amount", "is_individual")
    )
    if not recipients or not articles:
        raise ValueError("--orders needs --recipients and --articles")
    central = Warehouse.objects.get(kind=Warehouse.Kind.CENTRAL)
    purchasing = Warehouse.objects.get(kind=Warehouse.Kind.PURCHASING)
    pairs = _prescribers()
    weeks = max(MIN_WEEKS, math.ceil(orders / PER_WEEK))
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    serial = Individual.objects.filter(number__startswith="SI").count()
    from_central: Counter = Counter()  # article pk → units delivered from 70
    bar = progress(total=orders * LINES_PER_ORDER, desc="orderrader")
    made = Counter()
    for week in range(weeks):
        in_week = orders // weeks + (week < orders % weeks)
        if not in_week:
            continue
        start = monday - datetime.timedelta(weeks=week + 1)
        plan = [_draw(rng, start, pairs, recipients, articles) for _ in range(in_week)]
        purchase_orders = sum(len(order.suppliers) for order in plan)
        numbers = iter(next_numbers(in_week + purchase_orders, day=start))
        rows = _Week(
            plan, central=central, purchasing=purchasing, serial=serial, from_central=from_central
        )
        for order in plan:
            rows.add_order(order, numbers, uuid.UUID(int=rng.getrandbits(128)))
            bar.update(LINES_PER_ORDER)
        serial = rows.serial
        _copy_week(rows, made)
    bar.close()
    first_day = monday - datetime.timedelta(weeks=weeks)
    in_stock = _receive_central_stock(central, articles, from_central, first_day, serial)
    _settle_balances()
    return (
        f"{orders} scale orders over {weeks} weeks: {made['lines']} lines and devices, "
        f"{made['pos']} purchase orders, {made['receipts']} receipts, {made['individuals']} "
        f"individuals delivered and {in_stock} in stock, {made['movements']} movements, "
        f"{made['charges']} due charges"
    )


def _draw(rng, start: datetime.date, pairs, recipients, articles) -> _Planned:
    sent = datetime.datetime.combine(
        start + datetime.timedelta(days=rng.randrange(5)),
        datetime.time(7 + rng.randrange(10), rng.randrange(60)),
        tzinfo=datetime.UTC,
    )
    user, location = pairs[rng.randrange(len(pairs))]
    recipient = recipients[rng.randrange(len(recipients))]
    direct = rng.random() < DIRECT_SHARE
    chosen = [articles[rng.randrange(len(articles))] for _ in range(LINES_PER_ORDER)]
    suppliers = sorted({a[4] for a in chosen}) if direct else []
    return _Planned(sent, user, location, recipient, direct, chosen, suppliers)


def _refuse_old_scale_data(existing: int) -> None:
    """Scale data loaded before QUA-D14 (lines without charges, receipts, individuals or
    movements) cannot be topped up into data in proportion: load it again."""
    line = OrderLine.objects.filter(order__delivery_contact=MARKER).values_list("pk", flat=True)
    first = line.order_by("pk").first() if existing else None
    if first is not None and not PatientCharge.objects.filter(order_line_id=first).exists():
        raise ValueError(
            "The scale data was loaded before QUA-D14 (no charges, receipts, individuals or "
            "movements): drop the database (or `bin/pg stop` and remove its directory) and "
            "run seed_demo --scale again."
        )


def _movement(warehouse, article, quantity, reason, reference, by, at):
    return {
        "warehouse_id": warehouse.pk,
        "article_id": article,
        "quantity": quantity,
        "reason": reason,
        "reference": reference,
        "by_id": by,
        "at": at,
    }


def _copy_week(rows: _Week, made: Counter) -> None:
    """Parents before children: orders, purchase orders, individuals, lines, then the rest."""
    copy_rows(Order, rows.orders)
    made["pos"] += copy_rows(PurchaseOrder, rows.pos)
    made["individuals"] += copy_rows(Individual, rows.individuals)
    copy_rows(IndividualEvent, rows.events)
    made["lines"] += copy_rows(OrderLine, rows.lines)
    made["receipts"] += copy_rows(Receipt, rows.receipts)
    copy_rows(Device, rows.devices)
    made["movements"] += copy_rows(StockMovement, rows.movements)
    made["charges"] += copy_charges(rows.charges)


def _receive_central_stock(central, articles, delivered, day, serial) -> int:
    """What 70 delivered it had received: per article one receipt movement of the units
    delivered in this load, plus a shelf stock the first time (a few units; individuals in
    stock for an individual-marked article). Returns the individuals in stock."""
    stocked = set(
        central.balances.filter(article_id__in=list(delivered)).values_list("article_id", flat=True)
    )
    at = datetime.datetime.combine(day, datetime.time(6), tzinfo=datetime.UTC)
    movements, individuals = [], []
    for pk, number, _name, price, _supplier, _fee, individual in articles:
        if pk not in delivered:
            continue
        i = int(number[1:])  # S0000042 → 42; every sixth is individual-marked
        shelf = 0 if pk in stocked else ((i // 6) % 3 if individual else i % 8)
        movements.append(_movement(central, pk, delivered[pk] + shelf, IN, MARKER, None, at))
        if individual:
            for _ in range(shelf):
                serial += 1
                individuals.append(
                    {
                        "number": f"SI{serial:08d}",
                        "serial_number": f"SN{serial:09d}",
                        "article_id": pk,
                        "status": Individual.Status.IN_STOCK,
                        "warehouse_id": central.pk,
                        "purchase_date": day,
                        "purchase_price": Decimal(price),
                        "created_at": at,
                    }
                )
    copy_rows(StockMovement, movements)
    copy_new_rows(Individual, individuals)
    copy_rows(
        IndividualEvent,
        (
            {
                "individual_id": row["id"],
                "kind": IndividualEvent.Kind.CREATED,
                "to_value": central.number,
                "reference": MARKER,
                "at": at,
            }
            for row in individuals
        ),
    )
    return len(individuals)


def _settle_balances() -> None:
    """STK-4: each balance of a scale article becomes the sum of its movements (a new row
    where there was none); nothing is allocated, every scale order is delivered."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO inventory_stockbalance (warehouse_id, article_id, quantity, allocated)
            SELECT m.warehouse_id, m.article_id, sum(m.quantity), 0
            FROM inventory_stockmovement m JOIN inventory_article a ON a.id = m.article_id
            WHERE a.number LIKE 'S%%'
            GROUP BY m.warehouse_id, m.article_id
            ON CONFLICT (warehouse_id, article_id) DO UPDATE SET quantity = EXCLUDED.quantity
            """
        )
