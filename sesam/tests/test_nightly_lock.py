"""docs/operations.md: with several nodes, the nightly job runs on one at a time — a second
run while the first holds the advisory lock does nothing."""

import io

import psycopg
from django.core.management import call_command
from django.db import connection

from sesam.management.commands.nightly import NIGHTLY_LOCK


def _other_node():
    params = connection.get_connection_params()
    keep = {k: v for k, v in params.items() if k in ("host", "user", "port", "dbname")}
    return psycopg.connect(autocommit=True, **keep)


def test_the_nightly_job_skips_while_another_node_runs_it(db):
    with _other_node() as node:
        node.execute("SELECT pg_advisory_lock(%s)", [NIGHTLY_LOCK])
        out = io.StringIO()
        call_command("nightly", stdout=out)
        assert "already running on another node" in out.getvalue()
        # Released here, not by the connection's close: the server ends a backend (and
        # frees its locks) a moment after the client has gone.
        node.execute("SELECT pg_advisory_unlock(%s)", [NIGHTLY_LOCK])
    out = io.StringIO()
    call_command("nightly", stdout=out)
    assert "expired sessions cleared" in out.getvalue()


def test_the_nightly_job_prints_no_stray_library_line(db, capfd):
    """Issue 19.6: django-axes' command printed "No logs found." to the process's stdout on
    an ordinary night; the nightly line reports the count instead."""
    out = io.StringIO()
    call_command("nightly", stdout=out)
    printed = capfd.readouterr().out
    assert "No logs found." not in printed + out.getvalue()
    assert "0 failed logins older than 30 days removed" in out.getvalue()
