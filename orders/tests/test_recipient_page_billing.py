"""What the prescriber sees of billing on the recipient page (BIL-2, BIL-5, REC-4)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing import services as billing
from billing.models import PatientCharge
from orders import services
from orders.models import OrderLine
from orders.tests.factories import stocked_article
from recipients.models import Device
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog

D = datetime.date
RECEIVED = D(2026, 10, 15)


def _delivered(recipient, fee_kind="charger", *, day=RECEIVED, by, location):
    """An own-store delivery on `day` through the order services (BIL-D2)."""
    article = stocked_article(
        location.warehouse,
        1,
        fee_kind=fee_kind,
        fee_amount=0 if fee_kind == "none" else 500,
        price=900,
    )
    moment = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        draft = services.start_order(
            by=by, recipient=recipient, prescriber=by, service_location=location
        )
        services.add_line(by=by, article=article, quantity=1, source=OrderLine.Source.OWN_STORE)
        order = services.submit_order(by=by, idempotency_key=draft.idempotency_key)
    return Device.objects.get(order_number=order.number)


def test_bil_2_recipient_page_shows_when_the_charger_is_invoiced(
    client_as, prescriber, tolvan, lund
):
    _delivered(tolvan, by=prescriber, location=lund)
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert 'Laddare <span class="nowrap">500,00 kr</span>' in html
    assert "Faktureras 2027-01-04" in html


def test_bil_2_invoiced_charge_says_it_can_no_longer_be_cancelled(
    client_as, prescriber, tolvan, lund
):
    _delivered(tolvan, by=prescriber, location=lund)
    billing.bill_due_charges(day=D(2027, 1, 4))
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert "Fakturerad 2027-01-04" in html and "kan inte längre makuleras" in html


def test_bil_2_side_panel_shows_the_charge(client_as, prescriber, tolvan, lund):
    device = _delivered(tolvan, by=prescriber, location=lund)
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/hjalpmedel/{device.pk}/").content
    assert "Faktureras 2027-01-04" in html.decode()


@pytest.fixture
def guest(db):
    return RecipientFactory(personnummer="199004012382", home_region="Region Halland")


def test_bil_5_home_region_charge_is_announced_with_the_button(client_as, prescriber, guest, lund):
    _delivered(guest, "none", day=D(2026, 5, 4), by=prescriber, location=lund)
    html = client_as(prescriber).get(f"/mottagare/{guest.pk}/").content.decode()
    assert "Hemregionen faktureras 2026-11-04" in html
    assert ">Utprovning avslutad</button>" in html


def test_bil_5_utprovning_avslutad_cancels_the_home_region_charge(
    client_as, prescriber, guest, lund
):
    _delivered(guest, "none", day=D(2026, 5, 4), by=prescriber, location=lund)
    client = client_as(prescriber)
    response = client.post(f"/mottagare/{guest.pk}/utprovning-avslutad/")
    assert response.status_code == 302
    guest.refresh_from_db()
    assert guest.fitting_completed_by == prescriber and guest.fitting_completed_at
    assert PatientCharge.objects.get().status == "cancelled"
    assert AccessLog.objects.filter(recipient_id=guest.pk, action="fitting_completed").count() == 1
    html = client.get(f"/mottagare/{guest.pk}/").content.decode()
    assert "Hemregionen faktureras inte" in html and ">Utprovning avslutad</button>" not in html


def test_bil_5_double_click_reports_once(client_as, prescriber, guest, lund):
    _delivered(guest, "none", day=D(2026, 5, 4), by=prescriber, location=lund)
    client = client_as(prescriber)
    client.post(f"/mottagare/{guest.pk}/utprovning-avslutad/")
    client.post(f"/mottagare/{guest.pk}/utprovning-avslutad/")
    assert PatientCharge.objects.get().events.filter(to_status="cancelled").count() == 1


def test_bil_5_private_clinic_is_refused_and_told_about_priva(
    client_as, private_prescriber, prescriber, guest, lund
):
    _delivered(guest, "none", day=D(2026, 5, 4), by=prescriber, location=lund)
    client = client_as(private_prescriber)
    assert (
        ">Utprovning avslutad</button>"
        not in client.get(f"/mottagare/{guest.pk}/").content.decode()
    )
    response = client.post(f"/mottagare/{guest.pk}/utprovning-avslutad/")
    assert response.status_code == 409 and "Priva" in response.content.decode()
    assert PatientCharge.objects.get().status == "planned"


def test_bil_5_after_invoicing_the_page_says_it_cannot_be_cancelled(
    client_as, prescriber, guest, lund
):
    _delivered(guest, "none", day=D(2026, 5, 4), by=prescriber, location=lund)
    billing.bill_due_charges(day=D(2026, 11, 4))
    html = client_as(prescriber).get(f"/mottagare/{guest.pk}/").content.decode()
    assert "Hemregionen är fakturerad 2026-11-04" in html and "kan inte längre makuleras" in html


def test_rec_4_resident_has_no_fitting_button(client_as, prescriber, tolvan, lund):
    html = client_as(prescriber).get(f"/mottagare/{tolvan.pk}/").content.decode()
    assert "Utprovning avslutad" not in html


def _own_store_lines(by, recipient, location, count):
    draft = services.start_order(
        by=by, recipient=recipient, prescriber=by, service_location=location
    )
    for _ in range(count):
        article = stocked_article(location.warehouse, 1, fee_kind="standard", fee_amount=300)
        services.add_line(by=by, article=article, quantity=1, source=OrderLine.Source.OWN_STORE)
    services.submit_order(by=by, idempotency_key=draft.idempotency_key)


def _queries(client, recipient):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/mottagare/{recipient.pk}/").status_code == 200
    return len(queries)


def test_bil_charges_on_the_recipient_page_cost_one_query_whatever_the_devices(
    client_as, prescriber, tolvan, lund
):
    client = client_as(prescriber)
    _own_store_lines(prescriber, tolvan, lund, 1)
    one = _queries(client, tolvan)
    _own_store_lines(prescriber, tolvan, lund, 12)
    assert _queries(client, tolvan) == one
    assert PatientCharge.objects.count() == 13
