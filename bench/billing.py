"""`python -m bench.billing [--date D]`: the nightly `bill_due_charges` as production runs it
(the management command, its batches and their queries), inside one transaction that is
rolled back at the end, so that the next `make bench` bills the same charges again (QUA-D14).
Prints the command's summary and this process's peak resident memory (VmHWM: the high-water
mark of its own memory since exec; `ru_maxrss` would also count the parent's memory at the
fork); `bench.run` times the process."""

import io
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402


def peak_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1))


def main(argv):
    out = io.StringIO()
    with transaction.atomic():
        call_command("bill_due_charges", *argv, stdout=out)
        transaction.set_rollback(True)
    print(out.getvalue().strip())
    print(f"peak memory {peak_kb()} kB")


if __name__ == "__main__":
    main(sys.argv[1:])
