"""Inventering (STK-3, STK-4): start, count sheet, counts, finish, reconciliation, races."""

import pytest
from django.db import IntegrityError

from inventory import services
from inventory.exceptions import StocktakeFinished, StocktakeRefused
from inventory.models import (
    Individual,
    IndividualEvent,
    StockBalance,
    StockMovement,
    Stocktake,
)
from inventory.tests.stocktake import (
    assert_balances_are_sums_of_movements,
    count_all,
    investigation,
    lines_by_number,
    stock_lund,
)
from sesam.tests.concurrency import race


@pytest.fixture
def store(lund):
    return lund.warehouse


@pytest.fixture
def stocked(store, staff, prescriber):
    investigation()
    return stock_lund(store, prescriber)


@pytest.fixture
def stocktake(store, stocked, staff):
    return services.start_stocktake(warehouse=store, by=staff)


def balance(store, article):
    return StockBalance.objects.get(warehouse=store, article=article).quantity


def test_stk_3_sheet_has_used_or_stocked_articles_and_no_services(stocktake):
    lines = lines_by_number(stocktake)
    assert sorted(lines) == ["40110", "50140", "50150"]
    assert (lines["50140"].sheet_quantity, lines["40110"].sheet_quantity) == (10, 3)
    assert [m.individual.number for m in lines["40110"].individuals.all()] == [
        "4101001",
        "4101002",
        "4101003",
    ]
    assert len(stocktake.number) == 8 and stocktake.status == Stocktake.Status.STARTED


def test_stk_3_sheet_counts_use_since_the_last_finished_stocktake(
    store, stocked, staff, prescriber
):
    battery = stocked["battery"]
    services.add_stock(warehouse=store, article=battery, quantity=2, by=prescriber)
    services.withdraw_stock(warehouse=store, article=battery, quantity=2, by=prescriber)
    first = services.start_stocktake(warehouse=store, by=staff)
    assert "51095" in lines_by_number(first)  # used since (ever), balance 0
    count_all(first, prescriber)
    services.finish_stocktake(stocktake=first, by=prescriber)
    second = services.start_stocktake(warehouse=store, by=staff)
    assert "51095" not in lines_by_number(second)  # not used since the last one


def test_stk_3_one_open_stocktake_per_warehouse(store, stocktake, staff):
    with pytest.raises(StocktakeRefused, match="redan en pågående inventering"):
        services.start_stocktake(warehouse=store, by=staff)
    with pytest.raises(IntegrityError):
        Stocktake.objects.create(
            number="26490999", warehouse=store, started_by=staff, started_at=stocktake.started_at
        )


def test_stk_3_only_own_stores_are_counted(central_warehouse, staff):
    with pytest.raises(StocktakeRefused, match="inget eget förråd"):
        services.start_stocktake(warehouse=central_warehouse, by=staff)


def test_stk_4_finish_books_each_difference_as_a_movement(store, stocked, stocktake, prescriber):
    count_all(stocktake, prescriber, counts={"50140": 7, "50150": 5})
    result = services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert (balance(store, stocked["dome"]), balance(store, stocked["filters"])) == (7, 5)
    moved = StockMovement.objects.filter(reason="stocktake", reference=stocktake.number)
    assert sorted(moved.values_list("article__number", "quantity")) == [
        ("50140", -3),
        ("50150", 1),
    ]
    assert {line.article.number: line.difference for line in result.adjusted} == {
        "50140": -3,
        "50150": 1,
    }
    assert_balances_are_sums_of_movements()


def test_stk_3_an_individual_not_found_moves_to_99(store, stocked, stocktake, prescriber):
    count_all(stocktake, prescriber, missing={"4101002"})
    result = services.finish_stocktake(stocktake=stocktake, by=prescriber)
    lost = Individual.objects.select_related("warehouse").get(number="4101002")
    assert (lost.status, lost.warehouse.number) == ("in_stock", "99")
    assert [i.number for i in result.missing] == ["4101002"]
    assert balance(store, stocked["aid"]) == 2
    assert StockBalance.objects.get(warehouse__number="99", article=stocked["aid"]).quantity == 1
    event = IndividualEvent.objects.get(individual=lost, kind="not_found")
    assert (event.from_value, event.to_value, event.reference) == ("4101", "99", stocktake.number)
    assert lines_by_number(stocktake)["40110"].difference == -1
    assert_balances_are_sums_of_movements()


