"""ACC-1 (ACC-D2): the idle limit holds without a session write on every page."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sesam.tests.test_login import _login


def _session_writes(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q for q in queries if q["sql"].startswith('UPDATE "django_session"')]


def test_acc_1_pages_within_a_minute_do_not_write_the_session(client, prescriber):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "audionom")
        _session_writes(client)
        traveller.shift(datetime.timedelta(seconds=30))
        assert _session_writes(client) == []


def test_acc_1_a_request_after_a_minute_pushes_the_expiry(client, prescriber, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "audionom")
        traveller.shift(datetime.timedelta(seconds=settings.SESAM_SESSION_REFRESH_SECONDS))
        assert len(_session_writes(client)) == 1


def test_acc_1_a_user_at_work_stays_logged_in_past_the_idle_limit(client, prescriber, settings):
    step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "audionom")
        for _ in range(3):
            traveller.shift(step)
            assert client.get("/").status_code == 200
