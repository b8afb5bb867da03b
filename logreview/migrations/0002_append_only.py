"""BEY-11: samples and review marks are append-only, like the access log (sesam 0002).
TRUNCATE is allowed only in test databases (Django's test runner empties tables)."""

from django.db import migrations

TABLES = ["logreview_accesssample", "logreview_sampledaccess", "logreview_accessreview"]

FUNCTION = """
CREATE FUNCTION logreview_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_database() LIKE 'test\\_%' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""
TRIGGERS = """
CREATE TRIGGER {t}_no_update_delete BEFORE UPDATE OR DELETE ON {t}
    FOR EACH ROW EXECUTE FUNCTION logreview_refuse_change();
CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t}
    FOR EACH STATEMENT EXECUTE FUNCTION logreview_refuse_change();
"""
SQL = FUNCTION + "".join(TRIGGERS.format(t=t) for t in TABLES)
REVERSE_SQL = "".join(
    f"DROP TRIGGER {t}_no_truncate ON {t}; DROP TRIGGER {t}_no_update_delete ON {t};"
    for t in TABLES
) + "DROP FUNCTION logreview_refuse_change();"


class Migration(migrations.Migration):
    dependencies = [("logreview", "0001_initial")]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
