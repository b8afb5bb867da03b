"""The pickup wizard's draft (PU-1, PU-3, PU-7, PU-D620): the pickup order itself with status
Utkast, one per user and recipient, its lines not open; Skapa hämtorder moves it in place."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from activities import services
from activities.exceptions import PickupRefused
from activities.models import PickupLine, PickupOrder
from activities.selectors import pickup as selectors
from activities.tests.factories import delivered_device, pickup_draft, pickup_order

Status = PickupOrder.Status


def _send(by, draft, **fields):
    values = {"contact": "Karl Kollega, 046-123", "return_reason": "wrong_order", **fields}
    return services.create_pickup_order(by=by, key=draft.idempotency_key, **values)


def test_pu_1_a_draft_has_no_number_and_its_lines_are_not_open(colleague, lund):
    draft = pickup_draft(colleague, lund)
    assert (draft.status, draft.number, draft.reason) == (Status.DRAFT, None, "by_post")
    assert draft.contact.startswith("Karl Kollega") and draft.pickup_address == ""
    assert list(draft.lines.values_list("is_open", flat=True)) == [False]
    assert not draft.events.exists()


def test_pu_1_skapa_hamtorder_again_continues_the_users_draft(colleague, prescriber, lund):
    device = delivered_device(location=lund)
    draft = pickup_draft(colleague, lund, device)
    again = services.start_pickup_draft(
        by=colleague, recipient=device.recipient, service_location=lund
    )
    theirs = services.start_pickup_draft(
        by=prescriber, recipient=device.recipient, service_location=lund
    )
    assert again.pk == draft.pk and again.idempotency_key == draft.idempotency_key
    assert theirs.pk != draft.pk and selectors.draft_device_ids(again) == [device.pk]


def test_pu_1_skapa_hamtorder_moves_the_draft_in_place(colleague, lund):
    device = delivered_device(location=lund)
    draft = pickup_draft(colleague, lund, device)
    pickup = _send(colleague, draft, comment=" Passar inte ")
    pickup.refresh_from_db()
    assert (pickup.pk, pickup.status) == (draft.pk, Status.REGISTERED)
    assert len(pickup.number) == 8 and pickup.number.isdigit()
    assert pickup.created_at > draft.created_at  # registered when sent
    assert (
        pickup.pickup_address == "\n".join(lund.address_lines) and pickup.comment == "Passar inte"
    )
    assert list(pickup.lines.values_list("device", "is_open")) == [(device.pk, True)]
    event = pickup.events.get()
    assert (event.from_status, event.to_status, event.by) == ("draft", "registered", colleague)


def test_pu_1_sending_a_draft_twice_returns_the_pickup_order_sent(colleague, lund):
    draft = pickup_draft(colleague, lund)
    first, second = _send(colleague, draft), _send(colleague, draft, return_reason="other")
    assert first.pk == second.pk == draft.pk and PickupOrder.objects.count() == 1
    assert PickupOrder.objects.get().return_reason == "wrong_order"


def test_pu_1_another_users_draft_cannot_be_sent_or_changed(colleague, prescriber, lund):
    draft = pickup_draft(colleague, lund)
    with pytest.raises(PickupRefused, match="finns inte längre som utkast"):
        _send(prescriber, draft)
    with pytest.raises(PickupRefused, match="finns inte längre som utkast"):
        services.update_pickup_draft(by=prescriber, key=draft.idempotency_key, reason="")
    with pytest.raises(PickupRefused, match="finns inte längre som utkast"):
        _send(colleague, PickupOrder(idempotency_key=uuid.uuid4()))
    assert PickupOrder.objects.get().status == Status.DRAFT


def test_pu_3_a_draft_holds_no_device_and_its_sending_is_refused_when_one_is_taken(
    colleague, prescriber, lund
):
    device = delivered_device(location=lund)
    draft = pickup_draft(colleague, lund, device)
    assert device in selectors.pickable_devices(user=prescriber, recipient=device.recipient)
    first = pickup_order(prescriber, lund, device)  # a colleague was quicker
    with pytest.raises(PickupRefused, match=f"redan på den öppna hämtordern {first.number}"):
        _send(colleague, draft)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == (Status.DRAFT, None)
    assert list(draft.lines.values_list("is_open", flat=True)) == [False]


def test_pu_3_a_draft_with_a_device_of_another_recipient_is_refused(colleague, lund):
    draft = pickup_draft(colleague, lund)
    with pytest.raises(PickupRefused):
        services.update_pickup_draft(
            by=colleague, key=draft.idempotency_key, device_ids=[delivered_device(location=lund).pk]
        )
    assert PickupLine.objects.filter(pickup_order=draft).count() == 1


def test_pu_5_sending_checks_every_rule_again(colleague, lund):
    draft = pickup_draft(colleague, lund)
    with pytest.raises(PickupRefused, match="orsak till retur"):
        _send(colleague, draft, return_reason="")
    with pytest.raises(PickupRefused, match="kontaktuppgifter"):
        _send(colleague, draft, contact="  ")
    assert PickupOrder.objects.get().status == Status.DRAFT


def test_pu_7_a_draft_is_neither_closed_nor_cancelled(colleague, staff, lund, central_warehouse):
    draft = pickup_draft(colleague, lund)
    with pytest.raises(PickupRefused):
        services.close_pickup_order(by=staff, pickup_order=draft)
    with pytest.raises(PickupRefused):
        services.cancel_pickup_order(by=colleague, pickup_order=draft)
    assert PickupOrder.objects.get().status == Status.DRAFT
    assert PickupOrder.TRANSITIONS[Status.DRAFT] == {Status.REGISTERED}


def test_pu_1_the_database_refuses_a_second_draft_per_user_and_recipient(colleague, lund):
    draft = pickup_draft(colleague, lund)
    twin = PickupOrder(
        status=Status.DRAFT,
        recipient=draft.recipient,
        service_location=lund,
        orderer=colleague,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


@pytest.mark.parametrize(
    "change",
    [
        {"number": None},
        {"reason": ""},
        {"return_reason": ""},
        {"contact": " "},
        {"pickup_address": ""},
    ],
)
def test_pu_1_the_database_refuses_a_sent_pickup_order_without_its_data(colleague, lund, change):
    pickup = pickup_order(colleague, lund)
    with pytest.raises(IntegrityError), transaction.atomic():
        PickupOrder.objects.filter(pk=pickup.pk).update(**change)
