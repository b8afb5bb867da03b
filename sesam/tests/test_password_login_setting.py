"""ACC-11: SESAM_PASSWORD_LOGIN. With it off the password form is gone, its POST refused and
Django admin's login goes through the identity provider too."""

import pytest
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.core.checks import run_checks

from sesam.middleware import SIGN_IN_KEY


@pytest.fixture
def password_off(settings):
    settings.SESAM_PASSWORD_LOGIN = False
    settings.SESAM_OIDC_ISSUER = "http://127.0.0.1:8001/o"


def test_acc_11_with_password_login_off_the_form_is_gone(client, db, password_off):
    page = client.get("/logga-in/").text
    assert "Logga in med SITHS" in page
    assert 'name="password"' not in page and "RS-id" not in page


def test_acc_11_with_password_login_off_its_post_is_refused(client, prescriber, password_off):
    response = client.post("/logga-in/", {"username": "audionom", "password": "demo"})
    assert response.status_code == 403 and "Inloggning med lösenord är avstängd" in response.text
    assert USER_SESSION_KEY not in client.session


def test_acc_11_with_password_login_off_admin_login_goes_to_the_provider(
    client, staff, password_off
):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url == "/oidc/authenticate/?next=%2Fadmin%2F"
    refused = client.post("/admin/login/", {"username": "admin", "password": "demo"})
    assert refused.status_code == 403 and USER_SESSION_KEY not in client.session


def test_acc_11_with_password_login_on_both_ways_are_offered(client, db, settings):
    settings.SESAM_PASSWORD_LOGIN = True
    page = client.get("/logga-in/").text
    assert "Logga in med SITHS" in page and 'name="password"' in page


def test_acc_11_admin_password_login_still_works_when_on(client, staff, settings):
    settings.SESAM_PASSWORD_LOGIN = True
    client.post("/admin/login/?next=/admin/", {"username": "admin", "password": "demo"})
    assert client.get("/admin/").status_code == 200


def test_acc_11_password_sessions_say_so(client, prescriber):
    client.post("/logga-in/", {"username": "audionom", "password": "demo"})
    assert client.session[SIGN_IN_KEY] == {"method": "password", "assignment": ""}


def test_acc_11_a_configuration_nobody_can_sign_in_with_is_an_error(settings):
    settings.SESAM_PASSWORD_LOGIN, settings.SESAM_OIDC_ISSUER = False, ""
    assert "sesam.E001" in [message.id for message in run_checks()]
