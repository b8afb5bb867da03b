"""BEY-5 at scale, on small data: a recall over thousands of serials costs the same few
queries as one over three — the trace runs once, the items, blocks and their events are one
statement each (BEY-D441; the full-data figure is in docs/performance.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory.models import Individual, IndividualEvent, Warehouse
from inventory.tests.factories import ArticleFactory, IndividualFactory, WarehouseFactory
from safety import services

pytestmark = pytest.mark.django_db
MANY = 5_000


@pytest.fixture
def stock(lund):
    """An article with 40 individuals in Lund's store (serials RB0001…RB0040) and 40
    delivered (RB0041…RB0080)."""
    article = ArticleFactory(is_individual=True)
    store = WarehouseFactory(number=lund.code, service_location=lund)
    for n in range(1, 81):
        fields = {"warehouse": store} if n <= 40 else {"status": "delivered", "warehouse": None}
        IndividualFactory(article=article, serial_number=f"RB{n:04d}", **fields)
    return article


def _queries(staff, article, serials) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        recall = services.create_recall(
            by=staff, article=article, serials=serials, reason="Batteriet"
        )
    return len(context), recall


def test_bey_5_a_recall_over_many_serials_has_bounded_queries(
    staff, stock, django_assert_max_num_queries
):
    few, small = _queries(staff, stock, "RB0001\nRB0041\nRB0002")
    terms = [f"rb{n:04d}" for n in range(1, 81)] + [f"X{n:06d}" for n in range(MANY)]
    with django_assert_max_num_queries(few):
        recall = services.create_recall(
            by=staff, article=stock, serials="\n".join([*terms, "RB0001-RB0099"]), reason="Alla"
        )
    assert small.items.count() == 3 and recall.items.count() == 80
    assert recall.items.filter(blocked=True).count() == 38  # two already blocked by the first
    assert Individual.objects.filter(blocked_by=recall.number).count() == 38
    assert IndividualEvent.objects.filter(kind="blocked", to_value=recall.number).count() == 38
    assert Warehouse.objects.filter(individuals__blocked_by=recall.number).distinct().count() == 1
