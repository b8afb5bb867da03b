"""docs/operations.md: a backup made by bin/backup restores with bin/restore into an empty
database, with the rows, the constraints and the access log's append-only trigger."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from sesam.services import log_access

ROOT = Path(__file__).resolve().parents[2]


class FakeRecipient:
    pk = 7
    personnummer = "191212121212"


def _url(params, name):
    host = params.get("host", "")
    user = params.get("user", "postgres")
    return f"postgres://{user}@/{name}?host={host}" + (
        f"&port={params['port']}" if params.get("port") else ""
    )


@pytest.fixture
def scratch(transactional_db):
    params = connection.get_connection_params()
    name = f"sesam_restore_{uuid.uuid4().hex[:8]}"
    admin = {k: v for k, v in params.items() if k in ("host", "user", "port")}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield _url(params, connection.settings_dict["NAME"]), _url(params, name), admin, name
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as c:
        c.execute(f'DROP DATABASE "{name}"')


def test_a_backup_restores_into_an_empty_database(scratch, prescriber, lund, tmp_path):
    source, target, admin, name = scratch
    log_access(by=prescriber, service_location=lund, recipient=FakeRecipient(), action="view")
    dump = tmp_path / "sesam.dump"
    run = {"cwd": ROOT, "check": True, "capture_output": True, "text": True, "timeout": 120}
    subprocess.run([ROOT / "bin/backup", dump], env={**os.environ, "DATABASE_URL": source}, **run)
    subprocess.run([ROOT / "bin/restore", dump, target], **run)
    with psycopg.connect(dbname=name, **admin) as restored:
        assert restored.execute("SELECT username FROM sesam_user").fetchall() == [("audionom",)]
        assert restored.execute("SELECT action FROM sesam_accesslog").fetchall() == [("view",)]
        with pytest.raises(psycopg.Error, match="append-only"):
            restored.execute("DELETE FROM sesam_accesslog")
