"""BEY-10: the recipient's Hjälpmedel export carries each device's Avgift — its order line's
charges not cancelled — as a number (amounts typed in the xlsx), read without a query per
row. Here, where a real delivery makes the charge (BIL-D2)."""

from django.urls import reverse

from billing.models import PatientCharge
from orders.tests.test_recipient_page_billing import _delivered
from tests.exports import read_csv, read_xlsx


def test_bey_10_the_fee_is_a_number_and_a_cancelled_one_is_none(
    client_as, prescriber, lund, tolvan
):
    device = _delivered(tolvan, by=prescriber, location=lund)
    client = client_as(prescriber)
    url = reverse("recipients:devices_export", args=[tolvan.pk])
    _f, header, rows, sheet = read_xlsx(client.get(url, {"format": "xlsx"}))
    (row,) = rows
    assert header[4] == "Avgift" and row[4] == 500 and row[6] == device.order_number
    assert sheet.cell(row=6, column=5).number_format == "#,##0.00"
    _f, _h, csv_rows = read_csv(client.get(url))
    assert csv_rows[0][4] == "500,00"
    PatientCharge.objects.filter(order_line_id=device.order_line_id).update(
        status=PatientCharge.Status.CANCELLED
    )
    _f, _h, csv_rows = read_csv(client.get(url))
    assert csv_rows[0][4] == ""
