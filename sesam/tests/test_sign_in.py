"""ACC-11: sign-in through the identity provider, against a real key and JWKS on loopback
(sesam.tests.fake_idp). The browser test with the development IdP is
tests/browser/test_sign_in_siths.py."""

import datetime
import hashlib
from base64 import urlsafe_b64encode
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.utils import timezone

from sesam.middleware import SESSION_KEY, SIGN_IN_KEY
from sesam.models import User
from sesam.tests.fake_idp import FakeProvider, new_key

ANNA = "SE2321000016-P1001"
LUND, MALMO = "SE2321000016-E4101", "SE2321000016-E4102"


@pytest.fixture(scope="module")
def fake_idp():
    with FakeProvider() as provider:
        yield provider


@pytest.fixture
def idp(fake_idp, settings):
    settings.SESAM_OIDC_ISSUER = fake_idp.issuer
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "sesam", "hemligt"
    fake_idp.token_requests.clear()
    return fake_idp


@pytest.fixture
def anna(prescriber, lund, malmo):
    lund.hsa_id, malmo.hsa_id = LUND, MALMO
    lund.save(), malmo.save()
    User.objects.filter(pk=prescriber.pk).update(hsa_id=ANNA)
    prescriber.refresh_from_db()
    return prescriber


def begin(client):
    """Logga in med SITHS: the redirect to the provider; its state and nonce."""
    response = client.get("/oidc/authenticate/")
    query = {k: v[0] for k, v in parse_qs(urlsplit(response.url).query).items()}
    return query


def callback(client, idp, query, **token):
    """The provider answers with an ID token made by `token` (see FakeProvider.sign)."""
    idp.id_token = idp.sign(nonce=token.pop("nonce", query["nonce"]), **token)
    return client.get("/oidc/callback/", {"code": "kod", "state": query["state"]})


def signed_in(client):
    return USER_SESSION_KEY in client.session


def test_acc_11_assignment_claim_selects_the_location(client, idp, anna, malmo):
    response = callback(client, idp, begin(client), employeeHsaId=ANNA, healthCareUnitHsaId=MALMO)
    assert response.status_code == 302 and response.url == "/"
    assert signed_in(client) and client.session[SESSION_KEY] == malmo.pk
    assert "Hörselmottagningen Malmö" in client.get("/").text


def test_acc_11_authorization_request_has_state_nonce_and_pkce(client, idp, anna):
    query = begin(client)
    assert query["code_challenge_method"] == "S256" and query["client_id"] == "sesam"
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32
    callback(client, idp, query, employeeHsaId=ANNA)
    verifier = idp.token_requests[-1]["code_verifier"]
    digest = urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert digest.decode() == query["code_challenge"]


def test_acc_11_another_assignment_gives_the_default_with_a_notice(client, idp, anna, lund):
    query = begin(client)
    callback(client, idp, query, employeeHsaId=ANNA, healthCareUnitHsaId="SE2321000016-E4103")
    assert client.session[SESSION_KEY] == lund.pk
    assert "hör inte till något av dina tjänsteställen" in client.get("/").text


def test_acc_11_names_and_email_come_from_the_claims_rights_never(client, idp, anna):
    claims = {"name": "Anna Andersson", "email": "anna.andersson@skane.se", "is_staff": True}
    callback(client, idp, begin(client), employeeHsaId=ANNA, **claims)
    anna.refresh_from_db()
    assert (anna.full_name, anna.email) == ("Anna Andersson", "anna.andersson@skane.se")
    assert not anna.is_staff and not anna.is_superuser


def test_acc_11_unknown_hsa_id_is_refused_without_session(client, idp, anna):
    response = callback(client, idp, begin(client), employeeHsaId="SE2321000016-P9999")
    assert response.status_code == 403
    assert "Du saknar behörighet i Sesam – beställ behörighet" in response.text
    assert not signed_in(client) and client.get("/").status_code == 302


def test_acc_11_a_token_without_hsa_id_is_refused(client, idp, anna):
    response = callback(client, idp, begin(client))
    assert response.status_code == 403 and not signed_in(client)


def test_acc_11_inactive_user_is_refused(client, idp, anna):
    User.objects.filter(pk=anna.pk).update(is_active=False)
    response = callback(client, idp, begin(client), employeeHsaId=ANNA)
    assert response.status_code == 403 and "Du saknar behörighet i Sesam" in response.text
    assert not signed_in(client)


