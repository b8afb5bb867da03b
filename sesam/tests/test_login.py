import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from sesam.models import User

LOGIN = "/logga-in/"


def _login(client, username, password="demo"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_acc_1_login_with_staff_id_and_password(client, prescriber):
    response = _login(client, "audionom")
    assert response.status_code == 302 and response.url == reverse("start")
    assert client.get("/").status_code == 200


def test_acc_1_wrong_password_says_so_in_swedish(client, prescriber):
    response = _login(client, "audionom", "fel")
    assert response.status_code == 200
    assert "Fel RS-id eller lösenord" in response.text


def test_acc_1_lockout_after_repeated_failures(client, prescriber, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "audionom", "fel")
    response = _login(client, "audionom", "demo")
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.text
    assert client.get("/").status_code == 302


def test_acc_1_lockout_is_per_staff_id(client, prescriber, colleague, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "audionom", "fel")
    assert _login(client, "kollega").status_code == 302


def test_acc_1_session_expires_after_inactivity(client, prescriber, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _login(client, "audionom")
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get("/").status_code == 200
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get("/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_acc_10_dormant_account_is_deactivated_at_login(client, prescriber):
    User.objects.filter(pk=prescriber.pk).update(
        last_login=timezone.now() - datetime.timedelta(days=200)
    )
    response = _login(client, "audionom")
    assert "har inte använts på sex månader" in response.text
    prescriber.refresh_from_db()
    assert prescriber.is_active is False


def test_acc_10_reactivated_account_can_log_in_again(client, prescriber):
    User.objects.filter(pk=prescriber.pk).update(is_active=False, last_login=timezone.now())
    assert "Kontot är inte aktivt" in _login(client, "audionom").text
    User.objects.filter(pk=prescriber.pk).update(is_active=True)
    assert _login(client, "audionom").status_code == 302


def test_acc_1_logout_ends_the_session(client, prescriber):
    _login(client, "audionom")
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/", "/mina-sidor/", "/installning/", "/meddelanden/"])
def test_acc_1_pages_redirect_to_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and response.url.startswith(LOGIN)
