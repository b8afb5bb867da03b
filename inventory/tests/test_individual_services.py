"""Individual services (IND-3, IND-4, RCV-4): unique numbers, recorded changes, races."""

import pytest
from django.db import IntegrityError
from django.db.models import Sum

from inventory import services
from inventory.exceptions import (
    IndividualChanged,
    IndividualNumberTaken,
    NotAnIndividualArticle,
    SipNumberTaken,
)
from inventory.models import Individual, IndividualEvent, StockBalance, StockMovement
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory, IndividualFactory
from sesam.exceptions import SesamError
from sesam.tests.concurrency import race


@pytest.fixture
def aid(db):
    return ArticleFactory(is_individual=True)


def test_create_individuals_raises_the_balance_and_records(aid, lund, prescriber):
    created = services.create_individuals(
        article=aid, warehouse=lund.warehouse, by=prescriber, reference="26480001",
        individuals=[NewIndividual("ab 12", serial_number="S1"), NewIndividual("AB13")],
    )  # fmt: skip
    assert [i.number for i in created] == ["AB12", "AB13"]
    assert all(i.status == Individual.Status.IN_STOCK for i in created)
    balance = StockBalance.objects.get(warehouse=lund.warehouse, article=aid)
    moved = StockMovement.objects.filter(article=aid).aggregate(s=Sum("quantity"))["s"]
    assert balance.quantity == moved == 2
    assert IndividualEvent.objects.filter(kind="created", reference="26480001").count() == 2


def test_rcv_4_create_refuses_an_existing_number_and_creates_nothing(aid, lund, prescriber):
    IndividualFactory(number="AB12", article=aid, warehouse=lund.warehouse)
    with pytest.raises(IndividualNumberTaken):
        services.create_individuals(
            article=aid, warehouse=lund.warehouse, by=prescriber,
            individuals=[NewIndividual("AB13"), NewIndividual("ab12")],
        )  # fmt: skip
    assert not Individual.objects.filter(number="AB13").exists()
    assert not StockMovement.objects.exists()


def test_rcv_4_create_refuses_a_number_given_twice(aid, lund, prescriber):
    with pytest.raises(IndividualNumberTaken):
        services.create_individuals(
            article=aid, warehouse=lund.warehouse, by=prescriber,
            individuals=[NewIndividual("X1"), NewIndividual("x1")],
        )  # fmt: skip


def test_create_refuses_an_article_without_individuals(lund, prescriber):
    with pytest.raises(NotAnIndividualArticle):
        services.create_individuals(
            article=ArticleFactory(), warehouse=lund.warehouse, by=prescriber,
            individuals=[NewIndividual("X1")],
        )  # fmt: skip


def test_ind_4_change_number_records_who_when_from_to(lund, prescriber):
    individual = IndividualFactory(number="4101001", warehouse=lund.warehouse)
    services.change_individual_number(individual=individual, new_number=" 41-01 x ", by=prescriber)
    individual.refresh_from_db()
    assert individual.number == "41-01X"
    event = IndividualEvent.objects.get(individual=individual, kind="number_changed")
    assert (event.from_value, event.to_value, event.by) == ("4101001", "41-01X", prescriber)


def test_ind_4_new_number_must_be_unique(lund, prescriber):
    IndividualFactory(number="4101002", warehouse=lund.warehouse)
    individual = IndividualFactory(number="4101001", warehouse=lund.warehouse)
    with pytest.raises(IndividualNumberTaken, match="4101002 finns redan"):
        services.change_individual_number(
            individual=individual, new_number="4101002", by=prescriber
        )
    individual.refresh_from_db()
    assert individual.number == "4101001"
    assert not IndividualEvent.objects.exists()


def test_ind_4_uniqueness_ignores_case(lund, prescriber):
    IndividualFactory(number="ab1", warehouse=lund.warehouse)  # e.g. typed in admin
    individual = IndividualFactory(number="4101001", warehouse=lund.warehouse)
    with pytest.raises(IndividualNumberTaken):
        services.change_individual_number(individual=individual, new_number="AB1", by=prescriber)


def test_ind_4_same_number_is_refused(lund, prescriber):
    individual = IndividualFactory(number="4101001", warehouse=lund.warehouse)
    with pytest.raises(SesamError, match="samma"):
        services.change_individual_number(
            individual=individual, new_number="4101001", by=prescriber
        )


def test_ind_4_stale_number_is_refused(lund, prescriber):
    individual = IndividualFactory(number="4101001", warehouse=lund.warehouse)
    Individual.objects.filter(pk=individual.pk).update(number="CHANGED")
    with pytest.raises(IndividualChanged):
        services.change_individual_number(individual=individual, new_number="NEW1", by=prescriber)