def test_acc_10_dormant_user_is_deactivated_and_refused(client, idp, anna):
    User.objects.filter(pk=anna.pk).update(last_login=timezone.now() - datetime.timedelta(days=200))
    response = callback(client, idp, begin(client), employeeHsaId=ANNA)
    assert response.status_code == 403 and "sex månader" in response.text
    anna.refresh_from_db()
    assert anna.is_active is False and not signed_in(client)


def test_acc_1_locked_out_staff_id_is_refused_through_the_provider_too(client, idp, anna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/logga-in/", {"username": "audionom", "password": "fel"})
    response = callback(client, idp, begin(client), employeeHsaId=ANNA)
    assert response.status_code == 429 and not signed_in(client)


def test_acc_11_tampered_token_bad_signature_is_refused(client, idp, anna):
    response = callback(client, idp, begin(client), key=new_key(), employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_wrong_audience_is_refused(client, idp, anna):
    response = callback(client, idp, begin(client), aud="another-app", employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_wrong_issuer_is_refused(client, idp, anna):
    query = begin(client)
    response = callback(client, idp, query, iss="http://127.0.0.1:1/o", employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_expired_token_is_refused(client, idp, anna):
    past = int(timezone.now().timestamp()) - 3600
    response = callback(client, idp, begin(client), iat=past, exp=past + 300, employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_replayed_state_is_refused(client, idp, anna):
    query = begin(client)
    callback(client, idp, query, employeeHsaId=ANNA)
    client.post("/logga-ut/")
    begin(client)  # a new sign-in is under way; the old state is spent
    response = callback(client, idp, query, employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_replayed_nonce_is_refused(client, idp, anna):
    earlier = begin(client)
    query = begin(client)
    response = callback(client, idp, query, nonce=earlier["nonce"], employeeHsaId=ANNA)
    assert response.status_code == 400 and not signed_in(client)


def test_acc_11_provider_down_is_a_clear_503(client, settings, db):
    settings.SESAM_OIDC_ISSUER = "http://127.0.0.1:9/o"
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503 and "Inloggningstjänsten svarar inte" in response.text


def test_acc_11_logout_ends_the_session_at_the_provider_too(client, idp, anna):
    callback(client, idp, begin(client), employeeHsaId=ANNA)
    id_token = client.session["oidc_id_token"]
    response = client.post("/logga-ut/")
    target = urlsplit(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{idp.issuer}/logout"
    assert parse_qs(target.query)["id_token_hint"] == [id_token]
    assert not signed_in(client)


def test_acc_11_password_logout_goes_to_the_login_page(client, prescriber):
    client.post("/logga-in/", {"username": "audionom", "password": "demo"})
    assert client.post("/logga-ut/").url == "/logga-in/"


def test_acc_1_a_provider_session_expires_after_inactivity(client, idp, anna, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        callback(client, idp, begin(client), employeeHsaId=ANNA)
        assert client.get("/").status_code == 200
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/logga-in/")


def test_acc_11_signed_in_sessions_record_method_and_assignment(client, idp, anna):
    callback(client, idp, begin(client), employeeHsaId=ANNA, healthCareUnitHsaId=MALMO)
    assert client.session[SIGN_IN_KEY] == {"method": "siths", "assignment": MALMO}


def test_acc_11_a_callback_with_no_sign_in_under_way_says_try_again(client, idp, anna):
    response = client.get("/oidc/callback/", {"code": "kod", "state": "okänd"})
    assert response.status_code == 400 and "Inloggningen avbröts" in response.text
    assert not signed_in(client)


def test_acc_11_the_provider_saying_no_is_a_clear_page(client, idp, anna):
    query = begin(client)
    response = client.get("/oidc/callback/", {"error": "access_denied", "state": query["state"]})
    assert response.status_code == 400 and "Inloggningen avbröts" in response.text


def test_acc_11_a_garbage_id_token_is_refused(client, idp, anna):
    query = begin(client)
    idp.id_token = "not.a.token"
    response = client.get("/oidc/callback/", {"code": "kod", "state": query["state"]})
    assert response.status_code == 400 and not signed_in(client)
