"""quality.md: every view requires login except the login page and the accessibility
statement. Walks every URL pattern of the project (admin has its own login)."""

from tests.security.walk import routes

# ACC-11: the identity provider's way in and its answer; admin's login (the provider's too
# when password login is off).
PUBLIC = {
    "login",
    "accessibility",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "admin_login",
}
SAMPLE = {"uuid": "00000000-0000-0000-0000-000000000000", "int": "1"}
# BEY-15: the patient pages have a sign-in of their own (tests/security/test_patient_session.py).
PATIENT_PAGES = "patients:"


def _sample(route):
    return route.path({name: SAMPLE.get(kind, "x") for name, kind in route.kwargs.items()})


def test_every_url_requires_login(client, db):
    checked = 0
    for route in routes():
        if route.name in PUBLIC or route.name.startswith(PATIENT_PAGES):
            continue
        path = _sample(route)
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, f"{route.name} {path}: {response.status_code}"
            assert response.url.startswith("/logga-in/"), f"{route.name} {path} → {response.url}"
        checked += 1
    assert checked >= 10


def test_login_and_accessibility_statement_are_public(client, db):
    assert client.get("/logga-in/").status_code == 200
    assert "Tillgänglighetsredogörelse" in client.get("/tillganglighet/").text


def test_accessibility_statement_states_conformance_testing_and_gaps(client, db):
    text = client.get("/tillganglighet/").text
    assert "delvis förenlig med WCAG 2.1 nivå AA" in text
    assert "axe-core" in text and "enbart tangentbord" in text and "Kända brister" in text
