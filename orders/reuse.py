"""Återanvänd individ (BEY-3, reuse first): a central prescription line for an
individual-marked article is offered the refurbished individuals lying in 70 — of the article
itself or of its replacement group — oldest first, each with its article, age and warranty
left; and Hjälpmedel's figure of how many lines reuse met, per month and unit."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import ngettext

from inventory.models import Article, Individual, Warehouse
from inventory.warranty import Warranty, warranty_of
from orders.models import RESERVING_STATUSES, Order, OrderLine

LIMIT = 5  # the dialog offers the few oldest; more waits for the next prescription


@dataclass(frozen=True)
class ReuseOffer:
    individual: Individual
    age: str
    warranty: Warranty

    @property
    def article(self) -> Article:
        return self.individual.article


def age_label(start: datetime.date, today: datetime.date) -> str:
    """ "1 år 3 mån", "5 mån" — an individual's age from its delivery into the region."""
    age = relativedelta(today, start)
    months = ngettext("%(n)s mån", "%(n)s mån", age.months) % {"n": age.months}
    if age.years:
        return ngettext("%(n)s år", "%(n)s år", age.years) % {"n": age.years} + f" {months}"
    return months


def reserved(individual_ref="pk"):
    """An open line holds the individual (BEY-3, orders_orderline_reuse_reserved_once)."""
    return Exists(
        OrderLine.objects.filter(
            individual=OuterRef(individual_ref), reused=True, status__in=RESERVING_STATUSES
        )
    )


def offerable():
    """Refurbished individuals in stock at 70, not blocked by a recall, reserved by no line."""
    return (
        Individual.objects.filter(
            status=Individual.Status.IN_STOCK,
            warehouse__kind=Warehouse.Kind.CENTRAL,
            refurbished_at__isnull=False,
            blocked_by="",
        )
        .exclude(reserved())
        .select_related("article", "warehouse")
    )


def reuse_offers(article: Article, *, allowed=None) -> list[ReuseOffer]:
    """The offer for a line of `article` (one query; none for an article not individual-
    marked). Oldest first: by the individual's age — its delivery into the region, the start
    of its warranty (BEY-D400). `allowed(article) -> bool` leaves out articles outside the
    prescriber's rights (BEY-1)."""
    if not article.is_individual:
        return []
    same = Q(article=article)
    if article.replacement_group:
        same |= Q(article__replacement_group=article.replacement_group)
    rows = (
        offerable()
        .filter(same)
        .order_by(Coalesce("purchase_date", TruncDate("created_at")), "pk")[:LIMIT]
    )
    today = timezone.localdate()
    return [
        ReuseOffer(
            individual,
            age_label(individual.purchase_date or timezone.localdate(individual.created_at), today),
            warranty_of(individual, today=today),
        )
        for individual in rows
        if allowed is None or allowed(individual.article)
    ]


def offers_for_line(draft: Order, article: Article, *, allowed=None) -> list[ReuseOffer]:
    """The offer where it applies: a prescription to a recipient whose cart is empty or on
    70 (a reused individual is delivered from 70, and a cart has one source)."""
    if (
        draft.kind != Order.Kind.PRESCRIPTION
        or draft.recipient_id is None
        or getattr(draft, "first_source", None) not in (None, OrderLine.Source.CENTRAL)
    ):
        return []
    return reuse_offers(article, allowed=allowed)


@dataclass(frozen=True)
class ShareRow:
    month: datetime.date
    unit: str
    lines: int
    offered: int
    reused: int

    @property
    def declined(self) -> int:
        return self.offered - self.reused

    @property
    def share(self) -> str:
        """The share of the central lines for individual-marked articles met by reuse."""
        return f"{round(100 * self.reused / self.lines)} %" if self.lines else "–"


def reuse_share(*, months: int = 24) -> list[ShareRow]:
    """BEY-3 for Hjälpmedel: per month (of sending) and unit, the sent central prescription
    lines of individual-marked articles, how many were offered a reused individual and how
    many took one. One aggregate query (BEY-D404)."""
    since = timezone.now() - relativedelta(months=months)
    rows = (
        OrderLine.objects.filter(
            source=OrderLine.Source.CENTRAL,
            article__is_individual=True,
            order__kind=Order.Kind.PRESCRIPTION,
            order__sent_at__gte=since,
        )
        .exclude(status=OrderLine.Status.CANCELLED)
        .annotate(month=TruncMonth("order__sent_at"))
        .values("month", "order__service_location__code", "order__service_location__name")
        .annotate(
            lines=Count("pk"),
            offered=Count("pk", filter=Q(reused=True) | ~Q(reuse_declined="")),
            reused_lines=Count("pk", filter=Q(reused=True)),
        )
        .order_by("-month", "order__service_location__code")
    )
    return [
        ShareRow(
            timezone.localdate(row["month"])
            if isinstance(row["month"], datetime.datetime)
            else row["month"],
            f"{row['order__service_location__code']} {row['order__service_location__name']}",
            row["lines"],
            row["offered"],
            row["reused_lines"],
        )
        for row in rows
    ]
