"""The cart and its refusals (ORD-1…ORD-6, ORD-15, ACC-3, ACC-7, ART-7, ART-9)."""

import datetime

import pytest
import time_machine

from inventory.models import Article
from inventory.tests.factories import ArticleFactory
from orders import selectors, services
from orders.exceptions import OrderRefused
from orders.models import Order, OrderLine
from orders.tests.factories import stocked_article
from recipients.tests.factories import RecipientFactory
from sesam.exceptions import SesamError

CENTRAL, OWN = OrderLine.Source.CENTRAL, OrderLine.Source.OWN_STORE


@pytest.fixture
def draft(prescriber, tolvan, lund):
    return services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )


def test_ord_1_start_creates_one_draft_per_user(draft, prescriber, tolvan, lund):
    again = services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    assert again.pk == draft.pk
    assert Order.objects.filter(orderer=prescriber, status="draft").count() == 1


def test_ord_1_a_cart_with_lines_must_be_sent_or_emptied_first(
    draft, prescriber, tolvan, lund, central_warehouse
):
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 5), quantity=1, source=CENTRAL
    )
    with pytest.raises(OrderRefused, match="pågående beställning"):
        services.start_order(
            by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
        )
    services.discard_draft(by=prescriber)
    assert services.start_order(
        by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=lund
    )


def test_rec_3_inactive_recipient_is_refused(prescriber, lund):
    sleeping = RecipientFactory(personnummer="194001042383", is_active=False)
    with pytest.raises(SesamError, match="Mottagaren är inte aktiv – kontakta Hjälpmedel"):
        services.start_order(
            by=prescriber, recipient=sleeping, prescriber=prescriber, service_location=lund
        )


def test_acc_3_secretary_orders_in_a_linked_prescribers_name(secretary, prescriber, tolvan, lund):
    order = services.start_order(
        by=secretary, recipient=tolvan, prescriber=prescriber, service_location=lund
    )
    assert (order.orderer, order.prescriber) == (secretary, prescriber)


def test_acc_3_not_in_an_unlinked_prescribers_name(secretary, other_location_user, tolvan, lund):
    with pytest.raises(OrderRefused, match="Alva Annan"):
        services.start_order(
            by=secretary, recipient=tolvan, prescriber=other_location_user, service_location=lund
        )


def test_acc_3_secretary_cannot_prescribe_in_own_name(secretary, tolvan, lund):
    assert secretary not in services.allowed_prescribers(secretary)
    with pytest.raises(OrderRefused):
        services.start_order(
            by=secretary, recipient=tolvan, prescriber=secretary, service_location=lund
        )


def test_acc_4_only_own_service_locations(prescriber, tolvan, helsingborg):
    with pytest.raises(OrderRefused, match="inte kopplad"):
        services.start_order(
            by=prescriber, recipient=tolvan, prescriber=prescriber, service_location=helsingborg
        )


def test_ord_2_line_from_70_when_stocked_there_else_750(
    draft, prescriber, central_warehouse, purchasing_warehouse
):
    at_70 = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 0), quantity=1, source=CENTRAL
    )
    at_750 = services.add_line(by=prescriber, article=ArticleFactory(), quantity=1, source=CENTRAL)
    assert (at_70.warehouse.number, at_750.warehouse.number) == ("70", "750")


def test_ord_2_own_store_line_uses_the_locations_warehouse(draft, prescriber, lund):
    line = services.add_line(
        by=prescriber, article=stocked_article(lund.warehouse, 3), quantity=1, source=OWN
    )
    assert line.warehouse == lund.warehouse


def test_ord_2_sources_are_not_mixed_in_one_order(draft, prescriber, lund, central_warehouse):
    services.add_line(
        by=prescriber, article=stocked_article(lund.warehouse, 3), quantity=1, source=OWN
    )
    with pytest.raises(OrderRefused, match="Eget förråd"):
        services.add_line(
            by=prescriber, article=stocked_article(central_warehouse, 3), quantity=1, source=CENTRAL
        )


def test_ord_3_service_article_needs_a_comment(draft, prescriber, purchasing_warehouse):
    service = ArticleFactory(name="Reparation utanför garanti", type=Article.Type.SERVICE)
    with pytest.raises(OrderRefused, match="tjänsteköp kräver en kommentar"):
        services.add_line(by=prescriber, article=service, quantity=1, source=CENTRAL, comment="  ")
    line = services.add_line(
        by=prescriber, article=service, quantity=1, source=CENTRAL, comment="Byte av mikrofon"
    )
    assert line.comment == "Byte av mikrofon"


