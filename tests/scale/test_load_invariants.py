"""quality.md (Reliability), small version of `make bench`'s load run: users of Lund work at
once in threads (real PostgreSQL transactions) on the same articles and warehouses; then no
balance is negative, every balance is the sum of its movements, no number repeats, no
individual is delivered twice, no line is received twice, and nothing failed unexpectedly."""

import io

import pytest
from django.core.management import call_command

from bench.load import ACTIONS, broken_invariants, run_load
from inventory.models import StockBalance


@pytest.fixture
def region(transactional_db):
    call_command("seed_demo", stdout=io.StringIO())


def test_concurrent_users_keep_the_books_straight(region):
    result = run_load(rounds=8, actors=4)
    print(result["summary"])
    assert result["errors"] == 0, [k for k in result["tally"] if k.startswith("error:")]
    assert result["broken"] == []
    assert sum(result["tally"].get(action, 0) for action in ACTIONS) >= 8, result["tally"]
    # the prescriptions reach the stock: not refused for the load users' rights (BEY-1)
    assert not [k for k in result["tally"] if "förskrivningsrätt" in k], result["tally"]


def test_the_check_finds_a_balance_that_is_not_its_movements(region):
    from django.db.models import F

    assert broken_invariants() == []
    StockBalance.objects.filter(quantity__gt=0).update(quantity=F("quantity") + 1)
    assert any("sum of its movements" in b for b in broken_invariants())
