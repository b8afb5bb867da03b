"""ACC-D5 in production: the application's database role owns neither the access log nor
its trigger and holds only SELECT and INSERT on it, so it cannot change or remove a row —
refused by PostgreSQL's privileges before the trigger is even asked. The set-up is made in
the test database inside the test's transaction (roles too), so it is rolled back."""

import pytest
from django.db import ProgrammingError, connection, transaction

from sesam.models import AccessLog
from sesam.services import log_access


class FakeRecipient:
    pk = 7
    personnummer = "191212121212"


@pytest.fixture
def as_app_role(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE sesam_log_owner NOLOGIN")
        cursor.execute("CREATE ROLE sesam_app NOLOGIN")
        cursor.execute("GRANT sesam_log_owner TO CURRENT_USER")
        cursor.execute("ALTER TABLE sesam_accesslog OWNER TO sesam_log_owner")
        cursor.execute("GRANT SELECT, INSERT ON sesam_accesslog TO sesam_app")
        cursor.execute("GRANT USAGE ON SEQUENCE sesam_accesslog_id_seq TO sesam_app")
        cursor.execute("GRANT SELECT ON sesam_user, sesam_servicelocation TO sesam_app")
        cursor.execute("SET LOCAL ROLE sesam_app")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE sesam_accesslog SET action = 'ändrad'",
        "DELETE FROM sesam_accesslog",
        "TRUNCATE sesam_accesslog",
    ],
)
def test_acc_d5_the_app_role_can_write_the_log_but_never_change_it(
    prescriber, lund, as_app_role, sql
):
    row = log_access(by=prescriber, service_location=lund, recipient=FakeRecipient(), action="view")
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
        connection.cursor().execute(sql)
    assert AccessLog.objects.get(pk=row.pk).action == "view"
