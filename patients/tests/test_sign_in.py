"""BEY-15: patients sign in through the citizens' identity provider — against a real key and
JWKS on loopback (sesam.tests.fake_idp) — with their own client, their own session cookie
and no Django user; level of assurance, adults only and unknown personnummer are checked.
The end-to-end flow through the development IdP is tests/browser/test_patients.py."""

import datetime
import hashlib
from base64 import urlsafe_b64encode
from urllib.parse import parse_qs, urlsplit

import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from patients.middleware import COOKIE_NAME
from patients.signin import PATIENT_KEY
from patients.tests.conftest import LOA3, PNR_CLAIM, TOLVAN
from recipients.tests.factories import RecipientFactory
from sesam.tests.fake_idp import new_key

CALLBACK = "/patient/oidc/callback/"
CHILD = "201205042383"


def begin(client):
    """Logga in med BankID: the redirect to the provider; its query."""
    response = client.get("/patient/oidc/authenticate/")
    assert response.status_code == 302, response
    return {k: v[0] for k, v in parse_qs(urlsplit(response.url).query).items()}


def callback(client, idp, query, **claims):
    """The provider answers with an ID token for the patient client made of `claims`."""
    claims.setdefault("aud", "sesam-patient")
    idp.id_token = idp.sign(nonce=claims.pop("nonce", query["nonce"]), **claims)
    return client.get(CALLBACK, {"code": "kod", "state": query["state"]})


def citizen(number=TOLVAN, **claims):
    return {PNR_CLAIM: number, "acr": LOA3, **claims}


def patient_in(client) -> dict | None:
    key = client.cookies.get(COOKIE_NAME)
    return SessionStore(key.value).get(PATIENT_KEY) if key else None


def test_bey_15_a_citizen_signs_in_with_personnummer_and_loa_3(client, citizen_idp, tolvan):
    response = callback(client, citizen_idp, begin(client), **citizen())
    assert response.status_code == 302 and response.url == "/patient/"
    assert patient_in(client) == {"recipient": tolvan.pk, "personnummer": TOLVAN}
    cookie = client.cookies[COOKIE_NAME]
    assert cookie["path"] == "/patient/" and cookie["httponly"]
    assert settings.SESSION_COOKIE_NAME not in client.cookies  # no staff session
    page = client.get("/patient/")
    assert page.status_code == 200 and "Tolvan Tolvansson" in page.text


def test_bey_15_the_patient_session_holds_no_django_user(client, citizen_idp, tolvan):
    callback(client, citizen_idp, begin(client), **citizen())
    session = SessionStore(client.cookies[COOKIE_NAME].value)
    assert USER_SESSION_KEY not in session
    assert client.get("/").status_code == 302  # the staff start page: to the staff login


def test_bey_15_the_authorization_request_is_the_patient_clients_with_pkce_and_loa(
    client, citizen_idp, tolvan
):
    query = begin(client)
    assert query["client_id"] == "sesam-patient"
    assert query["redirect_uri"] == f"http://testserver{CALLBACK}"
    assert query["code_challenge_method"] == "S256" and len(query["state"]) >= 32
    assert LOA3 in query["acr_values"].split()
    callback(client, citizen_idp, query, **citizen())
    sent = citizen_idp.token_requests[-1]
    digest = urlsafe_b64encode(hashlib.sha256(sent["code_verifier"].encode()).digest())
    assert digest.rstrip(b"=").decode() == query["code_challenge"]
    assert sent["client_id"] == "sesam-patient" and sent["redirect_uri"].endswith(CALLBACK)


def test_bey_15_a_lower_level_of_assurance_is_refused_kindly(client, citizen_idp, tolvan):
    low = "http://id.elegnamnden.se/loa/1.0/loa2"
    response = callback(client, citizen_idp, begin(client), **citizen(acr=low))
    assert response.status_code == 403 and "räcker inte" in response.text
    assert patient_in(client) is None
    response = callback(client, citizen_idp, begin(client), **{PNR_CLAIM: TOLVAN})
    assert response.status_code == 403 and patient_in(client) is None


def test_bey_15_a_child_is_told_a_guardians_access_is_not_offered(client, citizen_idp, db):
    RecipientFactory(personnummer=CHILD)
    response = callback(client, citizen_idp, begin(client), **citizen(CHILD))
    assert response.status_code == 403 and patient_in(client) is None
    assert "vårdnadshavare kan inte logga in" in response.text


def test_bey_15_adults_from_18_computed_from_the_personnummer(client, citizen_idp, db, settings):
    with time_machine.travel(datetime.datetime(2030, 5, 3, 12, tzinfo=datetime.UTC)):
        RecipientFactory(personnummer=CHILD)  # 18 on 2030-05-04
        response = callback(client, citizen_idp, begin(client), **citizen(CHILD))
        assert response.status_code == 403
    with time_machine.travel(datetime.datetime(2030, 5, 4, 12, tzinfo=datetime.UTC)):
        response = callback(client, citizen_idp, begin(client), **citizen(CHILD))
        assert response.status_code == 302 and patient_in(client)


