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

from django.db import connection
from django.utils import timezone

from billing.models import PatientCharge
from billing.scale import copy_charges, fee_charge
from inventory.models import Article, Individual, IndividualEvent, StockMovement, Warehouse
from orders.models import Order, OrderLine, PurchaseOrder, Receipt
from recipients.models import Device, Recipient
from recipients.scale import SCALE_PATTERN
from sesam.lib.bulk import copy_rows, reserve_ids
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


class _Week:
    """The rows of one week's orders, built in memory and copied table by table."""

    def __init__(self):
        self.orders, self.pos, self.lines, self.receipts, self.devices = [], [], [], [], []
        self.individuals, self.events, self.movements, self.charges = [], [], [], []


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
    first_day = monday - datetime.timedelta(weeks=weeks)
    individual_serial = Individual.objects.filter(number__startswith="SI").count()
    delivered_from_central: Counter = Counter()  # article pk → units delivered from 70
    bar = progress(total=orders * LINES_PER_ORDER, desc="orderrader")
    made = Counter()
    for week in range(weeks):
        in_week = orders // weeks + (week < orders % weeks)
        if not in_week:
            continue
        start = monday - datetime.timedelta(weeks=week + 1)
        plan = []
        for _ in range(in_week):
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
            plan.append((sent, user, location, recipient, direct, chosen, suppliers))
        po_count = sum(len(p[6]) for p in plan)
        numbers = iter(next_numbers(in_week + po_count, day=start))
        rows = _Week()
        order_id = reserve_ids(Order, in_week)
        line_id = reserve_ids(OrderLine, in_week * LINES_PER_ORDER)
        po_id = reserve_ids(PurchaseOrder, po_count) if po_count else 0
        units = sum(a[6] for p in plan for a in p[5])
        individual_id = reserve_ids(Individual, units) if units else 0
        for sent, user, location, recipient, direct, chosen, suppliers in plan:
            number = next(numbers)
            rows.orders.append(
                {
                    "id": order_id,
                    "number": number,
                    "kind": Order.Kind.PRESCRIPTION,
                    "status": Order.Status.DELIVERED,
                    "recipient_id": recipient[0],
                    "prescriber_id": user,
                    "orderer_id": user,
                    "service_location_id": location,
                    "delivery_method": Order.DeliveryMethod.TO_UNIT,
                    "delivery_contact": MARKER,
                    "idempotency_key": uuid.UUID(int=rng.getrandbits(128)),
                    "created_at": sent,
                    "sent_at": sent,
                }
            )
            po_of = {}
            for supplier in suppliers:
                po_of[supplier] = (po_id, next(numbers))
                rows.pos.append(
                    {
                        "id": po_id,
                        "number": po_of[supplier][1],
                        "order_id": order_id,
                        "supplier_id": supplier,
                        "created_by_id": user,
                        "created_at": sent,
                    }
                )
                po_id += 1
            delivered = sent + datetime.timedelta(days=DELIVERY_DAYS)
            for position, article in enumerate(chosen, start=1):
                pk, article_number, name, price, supplier, fee, individual = article
                warehouse = purchasing if direct else central
                po = po_of.get(supplier) if direct else None
                rows.lines.append(
                    {
                        "id": line_id,
                        "order_id": order_id,
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
                if direct:
                    rows.receipts.append(
                        {"line_id": line_id, "unit_price": price, "by_id": user, "at": delivered}
                    )
                unit, unit_number = None, ""
                if individual:
                    individual_serial += 1
                    unit, unit_number = individual_id, f"SI{individual_serial:08d}"
                    individual_id += 1
                    came_in = delivered - datetime.timedelta(days=1 if direct else 30)
                    rows.individuals.append(
                        {
                            "id": unit,
                            "number": unit_number,
                            "serial_number": f"SN{individual_serial:09d}",
                            "article_id": pk,
                            "status": Individual.Status.DELIVERED,
                            "warehouse_id": None,
                            "purchase_date": came_in.date(),
                            "purchase_price": price,
                            "created_at": came_in,
                        }
                    )
                    rows.events += [
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
                            "to_value": recipient[1],
                            "reference": number,
                            "at": delivered,
                        },
                    ]
                    if direct:  # through 750 on its way to the recipient
                        rows.movements.append(
                            _movement(purchasing, pk, 1, IN, po[1], user, delivered)
                        )
                if direct and individual:
                    rows.movements.append(
                        _movement(purchasing, pk, -1, OUT, number, user, delivered)
                    )
                elif not direct:
                    delivered_from_central[pk] += 1
                    rows.movements.append(_movement(central, pk, -1, OUT, number, None, delivered))
                rows.devices.append(
                    {
                        "recipient_id": recipient[0],
                        "article_id": pk,
                        "individual_id": unit,
                        "quantity": 1,
                        "status": Device.Status.DELIVERED,
                        "order_line_id": line_id,
                        "order_number": number,
                        "prescriber_id": user,
                        "service_location_id": location,
                        "ordered_at": sent,
                        "delivered_on": delivered.date(),
                    }
                )
                rows.charges.append(
                    fee_charge(
                        line_id=line_id,
                        recipient_id=recipient[0],
                        personnummer=recipient[1],
                        name=f"{recipient[2]} {recipient[3]}",
                        service_location_id=location,
                        order_number=number,
                        article_number=article_number,
                        article_name=name,
                        amount=fee,
                        delivered=delivered,
                        individual_id=unit,
                        individual_number=unit_number,
                    )
                )
                line_id += 1
            order_id += 1
            bar.update(LINES_PER_ORDER)
        _copy_week(rows, made)
    bar.close()
    in_stock = _receive_central_stock(
        central, articles, delivered_from_central, first_day, individual_serial
    )
    _settle_balances()
    return (
        f"{orders} scale orders over {weeks} weeks: {made['lines']} lines and devices, "
        f"{made['pos']} purchase orders, {made['receipts']} receipts, {made['individuals']} "
        f"individuals delivered and {in_stock} in stock, {made['movements']} movements, "
        f"{made['charges']} due charges"
    )


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
    first = reserve_ids(Individual, len(individuals)) if individuals else 0
    for offset, row in enumerate(individuals):
        row["id"] = first + offset
    copy_rows(Individual, individuals)
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
