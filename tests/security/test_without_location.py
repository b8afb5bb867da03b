"""ACC-2 (ACC-D105): a user linked to no service location (a new account, a staff member of
Hjälpmedel) gets a clear Swedish page on every URL of the portal — never a 500 — and admin
stays open to staff. Sweeps every URL of the resolver, GET and POST."""

import pytest

from sesam.tests.factories import UserFactory
from tests.security.test_other_location import _paths
from tests.security.walk import routes

MESSAGE = "Du är inte kopplad till någon serviceenhet"
OPEN = {"login", "logout", "accessibility"}
# BEY-15: the patient pages need no staff user, location or not (test_patient_session.py).
PATIENT_PAGES = "patients:"


@pytest.fixture
def homeless(horsel):
    return UserFactory(username="utan", is_staff=True, product_areas=[horsel])


def _answer(send, path):
    try:
        return send(path)
    except Exception as error:  # the test client re-raises the view's exception
        return f"500 {type(error).__name__}: {error}"[:200]


def test_acc_2_every_url_answers_a_user_without_location_without_a_500(
    client_as, homeless, lund_region
):
    client, failures, checked = client_as(homeless), [], 0
    for route in routes():
        if route.name in OPEN or route.name.startswith(PATIENT_PAGES):
            continue
        for path in _paths(route, lund_region) if route.kwargs else [route.path({})]:
            for send in (client.get, client.post):
                response, checked = _answer(send, path), checked + 1
                if isinstance(response, str) or response.status_code >= 500:
                    failures.append(f"{send.__name__} {path}: {response}")
                elif response.status_code == 200 and MESSAGE not in response.content.decode(
                    errors="replace"
                ):
                    failures.append(f"{send.__name__} {path}: 200 without the message")
    assert checked > 100 and not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/sok/", "/sok/aktivitet/", "/sok/hamtorder/", "/lager/"])
def test_acc_2_a_user_without_location_is_told_to_contact_hjalpmedel(client_as, homeless, path):
    response = client_as(homeless).get(path)
    assert response.status_code == 403
    assert MESSAGE in response.text and "kontakta Hjälpmedel" in response.text


def test_acc_2_staff_without_location_still_reach_admin(client_as, staff):
    client = client_as(staff)
    assert client.get("/admin/").status_code == 200
    assert 'href="/admin/"' in client.get("/").text
