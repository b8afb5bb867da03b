"""The demo region's pickup orders (demo-data.md): open, closed and cancelled for the elderly
recipient, made through the services; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from activities.models import PickupOrder
from inventory.demo import KEY_ARTICLES
from inventory.models import Individual
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device

pytestmark = pytest.mark.django_db


def test_demo_pickup_orders_open_closed_and_cancelled():
    call_command("seed_demo", stdout=io.StringIO())
    pickups = PickupOrder.objects.filter(recipient__personnummer=KEY_RECIPIENTS["elderly"])
    assert sorted(pickups.values_list("status", flat=True)) == ["cancelled", "closed", "registered"]
    returned = Device.objects.get(
        recipient__personnummer=KEY_RECIPIENTS["elderly"],
        article__number=KEY_ARTICLES["bone_anchored"],
    )
    assert returned.status == Device.Status.RETURNED
    individual = Individual.objects.get(pk=returned.individual_id)
    assert individual.warehouse.number == "70"
    call_command("seed_demo", stdout=io.StringIO())
    assert PickupOrder.objects.count() == 3
