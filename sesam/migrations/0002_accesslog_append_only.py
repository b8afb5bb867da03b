"""ACC-8: the access log is append-only for everyone, enforced by PostgreSQL.

UPDATE and DELETE are always refused. TRUNCATE is refused too, except in a database whose
name starts with `test_` (Django's test runner empties tables between transactional tests).
"""

from django.db import migrations

SQL = """
CREATE FUNCTION sesam_accesslog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_database() LIKE 'test\\_%' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'sesam_accesslog is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER sesam_accesslog_no_update_delete
    BEFORE UPDATE OR DELETE ON sesam_accesslog
    FOR EACH ROW EXECUTE FUNCTION sesam_accesslog_refuse_change();
CREATE TRIGGER sesam_accesslog_no_truncate
    BEFORE TRUNCATE ON sesam_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION sesam_accesslog_refuse_change();
"""

REVERSE_SQL = """
DROP TRIGGER sesam_accesslog_no_truncate ON sesam_accesslog;
DROP TRIGGER sesam_accesslog_no_update_delete ON sesam_accesslog;
DROP FUNCTION sesam_accesslog_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("sesam", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
