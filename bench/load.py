"""Load with invariants: simulated prescribers, secretaries and receivers of one service
location work at once, in threads through the services (each a real PostgreSQL
transaction), on the same articles and warehouses — own-store withdrawals, central
prescriptions, refills, purchase orders, receipts, cancels — for a bounded number of rounds
or seconds; then the books are checked. Refusals (SesamError: out of stock, already
received, …) are expected answers; any other exception is a broken promise (a 500)."""

import random
import threading
import time
from collections import Counter

from django.db import connection, connections
from django.db.models import Count, Sum

from inventory.models import Article, StockBalance, StockMovement, Warehouse
from inventory.rights import load_rights
from orders import services
from orders.models import Order, OrderLine, PurchaseOrder, Receipt
from orders.services.receiving import LineReceipt
from recipients.models import Device, Recipient
from sesam.exceptions import SesamError
from sesam.models import Membership, ProductArea, Profession, ServiceLocation, User

ACTIONS = ["own_store", "central", "refill", "purchase_orders", "receive", "cancel"]


def load_users(location: ServiceLocation, count: int) -> list[User]:
    """Prescribers of the location with the demo audionomists' profession and product area,
    so that their prescriptions are within their rights (BEY-1) and reach the stock."""
    audionom = Profession.objects.get_or_create(name="Audionom")[0]
    horsel = ProductArea.objects.get(code="horsel")
    users = []
    for i in range(count):
        user, created = User.objects.get_or_create(
            username=f"last{i}",
            defaults={"full_name": f"Last {i}", "is_prescriber": True, "prescriber_code": f"L{i}"},
        )
        if created:
            Membership.objects.create(user=user, service_location=location, is_default=True)
        if user.profession_id is None:
            User.objects.filter(pk=user.pk).update(profession=audionom)
            user.profession = audionom
        user.product_areas.add(horsel)
        users.append(user)
    return users


def _world(location, prescriber):
    """The articles the load works on: three from the own store and three from 70 that the
    load users may prescribe (BEY-1), two bought from a supplier; the first recipient."""
    store = Warehouse.objects.get(number=location.code)
    buyable = Article.objects.filter(status=Article.Status.ACTIVE, in_assortment=True)
    rights = load_rights(prescriber)

    def prescribable(articles):
        articles = articles.select_related("iso_code").order_by("number")[:100]
        return [article for article in articles if rights.refusal(article) is None][:3]

    own = prescribable(
        buyable.filter(balances__warehouse=store, balances__quantity__gt=0, is_individual=False)
    )
    central = prescribable(
        buyable.filter(
            balances__warehouse__kind=Warehouse.Kind.CENTRAL,
            balances__quantity__gt=0,
            is_individual=False,
            central_only=False,
        )
    )
    direct = list(
        buyable.filter(is_individual=False, type=Article.Type.ACCESSORY, price__gt=0)
        .exclude(balances__warehouse__kind=Warehouse.Kind.CENTRAL)
        .order_by("number")[:2]
    )
    recipient = Recipient.objects.filter(is_active=True, protected_identity=False).order_by("pk")
    return {"own": own, "central": central, "direct": direct, "recipient": recipient.first()}


