"""demo-data.md "Beyond", BEY-3: warehouse 70 holds a returned individual of 40110 marked
"Klar för återanvändning", offered to a central prescription of 40110; seeding twice adds
nothing."""

import io

import pytest
from django.core.management import call_command

from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS
from inventory.models import Article, Individual
from orders.reuse import reuse_offers


@pytest.fixture
def demo_region(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_bey_3_demo_has_a_refurbished_40110_in_70_once(demo_region):
    aria = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    individual = Individual.objects.get(number=KEY_INDIVIDUALS["refurbished"])
    assert (individual.article, individual.warehouse.number) == (aria, "70")
    assert individual.refurbished_at and individual.refurbished_by.username == "admin"
    assert [offer.individual for offer in reuse_offers(aria)] == [individual]
    call_command("seed_demo", stdout=io.StringIO())
    assert Individual.objects.filter(refurbished_at__isnull=False).count() == 1
