"""BEY-10: Sök → Aktivitet and Sök → Hämtorder export as CSV and Excel with the filters and
rows of the search; the rows name recipients, so each export writes one access-log row per
recipient (ACC-8) in a constant number of queries; no address, even of a protected one."""

import datetime
import uuid

import pytest
from django.urls import reverse

from activities.models import PickupOrder
from activities.tests import factories
from recipients.models import Recipient
from recipients.tests.factories import RecipientFactory
from sesam.models import AccessLog
from tests.exports import body, queries_to_read, read_csv, read_xlsx

ACTIVITIES = reverse("activities:activity_search_export")
PICKUPS = reverse("activities:pickup_search_export")

pytestmark = pytest.mark.django_db


def test_bey_10_activity_export_has_the_search_rows_and_logs_each_recipient(
    client_as, prescriber, activity, tolvan
):
    client = client_as(prescriber)
    page = client.get(reverse("activities:activity_search"))
    assert f"{ACTIVITIES}?format=csv" in page.text  # the link, with no criteria given
    before = _last_log()
    filters, header, rows = read_csv(client.get(ACTIVITIES, {"format": "csv"}))
    assert filters == [
        ("Tjänsteställe", "Hörselmottagningen Lund"),
        ("Registrerad", "30 dagar"),
        ("Status", "Alla"),
    ]
    assert header == [
        "Aktivitetsnummer", "Registrerad", "Beställare", "Aktivitetstyp", "Status", "Mottagare"
    ]  # fmt: skip
    assert [(row[0], row[5]) for row in rows] == [(activity.number, "Tolvan Tolvansson")]
    assert rows[0][4] == activity.get_status_display()
    (logged,) = AccessLog.objects.filter(pk__gt=before)
    assert (logged.recipient_id, logged.action, logged.user) == (
        tolvan.pk,
        "activity_export",
        prescriber,
    )

    _f, _h, xrows, _sheet = read_xlsx(client.get(ACTIVITIES, {"format": "xlsx"}))
    assert xrows[0][0] == activity.number and isinstance(xrows[0][1], datetime.datetime)
    assert AccessLog.objects.filter(action="activity_export").count() == 2


def test_acc_4_activity_export_of_another_location_lists_nothing(
    client_as, other_location_user, activity
):
    _filters, _header, rows = read_csv(client_as(other_location_user).get(ACTIVITIES))
    assert rows == []
    assert not AccessLog.objects.filter(action="activity_export").exists()


def _last_log() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _bulk_pickups(user, location, count):
    recipients = Recipient.objects.bulk_create(RecipientFactory.build_batch(count))
    PickupOrder.objects.bulk_create(
        PickupOrder(
            number=f"2649{i:04d}",
            recipient=recipient,
            service_location=location,
            orderer=user,
            reason="by_post",
            return_reason="other",
            pickup_address="Hemliga vägen 1",
            contact="y",
            idempotency_key=uuid.uuid4(),
        )
        for i, recipient in enumerate(recipients)
    )


def test_bey_10_pickup_export_logs_one_row_per_recipient_in_the_same_queries(
    client_as, prescriber, lund
):
    client = client_as(prescriber)
    _bulk_pickups(prescriber, lund, 10)
    few = queries_to_read(client, PICKUPS, {"format": "csv"})
    assert AccessLog.objects.filter(action="pickup_export").count() == 10
    PickupOrder.objects.all().delete()
    before = _last_log()
    _bulk_pickups(prescriber, lund, 200)
    assert queries_to_read(client, PICKUPS, {"format": "xlsx"}) == few
    logged = AccessLog.objects.filter(action="pickup_export", pk__gt=before)
    assert logged.count() == 200
    assert set(logged.values_list("recipient_id", flat=True)) == set(
        PickupOrder.objects.values_list("recipient_id", flat=True)
    )


def test_rec_5_pickup_export_names_a_protected_recipient_but_no_address(
    client_as, prescriber, lund
):
    device = factories.delivered_device(
        factories.recipient(first_name="Skyddad", last_name="Person"), location=lund
    )
    Recipient.objects.filter(pk=device.recipient_id).update(
        protected_identity=True, street="Hemliga gatan 7", postal_code="999 99", city="Gömby"
    )
    factories.pickup_order(prescriber, lund, device)
    client = client_as(prescriber)
    page = client.get(reverse("activities:pickup_search"))
    filters, header, rows = read_csv(client.get(PICKUPS, {"format": "csv"}))
    assert [row[5] for row in rows] == ["Skyddad Person"] and "Skyddad Person" in page.text
    for fmt in ("csv", "xlsx"):
        data = body(client.get(PICKUPS, {"format": fmt}))
        text = data.decode("utf-8") if fmt == "csv" else _xlsx_text(data)
        for secret in ("Hemliga", "999 99", "Gömby"):
            assert secret not in text
    assert "Adress" not in " ".join(header)


def _xlsx_text(data: bytes) -> str:
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
