import datetime
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection, connections

from billing import services
from billing.models import Invoice, InvoiceLine, PatientCharge
from billing.tests import factories
from sesam import settings as settings_module
from sesam.tests.concurrency import race

DAY = datetime.date(2026, 11, 2)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_bil_6_two_runs_at_once_never_bill_twice():
    charges = factories.charges_for_debtors(6, per_debtor=2)

    def one_run():
        return services.bill_due_charges(day=DAY, batch_size=3)

    first, second = race(one_run, one_run)
    assert not isinstance(first, Exception) and not isinstance(second, Exception)
    assert first.charges + second.charges == len(charges)
    assert InvoiceLine.objects.count() == len(charges)
    assert set(PatientCharge.objects.values_list("status", flat=True)) == {"invoiced"}
    assert Invoice.objects.values("debtor_code").distinct().count() == 6


@pytest.mark.django_db(transaction=True)
def test_bil_6_advisory_lock_taken_means_the_second_run_does_nothing():
    factories.charges_for_debtors(2)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [services.ADVISORY_LOCK_KEY])
        result = services.bill_due_charges(day=DAY)
        assert result.busy and not Invoice.objects.exists()
    finally:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [services.ADVISORY_LOCK_KEY])
        other.close()
    assert services.bill_due_charges(day=DAY).charges == 2


@pytest.mark.django_db(transaction=True)
def test_bil_6_two_machines_at_once_never_bill_twice():
    """Two `manage.py bill_due_charges` processes on the same database at the same time."""
    charges = factories.charges_for_debtors(30)
    # The same server as this test, its test database (DATABASE_URL's path is the name).
    url = urlsplit(os.environ.get("DATABASE_URL") or settings_module._local_database_url())
    url = url._replace(path=f"/{connection.settings_dict['NAME']}")
    env = {**os.environ, "DATABASE_URL": urlunsplit(url)}
    command = [sys.executable, "manage.py", "bill_due_charges", "--date", DAY.isoformat()]
    machines = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [machine.communicate(timeout=120)[0] for machine in machines]
    assert [machine.returncode for machine in machines] == [0, 0]
    billed = [int(out.strip().splitlines()[-1].split(", ")[1].split()[0]) for out in outputs]
    assert sum(billed) == len(charges)
    assert InvoiceLine.objects.count() == len(charges)
    assert Invoice.objects.count() == 30
