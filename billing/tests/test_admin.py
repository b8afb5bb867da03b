"""ACC-9: Hjälpmedel sees charges and invoices in admin, pauses charger invoices (BIL-4) and
exports invoices (BIL-6) — through the services, read-only otherwise."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from billing import services
from billing.models import Invoice, PatientCharge
from billing.tests import factories
from sesam.models import AccessLog

pytestmark = pytest.mark.django_db
PAUSE = reverse("admin:billing_patientcharge_pause")


def _charger():  # received 2026-10-15, due 2027-01-04
    return factories.charge(
        datetime.date(2026, 10, 15), fee_kind="charger", numbers=["L-9"], fee=Decimal(500)
    )


@pytest.mark.parametrize("name", ["patientcharge", "invoice", "billingrun"])
def test_acc_9_lists_open_with_filters(client, staff, name):
    _charger()
    client.force_login(staff)
    url = reverse(f"admin:billing_{name}_changelist")
    assert client.get(url).status_code == 200
    if name == "patientcharge":
        assert (
            client.get(url, {"status__exact": "planned", "kind__exact": "charger"}).status_code
            == 200
        )


def test_acc_9_charges_are_read_only(client, staff):
    charge = _charger()
    client.force_login(staff)
    url = reverse("admin:billing_patientcharge_change", args=[charge.pk])
    client.post(url, {"amount": "0", "status": "cancelled"})
    charge.refresh_from_db()
    assert (charge.amount, charge.status) == (500, "planned")
    assert client.get(reverse("admin:billing_patientcharge_add")).status_code == 403


def test_bil_4_admin_pause_in_time_has_no_warning(client, staff):
    charge = _charger()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(staff)
        response = client.post(
            PAUSE,
            {"individual_number": "L-9", "until": "2027-02-15", "reason": "Utprovning pågår"},
            follow=True,
        )
    text = response.content.decode()
    assert "faktureras 2027-02-15" in text and "två veckor" not in text
    charge.refresh_from_db()
    assert (charge.status, charge.paused_until) == ("paused", datetime.date(2027, 2, 15))


def test_bil_4_admin_pause_late_is_accepted_with_a_visible_warning(client, staff):
    _charger()
    with time_machine.travel(datetime.datetime(2026, 12, 28, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(staff)
        response = client.post(
            PAUSE,
            {"individual_number": "L-9", "until": "2027-02-15", "reason": "Sen begäran"},
            follow=True,
        )
    assert "senare än två veckor före fakturadatum 2027-01-04" in response.content.decode()
    assert PatientCharge.objects.get().status == "paused"


def test_bil_4_admin_pause_of_an_unknown_number_says_so(client, staff):
    client.force_login(staff)
    response = client.post(PAUSE, {"individual_number": "X", "until": "2099-01-01", "reason": "r"})
    assert response.status_code == 409
    assert "Ingen planerad laddarfaktura har individnummer X" in response.content.decode()


def test_bil_4_admin_pause_form_errors_are_422(client, staff):
    client.force_login(staff)
    assert client.post(PAUSE, {"individual_number": "L-9"}).status_code == 422


def test_bil_4_pause_page_needs_staff(client, prescriber):
    client.force_login(prescriber)
    assert client.get(PAUSE).status_code == 302  # to the admin login


def test_bil_6_admin_export_action_writes_the_csv(client, staff):
    factories.charges_for_debtors(2)
    services.bill_due_charges(day=datetime.date(2026, 11, 2))
    client.force_login(staff)
    response = client.post(
        reverse("admin:billing_invoice_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Invoice.objects.values_list("pk", flat=True)),
        },
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")), delimiter=";"))
    assert rows[0][0] == "fakturanummer" and len(rows) == 3


def test_acc_8_admin_charge_and_invoice_pages_log_the_recipient(client, staff):
    charge = factories.charge(datetime.date(2026, 11, 2))
    services.bill_due_charges(day=datetime.date(2026, 11, 2))
    client.force_login(staff)
    assert (
        client.get(reverse("admin:billing_patientcharge_change", args=[charge.pk])).status_code
        == 200
    )
    invoice = Invoice.objects.get()
    assert client.get(reverse("admin:billing_invoice_change", args=[invoice.pk])).status_code == 200
    rows = AccessLog.objects.filter(recipient_id=charge.recipient_id)
    assert sorted((row.action, row.context["admin"]) for row in rows) == [
        ("admin_view", "billing.invoice"),
        ("admin_view", "billing.patientcharge"),
    ]


def test_doc_4_invoice_pdf_has_its_number_and_lines(client, staff, tmp_path):
    factories.charge(
        datetime.date(2026, 11, 2), fee_kind="charger_kit", numbers=["K-7"], fee=Decimal(600)
    )
    services.bill_due_charges(day=datetime.date(2026, 11, 2))
    invoice = Invoice.objects.get()
    client.force_login(staff)
    response = client.get(reverse("admin:billing_invoice_pdf", args=[invoice.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "f.pdf"
    path.write_bytes(response.content)
    text = PdfReader(path).pages[0].extract_text()
    for expected in [invoice.number, "Faktura", "Laddkit", "K-7", "600,00", "2026-12-02"]:
        assert expected in text
    assert "adress" not in text.lower()


def test_bey_10_invoice_changelist_exports_as_filtered_with_its_filters(client, staff):
    """The changelist's Exportera CSV / Excel: every invoice the filters leave (all pages),
    the filters above the header, amounts and dates typed; each patient debtor logged."""
    from tests.exports import read_csv, read_xlsx

    factories.charges_for_debtors(3)
    services.bill_due_charges(day=datetime.date(2026, 11, 2))
    client.force_login(staff)
    changelist = client.get(reverse("admin:billing_invoice_changelist"), {"q": "Tolvan"})
    export = reverse("admin:billing_invoice_export")
    assert f"{export}?q=Tolvan&amp;format=xlsx" in changelist.text
    before = AccessLog.objects.filter(action="admin_export").count()
    params = {"q": "Tolvan", "invoice_date__year": "2026", "debtor_kind__exact": "recipient"}
    filters, header, rows, sheet = read_xlsx(client.get(export, {**params, "format": "xlsx"}))
    assert ("Sök", "Tolvan") in filters and ("Fakturadatum", "2026") in filters
    assert ("Betalare", "Mottagare") in filters
    assert header == [
        "Fakturanummer", "Fakturadatum", "Förfallodatum", "Betalare", "Kund", "Namn", "Belopp"
    ]  # fmt: skip
    assert len(rows) == 3 == Invoice.objects.count()
    assert rows[0][1] == datetime.datetime(2026, 11, 2) and rows[0][6] == 300
    assert AccessLog.objects.filter(action="admin_export").count() == before + 3
    _f, _h, csv_rows = read_csv(client.get(export, {"q": "ingen sådan"}))
    assert csv_rows == []


def test_bey_10_invoice_export_is_for_staff_only(client, prescriber):
    client.force_login(prescriber)
    response = client.get(reverse("admin:billing_invoice_export"))
    assert response.status_code == 302  # to the admin login
