"""RET-2 on PostgreSQL with real transactions: two requests that return the same device at the
same moment return it once; a double submit (the same form twice at once) is one return."""

import uuid

import pytest
from django.test import Client

from inventory.models import StockBalance
from inventory.tests.checks import assert_balances_are_sums_of_movements
from recipients.models import Return
from sesam.tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


def _poster(user, device, location, key):
    def post():
        client = Client()
        client.force_login(user)
        data = {"key": str(key), "tjanstestalle": location.pk, "retur": [device.pk]}
        return client.post(f"/mottagare/{device.recipient_id}/retur/", data).status_code

    return post


def _balance(lund, device):
    return StockBalance.objects.get(warehouse=lund.warehouse, article=device.article).quantity


def test_ret_2_a_device_returned_twice_at_once_is_returned_once(
    prescriber, colleague, hearing_aid, lund
):
    results = race(
        _poster(prescriber, hearing_aid, lund, uuid.uuid4()),
        _poster(colleague, hearing_aid, lund, uuid.uuid4()),
    )
    assert sorted(results) in ([302, 409], [302, 422])
    assert Return.objects.count() == 1
    assert _balance(lund, hearing_aid) == 1
    assert_balances_are_sums_of_movements()


def test_ret_1_a_double_submit_at_once_is_one_return(prescriber, hearing_aid, lund):
    key = uuid.uuid4()
    results = race(*[_poster(prescriber, hearing_aid, lund, key)] * 2)
    assert results == [302, 302]
    assert Return.objects.count() == 1
    assert _balance(lund, hearing_aid) == 1
    assert_balances_are_sums_of_movements()
