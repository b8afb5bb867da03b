"""BEY-10 test helpers: an export response read back — the CSV parsed with csv, the xlsx
with openpyxl — as (filters, header, rows), and the query count of reading one."""

import csv
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def split(lines):
    """(filters, header, rows) of a table whose filters end at an empty line."""
    lines = [list(line) for line in lines]
    if [] in lines:
        cut = lines.index([])
        filters, lines = lines[:cut], lines[cut + 1 :]
    else:
        filters = []
    return [tuple(f[:2]) for f in filters], lines[0], lines[1:]


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv"), response["Content-Type"]
    text = body(response).decode("utf-8").removeprefix("\ufeff")
    return split(csv.reader(io.StringIO(text), delimiter=";"))


def read_xlsx(response):
    """(filters, header, rows, sheet) with typed cell values (None for an empty cell)."""
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    lines = []
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        lines.append(cells)
    filters, header, rows = split(lines)
    return filters, header, rows, sheet


def queries_to_read(client, url, params) -> int:
    """The queries of one export, the streamed body read to its end."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        assert response.status_code == 200, body(response)
        body(response)
    return len(queries)
