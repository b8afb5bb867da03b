"""ACC-11 with ACC-8: each access-log row says how its session signed in and with which
assignment."""

from django.test import RequestFactory

from sesam.middleware import SIGN_IN_KEY, sign_in_middleware
from sesam.services import log_access, log_accesses


class FakeRecipient:
    pk = 7
    personnummer = "191212121212"


def _in_session(sign_in, write):
    request = RequestFactory().get("/")
    request.session = {SIGN_IN_KEY: sign_in}
    return sign_in_middleware(lambda request: write())(request)


def test_acc_11_access_log_rows_carry_the_sign_in_and_assignment(prescriber, lund):
    sign_in = {"method": "siths", "assignment": "SE2321000016-E4101"}
    row = _in_session(
        sign_in,
        lambda: log_access(
            by=prescriber, service_location=lund, recipient=FakeRecipient(), action="view"
        ),
    )
    assert (row.sign_in_method, row.assignment) == ("siths", "SE2321000016-E4101")


def test_acc_11_bulk_access_log_rows_carry_the_sign_in_too(prescriber, lund):
    rows = _in_session(
        {"method": "password", "assignment": ""},
        lambda: log_accesses(
            by=prescriber, service_location=lund, recipients=[FakeRecipient()], action="list"
        ),
    )
    assert [(r.sign_in_method, r.assignment) for r in rows] == [("password", "")]


def test_acc_11_outside_a_request_the_sign_in_is_blank(prescriber, lund):
    row = log_access(by=prescriber, service_location=lund, recipient=FakeRecipient(), action="x")
    assert (row.sign_in_method, row.assignment) == ("", "")
