"""Full-text search: FTS5 tables kept by triggers on SQLite, GIN indexes on PostgreSQL.

Careful: on SQLite, a later migration that rebuilds messaging_message or
messaging_conversation (Django remakes the table for many AlterField/AddField) drops these
triggers; such a migration must run `install` again (the search tests catch it).

On PostgreSQL this needs the `unaccent` extension (shipped with PostgreSQL; creating it
takes a role allowed to, e.g. the database owner on PostgreSQL 13+).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE messaging_message_fts USING fts5("
        "body, content='messaging_message', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        "DROP TABLE IF EXISTS messaging_message_fts",
    ),
    (
        "CREATE TRIGGER messaging_message_fts_ai AFTER INSERT ON messaging_message BEGIN "
        "INSERT INTO messaging_message_fts(rowid, body) VALUES (new.id, new.body); END",
        "DROP TRIGGER IF EXISTS messaging_message_fts_ai",
    ),
    (
        "CREATE TRIGGER messaging_message_fts_ad AFTER DELETE ON messaging_message BEGIN "
        "INSERT INTO messaging_message_fts(messaging_message_fts, rowid, body) "
        "VALUES ('delete', old.id, old.body); END",
        "DROP TRIGGER IF EXISTS messaging_message_fts_ad",
    ),
    (
        "CREATE TRIGGER messaging_message_fts_au AFTER UPDATE OF body ON messaging_message "
        "BEGIN INSERT INTO messaging_message_fts(messaging_message_fts, rowid, body) "
        "VALUES ('delete', old.id, old.body); "
        "INSERT INTO messaging_message_fts(rowid, body) VALUES (new.id, new.body); END",
        "DROP TRIGGER IF EXISTS messaging_message_fts_au",
    ),
    (
        "CREATE VIRTUAL TABLE messaging_conversation_fts USING fts5("
        "subject, content='messaging_conversation', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        "DROP TABLE IF EXISTS messaging_conversation_fts",
    ),
    (
        "CREATE TRIGGER messaging_conversation_fts_ai AFTER INSERT ON messaging_conversation "
        "BEGIN INSERT INTO messaging_conversation_fts(rowid, subject) "
        "VALUES (new.id, new.subject); END",
        "DROP TRIGGER IF EXISTS messaging_conversation_fts_ai",
    ),
    (
        "CREATE TRIGGER messaging_conversation_fts_ad AFTER DELETE ON messaging_conversation "
        "BEGIN INSERT INTO messaging_conversation_fts(messaging_conversation_fts, rowid, "
        "subject) VALUES ('delete', old.id, old.subject); END",
        "DROP TRIGGER IF EXISTS messaging_conversation_fts_ad",
    ),
    (
        "CREATE TRIGGER messaging_conversation_fts_au AFTER UPDATE OF subject "
        "ON messaging_conversation BEGIN "
        "INSERT INTO messaging_conversation_fts(messaging_conversation_fts, rowid, subject) "
        "VALUES ('delete', old.id, old.subject); "
        "INSERT INTO messaging_conversation_fts(rowid, subject) "
        "VALUES (new.id, new.subject); END",
        "DROP TRIGGER IF EXISTS messaging_conversation_fts_au",
    ),
]

POSTGRESQL = [
    # 'simple' (no stemming: people write in many languages) plus accent folding.
    ("CREATE EXTENSION IF NOT EXISTS unaccent", "SELECT 1"),
    (
        "CREATE TEXT SEARCH CONFIGURATION comptoir_search (COPY = simple)",
        "DROP TEXT SEARCH CONFIGURATION IF EXISTS comptoir_search",
    ),
    (
        "ALTER TEXT SEARCH CONFIGURATION comptoir_search "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
        "SELECT 1",
    ),
    (
        "CREATE INDEX messaging_message_fts ON messaging_message "
        "USING gin (to_tsvector('comptoir_search'::regconfig, body))",
        "DROP INDEX IF EXISTS messaging_message_fts",
    ),
    (
        "CREATE INDEX messaging_conversation_fts ON messaging_conversation "
        "USING gin (to_tsvector('comptoir_search'::regconfig, subject))",
        "DROP INDEX IF EXISTS messaging_conversation_fts",
    ),
]


def _statements(vendor: str, *, forward: bool) -> list[str]:
    pairs = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, [])
    if forward:
        return [create for create, _ in pairs]
    return [drop for _, drop in reversed(pairs)]


def install(apps: Any, schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(sql)


def uninstall(apps: Any, schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
