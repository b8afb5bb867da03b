"""BEY-5: a recall finds exactly the article's individuals in the list, ranges and lots, in
any case; stock individuals are blocked from delivery until released."""

import pytest

from inventory.exceptions import IndividualUnavailable
from inventory.models import Individual
from inventory.services import hand_out_individuals
from inventory.tests.factories import IndividualFactory
from safety import selectors, services
from safety.exceptions import SafetyRefused
from safety.tests.factories import make_recall, serial_world

pytestmark = pytest.mark.django_db


def _serials(recall):
    return sorted(recall.items.values_list("individual__serial_number", flat=True))


def test_bey_5_range_finds_exactly_the_serials_in_it(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world, "NL100-NL101")
    assert _serials(recall) == ["NL100", "NL101"]


def test_bey_5_range_includes_the_lower_case_stock_serial(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world, "nl100-nl199")
    assert _serials(recall) == ["NL100", "NL101", "NL102", "nl150"]


def test_bey_5_list_is_matched_whatever_the_case(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world, "nl102\nNL200, NL999")
    assert _serials(recall) == ["NL102", "NL200"]


def test_bey_5_lot_matches_the_serial_prefix(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world, "LOT:NL1")
    assert _serials(recall) == ["NL100", "NL101", "NL102", "nl150"]


def test_bey_5_another_article_with_the_same_serial_is_not_hit(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    IndividualFactory(serial_number="NL101")
    recall = make_recall(staff, world, "NL101")
    assert recall.items.get().individual.article == world["article"]


def test_bey_5_a_range_of_unequal_length_is_refused_with_its_place():
    with pytest.raises(SafetyRefused, match="Term 2"):
        selectors.parse_criteria("NL1\nNL1..NL1000")


def test_bey_5_a_serial_with_a_hyphen_is_a_serial_not_a_range():
    assert selectors.parse_criteria("S-1").serials == ["S-1"]


def test_bey_5_stock_individual_is_blocked_and_hand_out_refused(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    stock = Individual.objects.get(pk=world["stock"].pk)
    assert stock.blocked_by == recall.number
    with pytest.raises(IndividualUnavailable, match="spärrad"):
        hand_out_individuals(
            individuals=[stock], warehouse=stock.warehouse, to="x", reference="", by=staff
        )


def test_bey_5_release_lets_the_individual_be_delivered(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    recall = make_recall(staff, world)
    assert services.release_blocks(by=staff, recall=recall) == 1
    stock = Individual.objects.get(pk=world["stock"].pk)
    hand_out_individuals(
        individuals=[stock], warehouse=stock.warehouse, to="x", reference="", by=staff
    )
    assert Individual.objects.get(pk=stock.pk).status == Individual.Status.DELIVERED


def test_bey_5_double_submit_makes_one_recall(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    key = "6f1c1e4e-8d55-4d7a-9a55-5a3a0d1f0c11"
    first = services.create_recall(
        by=staff, article=world["article"], serials="NL100", reason="x", key=key
    )
    again = services.create_recall(
        by=staff, article=world["article"], serials="NL100", reason="x", key=key
    )
    assert first == again and first.number.startswith("AK")


def test_bey_5_recall_numbers_have_their_own_series(staff, lund, prescriber):
    world = serial_world(lund, prescriber)
    first, second = make_recall(staff, world), make_recall(staff, world)
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1
    assert first.number[:2] == "AK" and first.number[4] == "-"


def test_bey_5_the_cart_refuses_a_recalled_individual(staff, lund, prescriber):
    from orders.exceptions import OrderRefused
    from orders.services.cart import check_individual

    world = serial_world(lund, prescriber)
    make_recall(staff, world)
    stock = Individual.objects.get(pk=world["stock"].pk)
    with pytest.raises(OrderRefused, match="spärrad"):
        check_individual(stock, stock.warehouse)
