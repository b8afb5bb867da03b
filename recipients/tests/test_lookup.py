"""REC-1: look-up by personnummer, a clear message for each kind of wrong number."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sesam.models import AccessLog


@pytest.fixture
def as_prescriber(client_as, prescriber):
    return client_as(prescriber)


def test_rec_1_lookup_page_has_label_and_button(as_prescriber):
    html = as_prescriber.get("/mottagare/").content.decode()
    assert ">Personnummer</label>" in html
    assert ">Välj</button>" in html


def test_rec_1_valid_number_with_hyphen_finds_the_recipient(as_prescriber, tolvan, lund):
    response = as_prescriber.post("/mottagare/", {"personnummer": "19121212-1212"})
    assert response.status_code == 302
    assert response["Location"] == f"/mottagare/{tolvan.pk}/"
    row = AccessLog.objects.get()
    assert (row.action, row.recipient_id, row.service_location) == ("lookup", tolvan.pk, lund)


def test_rec_1_start_page_quick_search_by_get_works(as_prescriber, tolvan):
    response = as_prescriber.get("/mottagare/", {"personnummer": "191212121212"})
    assert response["Location"] == f"/mottagare/{tolvan.pk}/"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Ange mottagarens personnummer"),
        ("191212121213", "Kontrollsiffran"),
        ("191213121210", "inget giltigt datum"),
        ("29991212121", "Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN"),
        ("1912121212", "Ange personnumret med 12 siffror, ÅÅÅÅMMDDNNNN"),
        ("19121212121X", "bara innehålla siffror"),
        ("209912121214", "framtiden"),
    ],
)
def test_rec_1_wrong_number_gets_its_own_message_and_nothing_is_looked_up(
    as_prescriber, tolvan, value, message
):
    response = as_prescriber.post("/mottagare/", {"personnummer": value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AccessLog.objects.exists()


def test_rec_4_unknown_number_says_hjalpmedel_creates_it(as_prescriber):
    response = as_prescriber.post("/mottagare/", {"personnummer": "199004012382"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "finns inte i mottagarregistret" in html
    assert "Hjälpmedel" in html
    assert "administratör" in html
    assert not AccessLog.objects.exists()


def test_rec_1_lookup_requires_login(client, db):
    response = client.get("/mottagare/")
    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(max_size=40))
def test_rec_1_garbage_is_never_a_500(as_prescriber, value):
    response = as_prescriber.post("/mottagare/", {"personnummer": value.replace("\x00", "")})
    assert response.status_code in {200, 302, 422}
