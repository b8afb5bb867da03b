"""BEY-10 (BIL-D600): Avgifter att fakturera — the open charges of the user's current service
location due this calendar month — and its start-page tile, which counts the same rows."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from billing.models import PatientCharge
from billing.tiles import charges_tile
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog

TODAY = datetime.date(2026, 12, 10)
URL = reverse("billing:charges_to_invoice")
Kind, Status = PatientCharge.Kind, PatientCharge.Status
_lines = itertools.count(50_000)


@pytest.fixture(autouse=True)
def _december():
    moment = datetime.datetime(2026, 12, 10, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
    with time_machine.travel(moment, tick=False):
        yield


def _charge(location, due, *, recipient=None, kind=Kind.MISSING_INDIVIDUAL, **kwargs):
    values = {
        "kind": kind,
        "debtor_kind": PatientCharge.DebtorKind.RECIPIENT if recipient else "clinic",
        "debtor_code": recipient.personnummer if recipient else location.code,
        "debtor_name": recipient.name if recipient else location.name,
        "amount": Decimal("300"),
        "due_date": due,
        "original_due_date": due,
        "recipient_id": recipient.pk if recipient else None,
        "service_location_id": location.pk,
        "article_number": "A1",
        "article_name": "Laddare",
        "individual_number": "IND-1",
        "occurred_on": due,
        "order_line_id": None if kind == Kind.MISSING_INDIVIDUAL else next(_lines),
        **kwargs,
    }
    return PatientCharge.objects.create(**values)


@pytest.fixture
def charges(lund, helsingborg):
    tolvan = RecipientFactory(first_name="Tolvan", last_name="Tolvansson")
    hidden = RecipientFactory(first_name="Skyddad", last_name="Person", protected_identity=True)
    shown = [
        _charge(lund, datetime.date(2026, 12, 31), recipient=tolvan, kind=Kind.CHARGER),
        _charge(lund, datetime.date(2026, 12, 1), recipient=hidden, kind=Kind.CHARGER_KIT),
        _charge(lund, datetime.date(2026, 12, 15)),  # a clinic's missing individual
        _charge(
            lund,
            datetime.date(2026, 12, 20),
            recipient=tolvan,
            kind=Kind.CHARGER,
            status=Status.PAUSED,
            paused_until=datetime.date(2026, 12, 20),
        ),
    ]
    # Not this month's, not open, or another unit's.
    _charge(lund, datetime.date(2027, 1, 4), recipient=tolvan, kind=Kind.CHARGER)
    _charge(lund, datetime.date(2026, 11, 30), recipient=tolvan, kind=Kind.CHARGER)
    _charge(lund, datetime.date(2026, 12, 2), recipient=tolvan, status=Status.INVOICED)
    _charge(lund, datetime.date(2026, 12, 3), recipient=tolvan, status=Status.CANCELLED)
    _charge(helsingborg, datetime.date(2026, 12, 4), recipient=tolvan, kind=Kind.CHARGER)
    return {"shown": shown, "tolvan": tolvan, "hidden": hidden}


def test_bey_10_charges_page_lists_this_months_open_charges_by_due_date(
    charges, client, prescriber, django_assert_max_num_queries
):
    client.force_login(prescriber)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200
    rows = list(response.context["page"])
    expected = sorted(charges["shown"], key=lambda charge: charge.due_date)
    assert [row["charge"].pk for row in rows] == [charge.pk for charge in expected]
    html = response.content.decode()
    assert "Avgifter att fakturera i december" in html
    assert "Tolvan Tolvansson" in html and "Skyddad Person" in html
    assert charges["hidden"].street not in html  # protected identity: no address (REC-5)
    assert "Saknad individ vid inventering" in html


def test_bey_10_tile_count_equals_the_rows_of_the_charges_page(charges, client, prescriber, lund):
    client.force_login(prescriber)
    with CaptureQueriesContext(connection) as queries:
        tile = charges_tile(lund)
    assert len(queries) == 1
    assert tile.title == "Avgifter att fakturera i december"
    assert tile.url == URL
    assert tile.count == 4 == sum(bar.count for bar in tile.bars)
    assert client.get(tile.url).context["page"].paginator.count == tile.count


def test_bey_10_charges_page_logs_each_recipient_shown_once(charges, client, prescriber, lund):
    client.force_login(prescriber)
    client.get(URL)
    logged = AccessLog.objects.filter(action="charges_to_invoice")
    assert sorted(logged.values_list("recipient_id", flat=True)) == sorted(
        [charges["tolvan"].pk, charges["hidden"].pk]
    )
    assert {row.service_location_id for row in logged} == {lund.pk}


def test_bey_10_charges_page_shows_only_the_current_locations_charges(
    charges, client, other_location_user
):
    client.force_login(other_location_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert [row["charge"].kind for row in response.context["page"]] == [Kind.CHARGER]
    assert "Tolvan Tolvansson" in response.content.decode()  # Helsingborg's own charge
    assert response.context["page"].paginator.count == 1


def test_bey_10_charges_page_pages_fifty_at_a_time(lund, client, prescriber):
    for day in range(1, 29):
        for _ in range(2):
            _charge(lund, datetime.date(2026, 12, day))
    client.force_login(prescriber)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 56
    second = client.get(URL, {"sida": 2}, headers={"HX-Request": "true"})
    assert len(second.context["page"].object_list) == 6
    assert "<h1>" not in second.content.decode()  # the partial only


def test_bey_10_charges_page_is_get_only(client, prescriber):
    client.force_login(prescriber)
    assert client.post(URL).status_code == 405
