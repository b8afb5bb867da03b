"""BEY-12: Brukar förskrivas med — from a known history: accessories prescribed with the hearing
aid (or its replacement group) in at least 3 orders of the past 24 months, top 5, with counts;
one click adds one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inventory.models import Article
from orders import selectors, services
from orders.models import Order
from orders.suggestions import accessory_suggestions
from orders.tests.factories import stocked_article
from orders.tests.supply import prescription


def _aid(warehouse, group="HA-RIC-5"):
    return stocked_article(warehouse, 20, is_individual=False, replacement_group=group)


def _accessory(warehouse, name):
    return stocked_article(warehouse, 20, type=Article.Type.ACCESSORY, name=name)


@pytest.fixture
def history(prescriber, tolvan, lund, central_warehouse):
    """Charger with the group 4 times, domes 3 times, a cable twice."""
    aid, sibling = _aid(central_warehouse), _aid(central_warehouse)
    charger, domes, cable = (
        _accessory(central_warehouse, n) for n in ("Laddare", "Domer", "Kabel")
    )
    for index in range(4):
        extra = [domes] if index < 3 else []
        extra += [cable] if index < 2 else []
        prescription(prescriber, tolvan, lund, aid if index % 2 else sibling, charger, *extra)
    Article.objects.filter(pk=aid.pk).update(is_individual=True)  # a hearing aid from now on
    aid.refresh_from_db()
    return aid, charger, domes


def test_bey_12_suggests_at_least_three_times_most_first(history):
    aid, charger, domes = history
    rows = accessory_suggestions([aid])
    assert [(r.article_id, r.times) for r in rows] == [(charger.pk, 4), (domes.pk, 3)]


def test_bey_12_leaves_out_what_the_cart_has(history):
    aid, charger, domes = history
    assert [r.article_id for r in accessory_suggestions([aid], leave_out={charger.pk})] == [
        domes.pk
    ]


def test_bey_12_older_than_24_months_does_not_count(history):
    aid, _, _ = history
    Order.objects.update(sent_at=timezone.now() - datetime.timedelta(days=740))
    assert accessory_suggestions([aid]) == []


def test_bey_12_only_hearing_aids_get_suggestions(history):
    _, charger, _ = history
    assert accessory_suggestions([charger]) == []


def test_bey_12_the_cart_suggests_and_one_click_adds(client_as, prescriber, tolvan, lund, history):
    aid, charger, _ = history
    services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    services.add_line(by=prescriber, article=aid, quantity=1, source="central")
    client = client_as(prescriber)
    page = client.get(reverse("orders:cart")).text
    assert "Brukar förskrivas med" in page and "(4 gånger)" in page
    client.post(reverse("orders:add_suggestion", args=[charger.pk]))
    draft = selectors.draft_for(prescriber)
    assert draft.lines.filter(article=charger).exists()
