"""SQLite, with its single writer queued in the kernel, not in SQLite's busy loop.

SQLite takes one writer at a time. When several threads and worker processes want to
write, SQLite's busy handler makes the losers sleep and retry with growing pauses (up to
100 ms each), so under load a few unlucky requests wait seconds while the database sits
idle. Here a write transaction (Comptoir's are all `BEGIN IMMEDIATE`) first takes a lock:
a thread lock inside the process, then an exclusive `flock` on a file beside the database
across processes. Writers queue in order and wake the moment the previous one commits.
"""

from __future__ import annotations

import fcntl
import os
import threading
from typing import Any

from django.db.backends.sqlite3 import base, operations

from comptoir.core.sqlite.audit import SQLITE_NO_DELETE, SQLITE_NO_DELETE_DROP

_THREADS = threading.Lock()
_files: dict[str, int] = {}


def _lock_file(database: str) -> int | None:
    """An open descriptor of `<database>-writer.lock`; None for in-memory databases."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    if database not in _files:
        _files[database] = os.open(f"{database}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
    return _files[database]


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        """Emptying the whole database (tests, `manage flush`) may empty the audit log:
        its no-delete trigger is dropped for the DELETEs and put back after them."""
        statements: list[str] = super().sql_flush(style, tables, **kwargs)
        if "core_auditentry" not in tables or not statements:
            return statements
        return [SQLITE_NO_DELETE_DROP, *statements, SQLITE_NO_DELETE.strip()]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    _holds_writer = False
    _writer_fd: int | None = None

    def _start_transaction_under_autocommit(self) -> None:
        _THREADS.acquire()
        self._holds_writer = True
        try:
            self._writer_fd = _lock_file(str(self.settings_dict["NAME"]))
            if self._writer_fd is not None:
                fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer()
            raise

    def _release_writer(self) -> None:
        if self._holds_writer:
            self._holds_writer = False
            if self._writer_fd is not None:
                fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
                self._writer_fd = None
            _THREADS.release()

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]  # Django's private hook
        finally:
            self._release_writer()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]  # Django's private hook
        finally:
            self._release_writer()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]  # Django's private hook
        finally:
            self._release_writer()
