"""demo-data.md, issue 9's part: the elderly recipient has a returned and a scrapped device
(Återlämnat has rows), Lund has a return to the supplier; stock stays the sum of its
movements; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from inventory.demo import KEY_ARTICLES, KEY_INDIVIDUALS
from inventory.models import Individual, SupplierReturn
from inventory.tests.checks import assert_balances_are_sums_of_movements
from recipients.demo import KEY_RECIPIENTS
from recipients.models import Device, Return


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_elderly_returned_one_device_and_scrapped_another(demo):
    devices = Device.objects.filter(recipient__personnummer=KEY_RECIPIENTS["elderly"])
    returned = devices.get(
        status=Device.Status.RETURNED, article__number=KEY_ARTICLES["hearing_loop"]
    )
    scrapped = devices.get(status=Device.Status.SCRAPPED)
    assert returned.return_line.ret.warehouse.number == "4101"
    assert scrapped.article.number == KEY_ARTICLES["service_training"]
    assert devices.filter(status=Device.Status.DELIVERED).exists()


def test_demo_lund_returned_an_individual_to_its_supplier(demo):
    done = SupplierReturn.objects.select_related("individual").get()
    assert (done.individual.number, done.warehouse.number) == ("4101102", "4101")
    assert done.individual.status == Individual.Status.RETURNED_TO_SUPPLIER


def test_demo_returns_keep_stock_and_key_individuals(demo):
    assert_balances_are_sums_of_movements()
    for key in ["in_lund", "in_lund_2", "phasing_out_in_lund", "with_sip"]:
        assert Individual.objects.get(number=KEY_INDIVIDUALS[key]).warehouse.number == "4101"


def test_demo_returns_are_made_once(demo):
    call_command("seed_demo", stdout=io.StringIO())
    assert Return.objects.count() == 2
    assert SupplierReturn.objects.count() == 1
