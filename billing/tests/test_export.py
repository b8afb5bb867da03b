import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from billing import services
from billing.export import HEADER
from billing.tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


def test_bil_6_export_invoices_csv_parses_back(tmp_path):
    factories.charge(DAY, fee=Decimal("312.50"))
    factories.charge(
        DAY, fee_kind="charger_kit", numbers=["K-1", "K-2"], fee=Decimal("600"), quantity=2
    )
    services.bill_due_charges(day=DAY)
    path = tmp_path / "fakturor.csv"
    call_command(
        "export_invoices", "--date", "2026-11-02", "--output", str(path), stdout=io.StringIO()
    )
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter=";"))
    assert list(rows[0]) == HEADER
    assert sorted(r["belopp"] for r in rows) == ["1200,00", "312,50"]
    kit = next(r for r in rows if r["belopp"] == "1200,00")
    assert (kit["fakturadatum"], kit["förfallodatum"], kit["individnummer"]) == (
        "2026-11-02",
        "2026-12-02",
        "K-1, K-2",
    )
    assert kit["referens"] == "26480001" and len(kit["kund"]) == 12


def test_rec_5_export_has_no_address_column(tmp_path):
    assert not any("adress" in column for column in HEADER)


def test_bil_6_export_of_another_day_is_only_the_header(tmp_path):
    factories.charge(DAY)
    services.bill_due_charges(day=DAY)
    path = tmp_path / "x.csv"
    call_command(
        "export_invoices", "--date", "2026-11-03", "--output", str(path), stdout=io.StringIO()
    )
    assert path.read_text(encoding="utf-8").splitlines() == [";".join(HEADER)]


def test_bil_6_export_neutralises_a_formula_in_an_individual_number(tmp_path):
    factories.charge(DAY, numbers=['=HYPERLINK("//evil.example","Klicka")'])
    services.bill_due_charges(day=DAY)
    path = tmp_path / "f.csv"
    call_command(
        "export_invoices", "--date", "2026-11-02", "--output", str(path), stdout=io.StringIO()
    )
    (row,) = csv.DictReader(path.open(encoding="utf-8"), delimiter=";")
    assert row["individnummer"] == '\'=HYPERLINK("//evil.example","Klicka")'
