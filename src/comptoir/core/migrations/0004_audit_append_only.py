"""The audit log refuses edits in the database itself, not only in the application.

SQLite: a trigger aborts any UPDATE. PostgreSQL: a trigger raises on UPDATE and DELETE
(TRUNCATE, which only the database owner runs, stays possible for test set-up). SQLite's
DELETE is left to the application: Django's test flush deletes rows one table at a time.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be changed'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditentry_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log entries cannot be changed or deleted';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def _run(sql: dict[str, str]):
    def run(apps, schema_editor):
        statement = sql.get(schema_editor.connection.vendor)
        if statement:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditentry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