def test_ind_3_sip_number_added_changed_and_removed(lund, prescriber):
    individual = IndividualFactory(warehouse=lund.warehouse)
    services.change_sip_number(individual=individual, sip_number="46101740611", by=prescriber)
    services.change_sip_number(individual=individual, sip_number="46101740612", by=prescriber)
    services.change_sip_number(individual=individual, sip_number="", by=prescriber)
    individual.refresh_from_db()
    assert individual.sip_number == ""
    changes = IndividualEvent.objects.filter(kind="sip_changed").order_by("pk")
    assert [(e.from_value, e.to_value) for e in changes] == [
        ("", "46101740611"),
        ("46101740611", "46101740612"),
        ("46101740612", ""),
    ]


def test_ind_3_sip_number_is_unique(lund, prescriber):
    IndividualFactory(sip_number="46101740611", warehouse=lund.warehouse)
    individual = IndividualFactory(warehouse=lund.warehouse)
    with pytest.raises(SipNumberTaken):
        services.change_sip_number(individual=individual, sip_number="46101740611", by=prescriber)


def test_ind_3_sip_number_is_kept_in_capitals_and_unique_in_any_case(lund, prescriber):
    IndividualFactory(sip_number="SIP-AB12", warehouse=lund.warehouse)
    individual = IndividualFactory(warehouse=lund.warehouse)
    with pytest.raises(SipNumberTaken):
        services.change_sip_number(individual=individual, sip_number=" sip-ab12 ", by=prescriber)
    services.change_sip_number(individual=individual, sip_number=" sip-ab13 ", by=prescriber)
    individual.refresh_from_db()
    assert individual.sip_number == "SIP-AB13"


def test_ind_3_database_refuses_a_sip_number_differing_only_in_case(lund):
    IndividualFactory(sip_number="SIP-AB12", warehouse=lund.warehouse)
    with pytest.raises(IntegrityError):
        IndividualFactory(sip_number="sip-ab12", warehouse=lund.warehouse)


def test_ind_3_database_refuses_a_duplicate_sip_number(lund):
    IndividualFactory(sip_number="46101740611", warehouse=lund.warehouse)
    with pytest.raises(IntegrityError):
        IndividualFactory(sip_number="46101740611", warehouse=lund.warehouse)


def test_ind_4_serial_number_change_is_recorded(lund, staff):
    individual = IndividualFactory(serial_number="S1", warehouse=lund.warehouse)
    services.change_serial_number(individual=individual, serial_number="S2", by=staff)
    event = IndividualEvent.objects.get(kind="serial_changed")
    assert (event.from_value, event.to_value, event.by) == ("S1", "S2", staff)


@pytest.mark.django_db(transaction=True)
def test_ind_4_two_racing_changes_to_one_number_never_both_win(lund, prescriber):
    first = IndividualFactory(number="A1", warehouse=lund.warehouse)
    second = IndividualFactory(number="A2", warehouse=lund.warehouse)

    def change(individual):
        return lambda: services.change_individual_number(
            individual=individual, new_number="NEW", by=prescriber
        )

    results = race(change(first), change(second))
    assert sum(isinstance(r, Individual) for r in results) == 1
    assert sum(isinstance(r, IndividualNumberTaken) for r in results) == 1
    assert Individual.objects.filter(number="NEW").count() == 1
    assert IndividualEvent.objects.filter(kind="number_changed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_ind_3_two_racing_sip_changes_never_share_a_number(lund, prescriber):
    first = IndividualFactory(warehouse=lund.warehouse)
    second = IndividualFactory(warehouse=lund.warehouse)

    def change(individual):
        return lambda: services.change_sip_number(
            individual=individual, sip_number="46101740699", by=prescriber
        )

    results = race(change(first), change(second))
    assert sum(isinstance(r, SipNumberTaken) for r in results) == 1
    assert Individual.objects.filter(sip_number="46101740699").count() == 1


@pytest.mark.parametrize(
    "new",
    [
        NewIndividual('=HYPERLINK("//evil.example","Klicka")', serial_number="S1"),
        NewIndividual("AB12", serial_number="@SUM(A1)"),
        NewIndividual("-2+3", serial_number="S1"),
    ],
)
def test_bil_6_ind_d123_create_individuals_refuses_a_formula(aid, lund, prescriber, new):
    with pytest.raises(SesamError, match="börjar med en bokstav eller siffra"):
        services.create_individuals(
            article=aid, warehouse=lund.warehouse, by=prescriber, individuals=[new]
        )
    assert not Individual.objects.exists()


@pytest.mark.parametrize("number", ["-23", "=1+1", "@A1"])
def test_bil_6_ind_d123_byte_av_individnummer_refuses_a_formula(prescriber, number):
    individual = IndividualFactory(number="AB1")
    with pytest.raises(SesamError, match="börjar med en bokstav eller siffra"):
        services.change_individual_number(individual=individual, new_number=number, by=prescriber)
    individual.refresh_from_db()
    assert individual.number == "AB1"


def test_bil_6_ind_d123_change_serial_number_refuses_a_formula(staff, lund):
    individual = IndividualFactory(serial_number="S1", warehouse=lund.warehouse)
    with pytest.raises(SesamError, match="börjar med en bokstav eller siffra"):
        services.change_serial_number(individual=individual, serial_number="+46 1", by=staff)
    individual.refresh_from_db()
    assert individual.serial_number == "S1"
