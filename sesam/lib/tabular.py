"""The one writer of every CSV and Excel file the portal hands out (QUA: exports, BIL-6, BEY-10).

A table is a header and an iterable of rows; rows are written as they come, so an export of
100 000 rows holds one row at a time (the caller passes an iterator, e.g. `.iterator()` or a
generator over `values_list`). Optional `filters` — (label, value) pairs — are written above
the header, so a file says which search made it.

Every text cell that a spreadsheet would run as a formula (starting with `= + - @`, a tab or a
carriage return) is neutralised with a leading apostrophe (OWASP's CSV injection advice);
numbers, dates and amounts stay typed in xlsx and plain in CSV.
"""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]
Filters = Sequence[tuple[str, object]]


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local(moment: datetime.datetime) -> datetime.datetime:
    """A moment as the pages show it: an aware one (from the database, in UTC) in local
    time, without its zone (a spreadsheet has none); a naive one as it is."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None)


def csv_text(value) -> str:
    """A cell as CSV text: dates in ISO form, moments in local time, amounts with a decimal
    comma (Swedish Excel)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return str(neutralise(value) if isinstance(value, str) else value)


def csv_rows(header: Row, rows: Iterable[Row], filters: Filters = ()) -> Iterator[list[str]]:
    """The table as lists of CSV cells: filters, an empty line, the header, the rows."""
    for label, value in filters:
        yield [csv_text(label), csv_text(value)]
    if filters:
        yield []
    yield [csv_text(cell) for cell in header]
    for row in rows:
        yield [csv_text(cell) for cell in row]


def write_csv(out, header: Row, rows: Iterable[Row], filters: Filters = ()) -> int:
    """Writes the table to the text stream `out` (`;`-separated); returns the data rows."""
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    count = -1 - (len(filters) + 1 if filters else 0)
    for cells in csv_rows(header, rows, filters):
        writer.writerow(cells)
        count += 1
    return count


class _Line:
    """A file-like object whose write returns what it was given (csv's streaming idiom)."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(header: Row, rows: Iterable[Row], filters: Filters = ()) -> Iterator[bytes]:
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\n")
    yield "\ufeff".encode()  # a BOM, so Excel reads UTF-8
    for cells in csv_rows(header, rows, filters):
        yield writer.writerow(cells).encode()


def write_xlsx(path, header: Row, rows: Iterable[Row], filters: Filters = (), *, sheet="Export"):
    """Writes the table as .xlsx to `path` in constant memory: typed cells (dates as dates,
    moments in local time, amounts as numbers), a frozen header with Excel's filter."""
    book = xlsxwriter.Workbook(
        path,
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    bold = book.add_format({"bold": True})
    formats = {
        datetime.datetime: book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        datetime.date: book.add_format({"num_format": "yyyy-mm-dd"}),
        Decimal: book.add_format({"num_format": "#,##0.00"}),
    }
    ws = book.add_worksheet(sheet[:31])
    r = 0
    for label, value in filters:
        ws.write_string(r, 0, str(label), bold)
        _write_cell(ws, r, 1, value, formats)
        r += 1
    if filters:
        r += 1
    for c, cell in enumerate(header):
        ws.write_string(r, c, str(cell), bold)
    ws.freeze_panes(r + 1, 0)
    top = r
    for row in rows:
        r += 1
        for c, value in enumerate(row):
            _write_cell(ws, r, c, value, formats)
    if header:
        ws.autofilter(top, 0, r, len(header) - 1)  # Excel's filter buttons on the header
    book.close()


def _write_cell(ws, r, c, value, formats):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_string(r, c, "Ja" if value else "Nej")
    elif isinstance(value, datetime.datetime):
        ws.write_datetime(r, c, local(value), formats[datetime.datetime])
    elif isinstance(value, datetime.date):
        ws.write_datetime(r, c, value, formats[datetime.date])
    elif isinstance(value, Decimal):
        ws.write_number(r, c, value, formats[Decimal])
    elif isinstance(value, int | float):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, neutralise(str(value)))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_response(fmt: str, filename: str, header: Row, rows: Iterable[Row], filters=()):
    """A download of the table: `fmt` "csv" streams, "xlsx" is spooled to a temporary file.
    Never cached (patient data may be in it)."""
    if fmt == "xlsx":
        spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        write_xlsx(spool, header, rows, filters)
        spool.seek(0)
        response = FileResponse(spool, as_attachment=True, filename=f"{filename}.xlsx")
        response["Content-Type"] = XLSX
    else:
        response = StreamingHttpResponse(
            csv_chunks(header, rows, filters), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "no-store"
    return response