@pytest.mark.parametrize(("today", "fee"), [("2026-10-31", False), ("2026-11-01", True)])
def test_ord_4_fee_mark_from_the_20th_birthday(prescriber, lund, central_warehouse, today, fee):
    turning_20 = RecipientFactory(personnummer="200611012386")
    charger = stocked_article(
        central_warehouse, 5, fee_kind=Article.FeeKind.CHARGER, fee_amount=500
    )
    with time_machine.travel(datetime.datetime.fromisoformat(today + "T12:00+01:00")):
        services.start_order(
            by=prescriber, recipient=turning_20, prescriber=prescriber, service_location=lund
        )
        line = services.add_line(by=prescriber, article=charger, quantity=1, source=CENTRAL)
    assert line.patient_fee is fee


def test_ord_4_no_fee_mark_for_articles_without_fee(draft, prescriber, central_warehouse):
    line = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 1), quantity=1, source=CENTRAL
    )
    assert line.patient_fee is False


@pytest.mark.parametrize("status", [Article.Status.PHASING_OUT, Article.Status.DISCONTINUED])
def test_ord_15_art_7_cannot_be_purchased_only_own_store(
    draft, prescriber, lund, purchasing_warehouse, status
):
    article = stocked_article(lund.warehouse, 2, status=status)
    with pytest.raises(OrderRefused, match="kan inte köpas in"):
        services.add_line(by=prescriber, article=article, quantity=1, source=CENTRAL)
    assert (
        services.add_line(by=prescriber, article=article, quantity=1, source=OWN).warehouse
        == lund.warehouse
    )


def test_ord_15_art_9_central_only_never_from_own_store(
    draft, prescriber, lund, purchasing_warehouse
):
    grant = stocked_article(
        lund.warehouse,
        2,
        number="83563",
        name="Bidrag till surfplatta – alternativ telefoni",
        central_only=True,
    )
    with pytest.raises(OrderRefused, match="endast förskrivas från Hjälpmedelsverksamheten"):
        services.add_line(by=prescriber, article=grant, quantity=1, source=OWN)
    assert services.add_line(by=prescriber, article=grant, quantity=1, source=CENTRAL)


def test_acc_7_private_clinic_cannot_take_from_own_store(private_prescriber, tolvan, ystad):
    services.start_order(
        by=private_prescriber,
        recipient=tolvan,
        prescriber=private_prescriber,
        service_location=ystad,
    )
    with pytest.raises(OrderRefused, match="Privata mottagningar"):
        services.add_line(by=private_prescriber, article=ArticleFactory(), quantity=1, source=OWN)


def test_ord_5_edit_comment_and_remove_line(draft, prescriber, central_warehouse):
    line = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 1), quantity=1, source=CENTRAL
    )
    services.update_line(by=prescriber, line_id=line.pk, comment="Vänster öra")
    line.refresh_from_db()
    assert line.comment == "Vänster öra"
    services.remove_line(by=prescriber, line_id=line.pk)
    assert not draft.lines.exists()


def test_ord_5_someone_elses_line_cannot_be_touched(
    draft, prescriber, colleague, central_warehouse
):
    line = services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 1), quantity=1, source=CENTRAL
    )
    with pytest.raises(OrderRefused):
        services.remove_line(by=colleague, line_id=line.pk)


def test_ord_6_samleverans_refused_with_a_line_from_750(draft, prescriber, purchasing_warehouse):
    services.add_line(by=prescriber, article=ArticleFactory(), quantity=1, source=CENTRAL)
    with pytest.raises(OrderRefused, match="Samleverans"):
        services.set_delivery(
            by=prescriber,
            method="to_unit",
            address="Getingevägen 4",
            contact="Anna",
            consolidated=True,
        )


def test_ord_6_rec_5_no_delivery_to_patient_with_protected_identity(
    prescriber, lund, central_warehouse
):
    hidden = RecipientFactory(
        personnummer="194001079120", protected_identity=True, street="Hemlig väg 1"
    )
    services.start_order(
        by=prescriber, recipient=hidden, prescriber=prescriber, service_location=lund
    )
    services.add_line(
        by=prescriber, article=stocked_article(central_warehouse, 1), quantity=1, source=CENTRAL
    )
    order = selectors.draft_for(prescriber)
    assert [method for method, _ in services.delivery_addresses(order)] == ["to_unit"]
    with pytest.raises(OrderRefused, match="skyddad identitet"):
        services.set_delivery(
            by=prescriber,
            method="to_patient",
            address="Hemlig väg 1",
            contact="",
            consolidated=False,
        )


def test_ord_1_only_the_cart_owner_can_send_it(draft, colleague):
    with pytest.raises(OrderRefused):
        services.submit_order(by=colleague, idempotency_key=draft.idempotency_key)
