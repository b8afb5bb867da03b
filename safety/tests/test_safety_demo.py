"""demo-data.md "Beyond": a recall over a serial range of 40110 that hits one of Tolvan's
devices and one stock individual; deviations for Lund in two states; a register file that
imports on the demo region."""

import io

import pytest
from django.core.management import call_command

from recipients.demo import KEY_RECIPIENTS
from recipients.models import Recipient
from safety.models import Deviation, Recall, RegisterEvent


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_bey_5_demo_recall_hits_tolvan_and_one_individual_in_stock(demo_region):
    recall = Recall.objects.get(article__number="40110")
    items = list(recall.items.select_related("individual"))
    assert "-" in recall.serials and len(items) == 2
    stock = [i for i in items if i.individual.status == "in_stock"]
    delivered = [i for i in items if i.individual.devices.filter(
        recipient__personnummer=KEY_RECIPIENTS["adult"]).exists()]  # fmt: skip
    assert len(stock) == 1 and stock[0].blocked and len(delivered) == 1


def test_bey_9_demo_deviations_of_lund_in_two_states(demo_region):
    lund = Deviation.objects.filter(service_location__code="4101")
    assert set(lund.values_list("status", flat=True)) == {"investigating", "resolved"}


def test_bey_14_the_sample_register_file_changes_what_it_must(demo_region):
    call_command("import_register_events", "docs/folkbokforing-exempel.csv", stdout=io.StringIO())
    assert RegisterEvent.objects.count() == 3
    assert Recipient.objects.get(personnummer=KEY_RECIPIENTS["child"]).protected_identity
    moved = Recipient.objects.get(personnummer=KEY_RECIPIENTS["inactive"])
    assert moved.home_region == "Region Halland"


def test_demo_safety_is_idempotent(demo_region):
    before = Recall.objects.count(), Deviation.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert (Recall.objects.count(), Deviation.objects.count()) == before
