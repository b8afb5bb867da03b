"""BEY-3 under concurrency: two carts taking one refurbished individual at once — one gets
it, the other a clear refusal (threads with their own connections on PostgreSQL)."""

import pytest

from inventory import services as stock
from orders import services
from orders.exceptions import OrderRefused
from orders.models import OrderLine
from orders.tests.factories import stocked_article
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_bey_3_two_orders_for_one_refurbished_individual_one_gets_it(
    prescriber, colleague, tolvan, lund, central_warehouse, staff
):
    aria = stocked_article(central_warehouse, 0, is_individual=True, warranty_months=48)
    (individual,) = stock.create_individuals(
        article=aria,
        warehouse=central_warehouse,
        individuals=[stock.NewIndividual(number="7000901")],
        by=staff,
    )
    stock.mark_refurbished(individual_ids=[individual.pk], by=staff)
    for user in (prescriber, colleague):
        services.start_order(by=user, recipient=tolvan, prescriber=user, service_location=lund)

    def take(user):
        return lambda: services.add_reused_line(by=user, individual_id=individual.pk)

    results = race(take(prescriber), take(colleague))
    lines = [r for r in results if isinstance(r, OrderLine)]
    refusals = [r for r in results if isinstance(r, OrderRefused)]
    assert len(lines) == 1 and len(refusals) == 1, results
    assert "Individ 7000901 är redan vald i en annan beställning" in str(refusals[0])
    assert OrderLine.objects.filter(individual=individual, reused=True).count() == 1
