"""ACC-11, BEY-15: the development IdP is a standards-compliant OpenID Connect provider. The
authorization code flow with PKCE is run against it over HTTP (no browser), and its ID tokens
are checked against its JWKS: staff carry HSA-id and assignment, Tolvan his personnummer and
a BankID-like level of assurance."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from tests.devidp import running_devidp

PORTAL = "http://127.0.0.1:1"
CALLBACK = f"{PORTAL}/oidc/callback/"


@pytest.fixture(scope="module")
def devidp(tmp_path_factory):
    key_file = tmp_path_factory.mktemp("devidp") / "signing-key.pem"
    with running_devidp(portal_url=PORTAL, key_file=key_file) as url:
        yield url


def _sign_in(devidp, choose):
    """Signs in at the IdP choosing the button whose label matches `choose`; the ID token."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    nonce = secrets.token_urlsafe(16)
    query = {
        "response_type": "code",
        "client_id": "sesam",
        "redirect_uri": CALLBACK,
        "scope": "openid profile email",
        "state": "s",
        "nonce": nonce,
        "code_challenge": challenge.decode(),
        "code_challenge_method": "S256",
    }
    browser = requests.Session()
    page = browser.get(f"{devidp}/o/authorize/?{urlencode(query)}", timeout=30)
    button = re.search(rf'value="([^"]+)" aria-label="[^"]*{choose}', page.text).group(1)
    form = {
        "csrfmiddlewaretoken": browser.cookies["devidp_csrftoken"],
        "choice": button,
        "next": parse_qs(urlsplit(page.url).query)["next"][0],
    }
    answer = browser.post(
        page.url, data=form, headers={"Referer": page.url}, allow_redirects=False, timeout=30
    )
    authorized = browser.get(devidp + answer.headers["Location"], allow_redirects=False)
    code = parse_qs(urlsplit(authorized.headers["Location"]).query)["code"][0]
    token = requests.post(
        f"{devidp}/o/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": "sesam",
            "client_secret": "sesam-development-secret",
            "code_verifier": verifier,
        },
        timeout=30,
    ).json()
    key = jwt.PyJWKClient(f"{devidp}/o/.well-known/jwks.json").get_signing_key_from_jwt(
        token["id_token"]
    )
    claims = jwt.decode(
        token["id_token"], key, algorithms=["RS256"], audience="sesam", issuer=f"{devidp}/o"
    )
    assert claims["nonce"] == nonce
    return claims


def test_acc_11_staff_id_token_carries_hsa_id_and_the_chosen_assignment(devidp):
    claims = _sign_in(devidp, "Anna Audionom, uppdrag Hörselmottagningen Malmö")
    assert claims["employeeHsaId"] == "SE2321000016-P1001"
    assert claims["healthCareUnitHsaId"] == "SE2321000016-E4102"
    assert claims["name"] == "Anna Audionom" and claims["email"] == "audionom@demo.sesam.se"


def test_bey_15_citizen_id_token_carries_personnummer_and_loa(devidp):
    claims = _sign_in(devidp, "Tolvan Tolvansson med BankID")
    assert claims["https://id.oidc.se/claim/personalIdentityNumber"] == "191212121212"
    assert claims["acr"] == "http://id.elegnamnden.se/loa/1.0/loa3"
    assert "employeeHsaId" not in claims
