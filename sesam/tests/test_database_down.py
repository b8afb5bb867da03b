"""quality.md (Reliability): a database that is down gives a Swedish 503 page, not a stack
trace; the portal answers again as soon as the database does."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client


def _down(error):
    def refuse(execute, sql, params, many, context):
        raise error("connection to server on socket failed: No such file or directory")

    return refuse


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_that_is_down_gives_a_swedish_503(prescriber, error):
    client = Client(raise_request_exception=False)
    client.force_login(prescriber)
    with connection.execute_wrapper(_down(error)):
        response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Sesam är tillfälligt otillgänglig" in response.text
    assert "Traceback" not in response.text and "socket" not in response.text
    assert client.get("/").status_code == 200


def test_any_other_error_is_the_500_page(prescriber, monkeypatch):
    monkeypatch.setattr("sesam.views.render", lambda *a, **k: 1 / 0)
    client = Client(raise_request_exception=False)
    client.force_login(prescriber)
    response = client.get("/")
    assert response.status_code == 500 and "Något gick fel" in response.text
