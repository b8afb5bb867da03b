"""BEY-15: the patient's session and the staff session are apart. Sweeps every URL of the
resolver: with only a patient session every staff URL sends to the staff login and shows
nothing; without a patient session (none, or a staff one) every patient page sends to the
patients' sign-in page; every patient response is no-store."""

import pytest
from django.test import Client

from patients.tests.conftest import patient_session
from recipients.tests.factories import RecipientFactory
from tests.security.test_other_location import _paths
from tests.security.walk import routes

PATIENT = "patients:"
# The patients' public pages: their sign-in page, the way to the provider and back, sign-out.
PATIENT_PUBLIC = {
    "patients:sign_in",
    "patients:oidc_authenticate",
    "patients:oidc_callback",
    "patients:sign_out",
}
STAFF_PUBLIC = {"login", "accessibility", "oidc_authentication_init", "admin_login"}


@pytest.fixture
def tolvan_patient(lund_region):
    return patient_session(Client(), lund_region["recipient"])


def _staff_paths(region):
    for route in routes():
        if route.name.startswith(PATIENT) or route.name in STAFF_PUBLIC:
            continue
        yield from (_paths(route, region) if route.kwargs else [route.path({})])


def test_bey_15_a_patient_session_reaches_no_staff_url(tolvan_patient, lund_region):
    client, leaks, checked = tolvan_patient, [], 0
    assert client.get("/patient/").status_code == 200  # the session is a patient's
    for path in _staff_paths(lund_region):
        for send in (client.get, client.post):
            response, checked = send(path), checked + 1
            if path == "/oidc/callback/":  # no sign-in under way: refused, no session
                ok = response.status_code in {400, 405}
            else:
                ok = response.status_code == 302 and response.url.startswith("/logga-in/")
            if not ok:
                leaks.append(f"{send.__name__} {path}: {response.status_code}")
    assert checked > 100 and not leaks, "\n".join(leaks)
    assert "sessionid" not in client.cookies


def test_bey_15_a_patient_session_does_not_open_admin(tolvan_patient):
    response = tolvan_patient.get("/admin/")
    assert response.status_code == 302 and "login" in response.url


def _patient_paths(region):
    for route in routes():
        if route.name.startswith(PATIENT) and route.name not in PATIENT_PUBLIC:
            yield from (_paths(route, region) if route.kwargs else [route.path({})])


@pytest.mark.parametrize("who", ["nobody", "staff"])
def test_bey_15_every_patient_page_needs_a_patient_session(client, lund_region, prescriber, who):
    if who == "staff":
        client.force_login(prescriber)
    checked = 0
    for path in _patient_paths(lund_region):
        for send in (client.get, client.post):
            response, checked = send(path), checked + 1
            if response.status_code == 405:
                continue
            assert response.status_code == 302, f"{send.__name__} {path}"
            assert response.url == "/patient/logga-in/", f"{send.__name__} {path}"
            assert "no-store" in response["Cache-Control"]
    assert checked >= 6


def test_bey_15_another_patients_session_sees_only_their_own(client, lund_region):
    """The sweep's Lund data belongs to Tolvan; another patient's pages show none of it and
    every URL with one of Tolvan's ids (his device) is 404 to them, GET and POST."""
    stranger = patient_session(client, RecipientFactory(first_name="Stina", last_name="Främling"))
    tolvan = lund_region["recipient"]
    checked = 0
    for route in routes():
        if not route.name.startswith(PATIENT) or route.name in PATIENT_PUBLIC:
            continue
        for path in _paths(route, lund_region) if route.kwargs else [route.path({})]:
            answers = {stranger.get(path).status_code, stranger.post(path, {}).status_code}
            checked += 1
            if route.kwargs:  # Tolvan's device: not the stranger's
                assert answers <= {404, 405} and 404 in answers, f"{path}: {answers}"
                continue
            response = stranger.get(path)
            assert response.status_code == 200, path
            if "html" in response["Content-Type"]:
                assert tolvan.name not in response.text and "Stina Främling" in response.text
    assert checked >= 6