def test_stk_3_a_stocktake_is_finished_once(stocktake, prescriber):
    count_all(stocktake, prescriber, counts={"50140": 9})
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    with pytest.raises(StocktakeFinished):
        services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert StockMovement.objects.filter(reason="stocktake").count() == 1
    stocktake.refresh_from_db()
    assert (stocktake.status, stocktake.finished_by) == ("finished", prescriber)


def test_stk_3_uncounted_articles_block_the_finish(stocktake, prescriber):
    with pytest.raises(StocktakeRefused, match="3 artiklar är inte räknade"):
        services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert Stocktake.objects.get().status == "started"


def test_stk_3_counts_can_be_saved_several_times(store, stocked, stocktake, prescriber):
    count_all(stocktake, prescriber, counts={"50140": 2}, missing={"4101001"})
    count_all(stocktake, prescriber, counts={"50140": 8})
    lines = lines_by_number(stocktake)
    assert (lines["50140"].counted, lines["40110"].counted) == (8, 3)
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert balance(store, stocked["dome"]) == 8
    assert Individual.objects.get(number="4101001").warehouse == store


@pytest.mark.parametrize("quantity", [-1, 100_000])
def test_stk_3_counts_out_of_range_are_refused(stocktake, prescriber, quantity):
    line = lines_by_number(stocktake)["50140"]
    with pytest.raises(StocktakeRefused, match="mellan 0 och"):
        services.save_counts(
            stocktake=stocktake, counts={line.pk: quantity}, found={}, by=prescriber
        )


def test_stk_3_lines_and_individuals_of_another_sheet_are_refused(
    stocktake, stocked, malmo, staff, prescriber
):
    other = services.start_stocktake(warehouse=malmo.warehouse, by=staff)
    aid = Individual.objects.get(number="4101001")
    with pytest.raises(StocktakeRefused, match="hör inte till"):
        services.save_counts(
            stocktake=other, counts={lines_by_number(stocktake)["50140"].pk: 1}, found={}, by=staff
        )
    with pytest.raises(StocktakeRefused, match="finns inte på"):
        services.save_counts(stocktake=other, counts={}, found={aid.pk: True}, by=staff)


def test_stk_3_a_finished_stocktake_takes_no_counts(stocktake, prescriber):
    count_all(stocktake, prescriber)
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    with pytest.raises(StocktakeFinished):
        count_all(stocktake, prescriber, counts={"50140": 1})


def test_stk_d5_movements_after_the_count_are_kept(store, stocked, stocktake, prescriber):
    dome = stocked["dome"]
    services.withdraw_stock(warehouse=store, article=dome, quantity=1, by=prescriber)  # 9
    count_all(stocktake, prescriber, counts={"50140": 8})  # the shelf had 8, the books 9
    services.withdraw_stock(warehouse=store, article=dome, quantity=3, by=prescriber)  # 6
    services.add_stock(warehouse=store, article=dome, quantity=2, by=prescriber)  # 8
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert balance(store, dome) == 8 - 3 + 2
    assert lines_by_number(stocktake)["50140"].difference == -1
    assert_balances_are_sums_of_movements()


def test_stk_d5_a_withdrawal_beyond_the_count_asks_for_a_recount(
    store, stocked, stocktake, prescriber
):
    count_all(stocktake, prescriber, counts={"50150": 1})  # books 4, shelf 1
    services.withdraw_stock(warehouse=store, article=stocked["filters"], quantity=2, by=prescriber)
    with pytest.raises(StocktakeRefused, match="Räkna om artikeln"):
        services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert balance(store, stocked["filters"]) == 2 and Stocktake.objects.get().is_open


def test_stk_d6_an_individual_that_left_after_the_sheet_is_not_moved(
    store, stocked, stocktake, prescriber
):
    gone = Individual.objects.get(number="4101003")
    services.hand_out_individuals(
        individuals=[gone], warehouse=store, to="191212121212", reference="x", by=prescriber
    )
    services.withdraw_stock(warehouse=store, article=stocked["aid"], quantity=1, by=prescriber)
    count_all(stocktake, prescriber, missing={"4101003"})
    result = services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert result.missing == []
    gone.refresh_from_db()
    assert gone.status == "delivered"
    assert balance(store, stocked["aid"]) == 2