def _coordination_number(year_month: str, day: int, serial: str) -> str:
    """A samordningsnummer (day + 60) with its Luhn check digit."""
    body = f"{year_month}{day + 60:02d}{serial}"[2:]
    total = 0
    for i, digit in enumerate(int(c) for c in body):
        product = digit * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"{year_month[:2]}{body}{(10 - total % 10) % 10}"


def test_bey_15_a_samordningsnummer_counts_age_from_its_birth_day(client, citizen_idp, db):
    adult = _coordination_number("198001", 15, "238")
    child = _coordination_number("201501", 15, "238")
    RecipientFactory(personnummer=adult)
    RecipientFactory(personnummer=child)
    assert callback(client, citizen_idp, begin(client), **citizen(adult)).status_code == 302
    client.post("/patient/logga-ut/")
    assert callback(client, citizen_idp, begin(client), **citizen(child)).status_code == 403


def test_bey_15_a_personnummer_unknown_to_sesam_finds_no_devices(client, citizen_idp, db):
    response = callback(client, citizen_idp, begin(client), **citizen("194101012393"))
    assert response.status_code == 200 and "Vi hittar inga hjälpmedel för dig" in response.text
    assert patient_in(client) is None


def test_bey_15_a_token_for_the_staff_client_is_refused(client, citizen_idp, tolvan):
    response = callback(client, citizen_idp, begin(client), **citizen(aud="sesam"))
    assert response.status_code == 400 and patient_in(client) is None


def test_bey_15_a_bad_signature_is_refused(client, citizen_idp, tolvan):
    response = callback(client, citizen_idp, begin(client), key=new_key(), **citizen())
    assert response.status_code == 400 and patient_in(client) is None


def test_bey_15_a_replayed_state_is_refused(client, citizen_idp, tolvan):
    query = begin(client)
    callback(client, citizen_idp, query, **citizen())
    client.post("/patient/logga-ut/")
    begin(client)
    response = callback(client, citizen_idp, query, **citizen())
    assert response.status_code == 400 and patient_in(client) is None


def test_bey_15_a_wrong_personnummer_claim_is_refused(client, citizen_idp, tolvan):
    response = callback(client, citizen_idp, begin(client), **citizen("191212121213"))
    assert response.status_code == 400 and patient_in(client) is None


def test_bey_15_a_cancelled_sign_in(client, citizen_idp, tolvan):
    query = begin(client)
    response = client.get(CALLBACK, {"error": "access_denied", "state": query["state"]})
    assert response.status_code == 400 and "avbröt" in response.text


def test_bey_15_provider_down_is_a_clear_503(client, settings, db):
    settings.SESAM_PATIENT_OIDC_ISSUER = "http://127.0.0.1:9/o"
    response = client.get("/patient/oidc/authenticate/")
    assert response.status_code == 503 and "Inloggningen svarar inte" in response.text


def test_bey_15_sign_out_ends_the_session_here_and_at_the_provider(client, citizen_idp, tolvan):
    callback(client, citizen_idp, begin(client), **citizen())
    key = client.cookies[COOKIE_NAME].value
    id_token = SessionStore(key)["oidc_id_token"]
    response = client.post("/patient/logga-ut/")
    target = urlsplit(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{citizen_idp.issuer}/logout"
    query = parse_qs(target.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/patient/logga-in/"]
    assert not SessionStore(key).exists(key)
    assert client.get("/patient/").url == "/patient/logga-in/"


def test_bey_15_a_patient_session_ends_when_idle_like_staffs(client, citizen_idp, tolvan):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        callback(client, citizen_idp, begin(client), **citizen())
        assert client.get("/patient/").status_code == 200
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 10))
        assert client.get("/patient/").status_code == 200  # a request pushes the expiry
        traveller.shift(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
        response = client.get("/patient/")
    assert response.status_code == 302 and response.url == "/patient/logga-in/"


def test_bey_15_a_staff_session_is_no_patient(client_as, prescriber, tolvan):
    client = client_as(prescriber)
    for path in ("/patient/", "/patient/avgifter/", "/patient/vem-har-tittat/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url == "/patient/logga-in/"
    assert "Logga in med BankID" in client.get("/patient/logga-in/").text


def test_bey_15_staff_sign_in_and_patient_sign_in_live_side_by_side(
    client, client_as, citizen_idp, prescriber, tolvan
):
    """A browser with both: each session stays its own; ending one leaves the other."""
    callback(client, citizen_idp, begin(client), **citizen())
    client.force_login(prescriber)
    assert client.get("/").status_code == 200 and client.get("/patient/").status_code == 200
    client.post("/patient/logga-ut/")
    assert client.get("/").status_code == 200
    assert client.get("/patient/").status_code == 302
