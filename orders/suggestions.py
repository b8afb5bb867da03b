"""Brukar förskrivas med (BEY-12): the accessories most often prescribed together with a
hearing aid — the article itself or any of its replacement group — at the region in the past
24 months: at least 3 orders in common, the top 5, each with its count. One SQL query."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils import timezone

from inventory.models import Article
from orders.models import Order, OrderLine

WINDOW_MONTHS = 24
MIN_TIMES = 3
TOP = 5


@dataclass(frozen=True)
class Suggestion:
    article_id: int
    number: str
    name: str
    times: int


def is_hearing_aid(article: Article) -> bool:
    """What suggestions start from: an individual-marked main device."""
    return article.type == Article.Type.MAIN and article.is_individual


def accessory_suggestions(
    articles: list[Article],
    *,
    leave_out: set[int] = frozenset(),
    now: datetime.datetime | None = None,
) -> list[Suggestion]:
    """The suggestions for the hearing aids among `articles` (a cart's), leaving out the
    articles in `leave_out` (already in the cart)."""
    aids = [article for article in articles if is_hearing_aid(article)]
    if not aids:
        return []
    since = (now or timezone.now()) - relativedelta(months=WINDOW_MONTHS)
    groups = {article.replacement_group for article in aids if article.replacement_group}
    group = Article.objects.filter(
        Q(pk__in=[article.pk for article in aids]) | Q(replacement_group__in=groups)
    )
    with_aid = OrderLine.objects.filter(
        article_id__in=group.values("pk"), order__sent_at__gte=since
    ).exclude(order__status__in=[Order.Status.DRAFT, Order.Status.CANCELLED])
    rows = (
        OrderLine.objects.filter(
            order_id__in=with_aid.values("order_id"),
            article__type=Article.Type.ACCESSORY,
            article__status=Article.Status.ACTIVE,
        )
        .exclude(article_id__in=leave_out)
        .values("article_id", "article__number", "article__name")
        .annotate(times=Count("order_id", distinct=True))
        .filter(times__gte=MIN_TIMES)
        .order_by("-times", "article__number")[:TOP]
    )
    return [
        Suggestion(row["article_id"], row["article__number"], row["article__name"], row["times"])
        for row in rows
    ]
