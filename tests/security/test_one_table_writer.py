"""BIL-6, IND-D123: every CSV and Excel file the portal writes goes through the one writer,
`sesam.lib.tabular` (formula cells neutralised). A sweep over the source: no other module
writes CSV or xlsx itself (reading an import with `csv.reader` is fine)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every app of the project (a folder with apps.py), so a new app is swept too.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
# Writing: csv writers, xlsxwriter, an openpyxl Workbook (reading with load_workbook is fine).
WRITERS = re.compile(
    r"csv\.(writer|DictWriter)\(|import xlsxwriter|from xlsxwriter|openpyxl\.Workbook\("
    r"|from openpyxl import .*Workbook"
)


def test_bil_6_only_sesam_lib_tabular_writes_csv_or_xlsx():
    writers = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "tests" not in path.parts and WRITERS.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == ["sesam/lib/tabular.py"]
