"""ACC-8: the access log is append-only for everyone, administrators and raw SQL included."""

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from sesam.models import AccessLog
from sesam.services import log_access


class FakeRecipient:
    pk = 7
    personnummer = "191212121212"


@pytest.fixture
def row(prescriber, lund):
    return log_access(
        by=prescriber,
        service_location=lund,
        recipient=FakeRecipient(),
        action="view",
        tab="devices",
    )


def test_acc_8_log_access_records_who_where_whom_what(row, prescriber, lund):
    assert (row.user, row.service_location, row.recipient_id, row.personnummer, row.action) == (
        prescriber,
        lund,
        7,
        "191212121212",
        "view",
    )
    assert row.context == {"tab": "devices"} and row.at is not None


@pytest.mark.parametrize(
    "sql", ["UPDATE sesam_accesslog SET action = 'ändrad'", "DELETE FROM sesam_accesslog"]
)
def test_acc_8_raw_sql_cannot_change_the_log(row, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AccessLog.objects.get(pk=row.pk).action == "view"


@pytest.fixture
def production_like_database(db):
    """A scratch database whose name does not start with test_, carrying the migration's
    trigger SQL on a minimal sesam_accesslog table."""
    import importlib
    import uuid

    import psycopg

    trigger_sql = importlib.import_module("sesam.migrations.0002_accesslog_append_only").SQL
    params = {
        k: v for k, v in connection.get_connection_params().items() if k in ("host", "user", "port")
    }
    name = f"sesam_acl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **params) as scratch:
            scratch.execute("CREATE TABLE sesam_accesslog (id int, action text)")
            scratch.execute(trigger_sql)
            scratch.execute("INSERT INTO sesam_accesslog VALUES (1, 'view')")
            yield scratch
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE "{name}"')


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sesam_accesslog SET action = 'x'",
        "DELETE FROM sesam_accesslog",
        "TRUNCATE sesam_accesslog",
    ],
)
def test_acc_8_outside_test_databases_even_truncate_is_refused(production_like_database, sql):
    import psycopg

    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        production_like_database.execute(sql)
    assert production_like_database.execute("SELECT count(*) FROM sesam_accesslog").fetchone() == (
        1,
    )


def test_acc_8_orm_cannot_change_the_log(row):
    row.action = "ändrad"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        row.save()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessLog.objects.all().delete()
    assert AccessLog.objects.count() == 1


def test_acc_8_admin_can_search_but_not_change(row, staff):
    request = RequestFactory().get("/admin/sesam/accesslog/")
    request.user = staff
    admin = site._registry[AccessLog]
    assert admin.has_view_permission(request)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, row)
    assert not admin.has_delete_permission(request, row)


def test_acc_8_admin_search_by_personnummer_and_user(row, staff, client):
    client.force_login(staff)
    assert "191212121212" in client.get("/admin/sesam/accesslog/?q=191212121212").text
    assert "191212121212" in client.get("/admin/sesam/accesslog/?q=audionom").text
    assert "191212121212" not in client.get("/admin/sesam/accesslog/?q=kollega").text