class Actor(threading.Thread):
    def __init__(self, user, location, world, *, seed, deadline, rounds, tally):
        super().__init__(daemon=True)
        self.user, self.location, self.world = user, location, world
        self.rng, self.deadline, self.rounds, self.tally = (
            random.Random(seed),
            deadline,
            rounds,
            tally,
        )

    def run(self):
        try:
            done = 0
            while done < self.rounds and time.monotonic() < self.deadline:
                action = self.rng.choice(ACTIONS)
                try:
                    getattr(self, action)()
                    self.tally[action] += 1
                except SesamError as refusal:
                    self.tally["refused"] += 1
                    self.tally[f"refused: {action}: {refusal}"[:200]] += 1
                except Exception as error:  # noqa: BLE001 — that is what we count
                    self.tally["errors"] += 1
                    self.tally[f"error: {action}: {type(error).__name__}: {error}"[:600]] += 1
                done += 1
        finally:
            connections.close_all()

    def _prescribe(self, source, articles):
        services.discard_draft(by=self.user)
        draft = services.start_order(
            by=self.user,
            recipient=self.world["recipient"],
            prescriber=self.user,
            service_location=self.location,
        )
        for article in self.rng.sample(articles, min(2, len(articles))):
            services.add_line(
                by=self.user, article=article, quantity=self.rng.randint(1, 3), source=source
            )
        return services.submit_order(by=self.user, idempotency_key=draft.idempotency_key)

    def own_store(self):
        self._prescribe("own_store", self.world["own"])

    def central(self):
        self._prescribe("central", self.world["central"])

    def refill(self):
        services.discard_draft(by=self.user)
        draft = services.start_refill(by=self.user, service_location=self.location)
        for article in (*self.world["central"][:1], *self.world["direct"]):
            services.add_line(by=self.user, article=article, quantity=2, source="central")
        services.submit_order(by=self.user, idempotency_key=draft.idempotency_key)

    def _pick(self, queryset):
        ids = list(queryset.values_list("pk", flat=True)[:20])
        return self.rng.choice(ids) if ids else None

    def purchase_orders(self):
        pk = self._pick(
            Order.objects.filter(
                service_location=self.location,
                lines__purchase_order=None,
                lines__warehouse__kind=Warehouse.Kind.PURCHASING,
                lines__status=OrderLine.Status.REGISTERED,
            )
        )
        if pk:
            services.create_purchase_orders(by=self.user, order=Order.objects.get(pk=pk))

    def receive(self):
        pk = self._pick(
            OrderLine.objects.filter(
                order__service_location=self.location,
                warehouse__kind=Warehouse.Kind.PURCHASING,
                status=OrderLine.Status.REGISTERED,
                article__is_individual=False,
            ).exclude(unit_price=0)
        )
        if pk:
            services.receive_lines(by=self.user, receipts=[LineReceipt(line_id=pk)])

    def cancel(self):
        pk = self._pick(
            Order.objects.filter(service_location=self.location, status=Order.Status.REGISTERED)
        )
        if pk:
            services.cancel_order(by=self.user, order=Order.objects.get(pk=pk))


def broken_invariants() -> list[str]:
    broken = []
    negative = StockBalance.objects.filter(quantity__lt=0).count()
    if negative:
        broken.append(f"{negative} negative balances")
    sums = {
        (row["warehouse"], row["article"]): row["total"]
        for row in StockMovement.objects.values("warehouse", "article").annotate(
            total=Sum("quantity")
        )
    }
    for balance in StockBalance.objects.values("warehouse", "article", "quantity"):
        if balance["quantity"] != sums.get((balance["warehouse"], balance["article"]), 0):
            broken.append(f"balance {balance} is not the sum of its movements")
    numbers = Counter(Order.objects.exclude(number=None).values_list("number", flat=True))
    numbers.update(PurchaseOrder.objects.values_list("number", flat=True))
    broken += [f"number {n} used {c} times" for n, c in numbers.items() if c > 1]
    twice = (
        Device.objects.filter(individual__isnull=False, status__in=["ordered", "delivered"])
        .values("individual")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    broken += [f"individual {row['individual']} delivered twice" for row in twice]
    received = Receipt.objects.values("line").annotate(n=Count("pk")).filter(n__gt=1)
    broken += [f"line {row['line']} received twice" for row in received]
    return broken


def run_load(*, seconds=None, rounds=10_000, actors=6, location_code="4101", seed=11) -> dict:
    location = ServiceLocation.objects.get(code=location_code)
    users = load_users(location, actors)
    world = _world(location, users[0])
    deadline = time.monotonic() + seconds if seconds else float("inf")
    tally: Counter = Counter()
    threads = [
        Actor(user, location, world, seed=seed + i, deadline=deadline, rounds=rounds, tally=tally)
        for i, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    connection.close()
    broken = broken_invariants()
    done = sum(tally[a] for a in ACTIONS)
    summary = (
        f"load: {actors} users, {done} actions ({', '.join(f'{a} {tally[a]}' for a in ACTIONS)}), "
        f"{tally['refused']} refused, {tally['errors']} errors; "
        + ("invariants hold" if not broken else "BROKEN: " + "; ".join(broken[:5]))
    )
    return {"tally": dict(tally), "broken": broken, "errors": tally["errors"], "summary": summary}
