"""The SQLite trigger that keeps the audit log's lines from being deleted."""

SQLITE_NO_DELETE = """
CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be deleted'); END;
"""
SQLITE_NO_DELETE_DROP = "DROP TRIGGER IF EXISTS core_auditentry_no_delete;"
