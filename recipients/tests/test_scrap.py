"""Scrapping (RET-4): service purchases and non-individual main devices under 1 000 kr may be
returned as scrapped — no stock increase, recorded with who and when; anything else is refused
with the reason."""

import pytest

from inventory.models import Article, StockMovement
from inventory.tests.checks import assert_balances_are_sums_of_movements
from inventory.tests.factories import ArticleFactory
from recipients.exceptions import ReturnRefused
from recipients.models import Device, ReturnLine
from recipients.services import return_devices, scrap_refusal


def _scrap(by, device, location):
    return return_devices(
        by=by,
        recipient=device.recipient,
        service_location=location,
        device_ids=[device.pk],
        scrap_ids=[device.pk],
    )


def test_ret_4_a_cheap_main_device_is_scrapped_without_stock(prescriber, cheap_main, lund):
    ret = _scrap(prescriber, cheap_main, lund)
    cheap_main.refresh_from_db()
    assert (cheap_main.status, cheap_main.returned_on) == (Device.Status.SCRAPPED, ret.returned_on)
    line = ReturnLine.objects.select_related("ret__by").get(device=cheap_main)
    assert (line.kind, line.ret.by, line.ret.at.date()) == ("scrap", prescriber, ret.returned_on)
    assert not StockMovement.objects.exists()
    assert_balances_are_sums_of_movements()


def test_ret_4_a_service_purchase_is_scrapped_whatever_it_cost(prescriber, service_purchase, lund):
    _scrap(prescriber, service_purchase, lund)
    service_purchase.refresh_from_db()
    assert service_purchase.status == Device.Status.SCRAPPED


def test_ret_4_a_return_may_mix_stock_and_scrap(prescriber, domes, cheap_main, lund):
    ret = return_devices(
        by=prescriber,
        recipient=domes.recipient,
        service_location=lund,
        device_ids=[domes.pk, cheap_main.pk],
        scrap_ids=[cheap_main.pk],
    )
    kinds = dict(ret.lines.values_list("device_id", "kind"))
    assert kinds == {domes.pk: "return", cheap_main.pk: "scrap"}
    assert StockMovement.objects.get().article == domes.article


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"type": Article.Type.MAIN, "price": 1000}, "kostar 1 000 kr eller mer"),
        ({"type": Article.Type.MAIN, "price": 500, "is_individual": True}, "individmärkt"),
        ({"type": Article.Type.ACCESSORY, "price": 300}, "tillbehör"),
        ({"type": Article.Type.SPARE_PART, "price": 95}, "reservdel"),
    ],
)
def test_ret_4_anything_else_is_refused_with_the_reason(db, fields, reason):
    assert reason in scrap_refusal(ArticleFactory(**fields))


def test_ret_4_the_service_refuses_scrapping_a_hearing_aid(prescriber, hearing_aid, lund):
    with pytest.raises(ReturnRefused, match="individmärkt"):
        _scrap(prescriber, hearing_aid, lund)
    hearing_aid.refresh_from_db()
    assert hearing_aid.status == Device.Status.DELIVERED
    assert not ReturnLine.objects.exists()
