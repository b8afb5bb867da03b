"""ACC-D101: the login audit of django-axes (attempts, the login log, failures) is read-only in
admin — an administrator cannot delete or change the trace of a login."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

ROW = {"username": "audionom", "ip_address": "10.0.0.1", "user_agent": "x", "path_info": "/"}


@pytest.fixture
def rows(db):
    now = timezone.now()
    return [
        AccessAttempt.objects.create(**ROW, attempt_time=now, failures_since_start=5),
        LoginLog.objects.create(**ROW, attempt_time=now),
        AccessFailureLog.objects.create(**ROW, attempt_time=now, locked_out=True),
    ]


def _url(obj, view):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def test_acc_d101_login_audit_rows_cannot_be_deleted_in_admin(client_as, staff, rows):
    client = client_as(staff)
    for row in rows:
        assert client.post(_url(row, "delete"), {"post": "yes"}).status_code == 403
        changelist = _url(row, "change").rsplit("/", 3)[0] + "/"
        client.post(changelist, {"action": "delete_selected", "_selected_action": [row.pk]})
        assert type(row).objects.filter(pk=row.pk).exists(), type(row).__name__


def test_acc_d101_login_audit_rows_cannot_be_changed_in_admin(client_as, staff, rows):
    client = client_as(staff)
    for row in rows:
        model_admin = admin.site._registry[type(row)]
        assert not model_admin.has_change_permission(_Request(staff), row)
        client.post(_url(row, "change"), {**ROW, "username": "someone-else"})
        row.refresh_from_db()
        assert row.username == "audionom"
        assert "Clean up" not in client.get(_url(row, "change").rsplit("/", 3)[0] + "/").text


class _Request:
    def __init__(self, user):
        self.user = user
