"""`python -m bench.billing [--date D]`: the nightly `bill_due_charges` as production runs it
(the management command, its batches and their queries), inside one transaction that is
rolled back at the end, so that the next `make bench` bills the same charges again (QUA-D14).
Prints the command's summary and the number of charges it billed; `bench.run` times this
process and reads its peak memory."""

import io
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402


def main(argv):
    out = io.StringIO()
    with transaction.atomic():
        call_command("bill_due_charges", *argv, stdout=out)
        transaction.set_rollback(True)
    print(out.getvalue().strip())


if __name__ == "__main__":
    main(sys.argv[1:])
