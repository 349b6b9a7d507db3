"""SQLite refuses to delete audit log lines too, as PostgreSQL's trigger already does.

Django's `flush` (test set-up, `manage flush`: the whole database emptied) drops and puts
back this trigger around its DELETEs (core/sqlite/base.py), as TRUNCATE passes
PostgreSQL's row trigger.
"""

from django.db import migrations

from comptoir.core.sqlite.audit import SQLITE_NO_DELETE, SQLITE_NO_DELETE_DROP


def _sqlite(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0006_rate_counter")]

    operations = [
        migrations.RunPython(_sqlite(SQLITE_NO_DELETE), _sqlite(SQLITE_NO_DELETE_DROP)),
    ]
