"""The one CSV/xlsx writer: formula cells neutralised, typed xlsx cells, filters above the header,
streamed in constant memory (QUA security: exports; BIL-6; BEY-10)."""

import csv
import datetime
import io
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest

from sesam.lib import tabular

HEADER = ["Nummer", "Datum", "Belopp", "Text"]
ROW = ["26480001", datetime.date(2026, 11, 2), Decimal("312.50"), "Hörapparat"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_qua_formula_starts_are_neutralised(start):
    assert tabular.neutralise(f"{start}1+1") == f"'{start}1+1"


def test_qua_plain_text_and_numbers_pass_untouched():
    assert tabular.neutralise("Hörapparat") == "Hörapparat"
    assert tabular.neutralise(-5) == -5


def test_bey_10_csv_has_filters_then_header_then_typed_text():
    out = io.StringIO()
    count = tabular.write_csv(out, HEADER, [ROW], filters=[("Period", "30 dagar")])
    lines = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert count == 1
    assert lines == [
        ["Period", "30 dagar"],
        [],
        HEADER,
        ["26480001", "2026-11-02", "312,50", "Hörapparat"],
    ]


def test_bey_10_csv_stream_neutralises_and_starts_with_a_bom():
    chunks = list(tabular.csv_chunks(HEADER, [["=cmd", None, None, "@SUM(A1)"]]))
    text = b"".join(chunks).decode()
    assert text.startswith("\ufeff")
    assert "'=cmd;;;'@SUM(A1)" in text


def test_bey_10_xlsx_is_typed_with_a_frozen_header(tmp_path):
    path = tmp_path / "x.xlsx"
    tabular.write_xlsx(
        str(path), HEADER, [ROW, ["=1+1", None, Decimal("1"), "-x"]], [("Sök", "aria")]
    )
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]][:2] == ["Sök", "aria"]
    assert [c.value for c in ws[3]] == HEADER
    assert ws.freeze_panes == "A4"
    number, day, amount, text = (c.value for c in ws[4])
    assert (number, day, amount, text) == (
        "26480001",
        datetime.datetime(2026, 11, 2),
        312.5,
        "Hörapparat",
    )
    assert [c.value for c in ws[5]] == ["'=1+1", None, 1, "'-x"]


def test_bey_10_export_response_is_never_cached():
    response = tabular.export_response("csv", "lista", HEADER, iter([ROW]))
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="lista.csv"'
    xlsx = tabular.export_response("xlsx", "lista", HEADER, iter([ROW]))
    assert xlsx["Cache-Control"] == "no-store" and xlsx["Content-Type"] == tabular.XLSX


def test_bey_10_xlsx_of_many_rows_holds_one_row_at_a_time(tmp_path):
    rows = ([str(i), datetime.date(2026, 1, 1), Decimal(i), "x" * 20] for i in range(20_000))
    tracemalloc.start()
    tabular.write_xlsx(str(tmp_path / "big.xlsx"), HEADER, rows)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_bey_10_a_moment_is_written_in_local_time_in_both_formats(tmp_path, settings):
    """A timestamp from the database (UTC) reads as the pages show it (Europe/Stockholm)."""
    moment = datetime.datetime(2026, 7, 1, 22, 30, tzinfo=datetime.UTC)  # 00:30 next day
    out = io.StringIO()
    tabular.write_csv(out, ["Registrerad"], [[moment]])
    assert out.getvalue().splitlines()[1] == "2026-07-02 00:30"
    path = tmp_path / "t.xlsx"
    tabular.write_xlsx(str(path), ["Registrerad"], [[moment]])
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == datetime.datetime(2026, 7, 2, 0, 30)
    assert ws.auto_filter.ref == "A1:A2"
