"""The order services create and cancel patient charges (BIL-1, BIL-2, BIL-3, BIL-5, RCV-7,
SRC-4) by calling billing inside their own transactions."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from billing import services as billing
from billing.models import PatientCharge
from inventory.models import Article, Individual
from inventory.services import NewIndividual
from inventory.tests.factories import ArticleFactory
from orders import services
from orders.exceptions import OrderRefused
from orders.models import OrderLine
from orders.tests.factories import stocked_article
from recipients.tests.factories import RecipientFactory

CENTRAL, OWN = OrderLine.Source.CENTRAL, OrderLine.Source.OWN_STORE
CHARGER = {"fee_kind": Article.FeeKind.CHARGER, "fee_amount": 500, "is_individual": True}


def _send(user, recipient, location, article, *, source=CENTRAL, quantity=1):
    draft = services.start_order(
        by=user, recipient=recipient, prescriber=user, service_location=location
    )
    services.add_line(by=user, article=article, quantity=quantity, source=source)
    return services.submit_order(by=user, idempotency_key=draft.idempotency_key)


def _receive(user, order, *numbers):
    line = order.lines.get()
    individuals = tuple(NewIndividual(n, f"S-{n}") for n in numbers)
    services.receive_lines(
        by=user, receipts=[services.LineReceipt(line.pk, Decimal("900"), individuals)]
    )
    return line


def test_bil_1_own_store_send_creates_the_fee_for_an_adult(prescriber, tolvan, lund):
    tv = stocked_article(lund.warehouse, 3, fee_kind="standard", fee_amount=300)
    order = _send(prescriber, tolvan, lund, tv, source=OWN, quantity=2)
    charge = PatientCharge.objects.get()
    assert (charge.kind, charge.amount, charge.debtor_code) == ("fee", 600, tolvan.personnummer)
    assert (charge.order_number, charge.status) == (order.number, "planned")


def test_bil_1_rec_9_no_fee_for_a_child(prescriber, child, lund):
    tv = stocked_article(lund.warehouse, 3, fee_kind="standard", fee_amount=300)
    _send(prescriber, child, lund, tv, source=OWN)
    assert not PatientCharge.objects.exists()


def test_bil_2_rcv_7_charger_received_on_750_is_scheduled_for_m_plus_3(
    prescriber, tolvan, lund, purchasing_warehouse
):
    with time_machine.travel(datetime.datetime(2026, 10, 15, 10, tzinfo=datetime.UTC), tick=False):
        order = _send(prescriber, tolvan, lund, ArticleFactory(**CHARGER))
        _receive(prescriber, order, "L-1015")
    charge = PatientCharge.objects.get()
    assert (charge.kind, charge.due_date) == ("charger", datetime.date(2027, 1, 4))
    assert charge.individual_number == "L-1015"


def test_bil_3_rcv_7_charger_kit_is_due_at_receipt(prescriber, tolvan, lund, purchasing_warehouse):
    kit = ArticleFactory(fee_kind=Article.FeeKind.CHARGER_KIT, fee_amount=600)
    with time_machine.travel(datetime.datetime(2026, 11, 3, 10, tzinfo=datetime.UTC), tick=False):
        _receive(prescriber, _send(prescriber, tolvan, lund, kit))
    charge = PatientCharge.objects.get()
    assert (charge.kind, charge.amount, charge.due_date) == (
        "charger_kit",
        600,
        datetime.date(2026, 11, 3),
    )


def test_rcv_7_a_replayed_receipt_creates_no_second_charge(
    prescriber, tolvan, lund, purchasing_warehouse
):
    order = _send(prescriber, tolvan, lund, ArticleFactory(**CHARGER))
    line = _receive(prescriber, order, "L-1")
    with pytest.raises(OrderRefused):
        services.receive_lines(by=prescriber, receipts=[services.LineReceipt(line.pk)])
    billing.record_delivery_charges(
        by=prescriber, order=line.order, line=line, day=datetime.date(2026, 12, 1)
    )
    assert PatientCharge.objects.count() == 1


def test_bil_2_bil_d2_charger_delivered_from_70_is_received_then(
    prescriber, tolvan, lund, central_warehouse, staff
):
    charger = stocked_article(central_warehouse, 1, **CHARGER)
    Individual.objects.create(
        number="L-70", article=charger, status="in_stock", warehouse=central_warehouse
    )
    order = _send(prescriber, tolvan, lund, charger)
    assert not PatientCharge.objects.exists()  # sent, not yet delivered
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC), tick=False):
        services.deliver_from_central(by=staff, order=order)
    charge = PatientCharge.objects.get()
    assert (charge.due_date, charge.individual_number) == (datetime.date(2027, 3, 1), "L-70")


def test_bil_5_out_of_region_recipient_gives_a_home_region_charge(
    prescriber, lund, purchasing_warehouse
):
    guest = RecipientFactory(home_region="Region Halland")
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC), tick=False):
        _receive(prescriber, _send(prescriber, guest, lund, ArticleFactory(price=9000)))
    charge = PatientCharge.objects.get()
    assert (charge.kind, charge.debtor_code, charge.amount) == (
        "home_region",
        "Region Halland",
        900,  # the received á-pris
    )
    assert charge.due_date == datetime.date(2026, 11, 4)


def test_rcv_6_cancelled_lines_cancel_nothing_invoiced(
    prescriber, tolvan, lund, purchasing_warehouse
):
    order = _send(prescriber, tolvan, lund, ArticleFactory(**CHARGER))
    line = order.lines.get()
    services.cancel_lines(by=prescriber, line_ids=[line.pk])
    assert not PatientCharge.objects.exists()


def test_src_4_cancelling_an_order_cancels_its_planned_charges(
    prescriber, tolvan, lund, central_warehouse
):
    tv = stocked_article(central_warehouse, 3, fee_kind="standard", fee_amount=300)
    order = _send(prescriber, tolvan, lund, tv)
    line = order.lines.get()
    # a charge planned for the line (as a later rule might make at sending)
    billing.record_delivery_charges(
        by=prescriber, order=order, line=line, day=line.planned_delivery_date
    )
    services.cancel_order(by=prescriber, order=order)
    assert PatientCharge.objects.get().status == "cancelled"


def test_bil_d6_a_return_cancels_the_fee_when_the_lines_last_unit_is_back(prescriber, tolvan, lund):
    from recipients.models import Device
    from recipients.services import return_devices
    from recipients.tests.factories import DeviceFactory

    tv = stocked_article(lund.warehouse, 3, fee_kind="standard", fee_amount=300)
    order = _send(prescriber, tolvan, lund, tv, source=OWN, quantity=2)
    first = Device.objects.get(order_line_id=order.lines.get().pk)
    second = DeviceFactory(
        recipient=tolvan, article=tv, order_line_id=first.order_line_id, service_location=lund
    )
    return_devices(by=prescriber, recipient=tolvan, service_location=lund, device_ids=[first.pk])
    assert PatientCharge.objects.get().status == "planned"  # one unit is still out
    return_devices(by=prescriber, recipient=tolvan, service_location=lund, device_ids=[second.pk])
    assert PatientCharge.objects.get().status == "cancelled"