def test_stk_3_a_private_clinics_missing_individual_is_charged_to_the_clinic(
    ystad, staff, prescriber
):
    from billing.models import PatientCharge
    from inventory.tests.factories import WarehouseFactory

    investigation()
    store = WarehouseFactory(number="5101", kind="local", service_location=ystad)
    stock_lund(store, prescriber)
    stocktake = services.start_stocktake(warehouse=store, by=staff)
    count_all(stocktake, staff, missing={"4101001"})
    result = services.finish_stocktake(stocktake=stocktake, by=staff)
    assert [i.number for i in result.missing] == ["4101001"]
    charge = PatientCharge.objects.get(kind="missing_individual")
    assert (charge.debtor_kind, charge.debtor_code) == ("clinic", ystad.code)
    assert (charge.individual_number, charge.status) == ("4101001", "planned")


def test_stk_3_a_region_clinics_missing_individual_is_not_charged(
    store, stocked, stocktake, prescriber
):
    from billing.models import PatientCharge

    count_all(stocktake, prescriber, missing={"4101001"})
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert not PatientCharge.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_stk_3_two_finishes_at_once_one_wins(lund, staff, prescriber, colleague):
    investigation()
    stocked = stock_lund(lund.warehouse, prescriber)
    stocktake = services.start_stocktake(warehouse=lund.warehouse, by=staff)
    count_all(stocktake, prescriber, counts={"50140": 6}, missing={"4101001"})

    def finish(user):
        return lambda: services.finish_stocktake(stocktake=stocktake, by=user)

    results = race(finish(prescriber), finish(colleague))
    assert sorted(type(r).__name__ for r in results) == ["StocktakeFinished", "StocktakeResult"]
    assert balance(lund.warehouse, stocked["dome"]) == 6
    assert StockMovement.objects.filter(reason="stocktake").count() == 3  # dome, 4101, 99
    assert_balances_are_sums_of_movements()


@pytest.mark.django_db(transaction=True)
def test_stk_3_two_starts_at_once_open_one(lund, staff, colleague):
    def start(user):
        return lambda: services.start_stocktake(warehouse=lund.warehouse, by=user)

    results = race(start(staff), start(colleague))
    assert sorted(type(r).__name__ for r in results) == ["Stocktake", "StocktakeRefused"]
    assert Stocktake.objects.count() == 1


def test_stk_3_the_units_users_get_a_message_with_the_sheet(colleague, stocktake):
    from sesam.models import Message

    messages = Message.objects.filter(subject="Inventering av lager 4101")
    assert sorted(m.user.username for m in messages) == ["audionom", "kollega"]
    assert messages.first().link.endswith(f"/inventering/{stocktake.number}/")


def test_stk_d7_individuals_are_counted_when_their_page_is_saved(stocktake, prescriber):
    lines = lines_by_number(stocktake)
    counts = {lines["50140"].pk: 10, lines["50150"].pk: 4}
    services.save_counts(stocktake=stocktake, counts=counts, found={}, by=prescriber)
    with pytest.raises(StocktakeRefused, match="1 artikel är inte räknad"):
        services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert Individual.objects.filter(warehouse__number="99").count() == 0


def test_stk_d7_an_individual_article_without_individuals_here_is_counted_0(
    store, stocked, staff, prescriber
):
    from inventory.tests.factories import ArticleFactory

    charger = ArticleFactory(number="50110", is_individual=True, type="accessory")
    services.add_stock(warehouse=store, article=charger, quantity=1, by=prescriber)
    stocktake = services.start_stocktake(warehouse=store, by=staff)
    line = lines_by_number(stocktake)["50110"]
    assert (line.counted, line.book_at_count) == (0, 1)
    count_all(stocktake, prescriber)
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    assert balance(store, charger) == 1  # moved only with individuals


def test_stk_3_an_individual_found_again_goes_back_to_its_store(
    store, stocked, stocktake, prescriber, staff
):
    count_all(stocktake, prescriber, missing={"4101002"})
    services.finish_stocktake(stocktake=stocktake, by=prescriber)
    lost = Individual.objects.get(number="4101002")
    services.restore_found_individual(individual=lost, by=staff)
    lost.refresh_from_db()
    assert lost.warehouse == store and balance(store, stocked["aid"]) == 3
    assert StockBalance.objects.get(warehouse__number="99", article=stocked["aid"]).quantity == 0
    assert lost.events.filter(kind="found_again", from_value="99", to_value="4101").exists()
    with pytest.raises(StocktakeRefused, match="ligger inte på utredningslager"):
        services.restore_found_individual(individual=lost, by=staff)
    assert_balances_are_sums_of_movements()
