"""BIL-6, IND-D123: every CSV and Excel file the portal writes goes through the one writer,
`sesam.lib.tabular` (formula cells neutralised). A sweep over the source: no other module
writes CSV or xlsx itself (reading an import with `csv.reader` is fine)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["sesam", "inventory", "recipients", "orders", "activities", "billing"]
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|import xlsxwriter|from xlsxwriter|openpyxl")


def test_bil_6_only_sesam_lib_tabular_writes_csv_or_xlsx():
    writers = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.parts and WRITERS.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == ["sesam/lib/tabular.py"]
