"""Re-create the SQLite search triggers after a migration that rebuilt a searched table.

Django remakes a SQLite table for many AddField/AlterField operations, which drops the
triggers 0002_search put on it; the FTS tables themselves stay (their rows keep the ids).
"""

from __future__ import annotations

import importlib
from typing import Any


def reinstall(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    search = importlib.import_module("comptoir.messaging.migrations.0002_search")
    for create, drop in search.SQLITE:
        if create.startswith("CREATE TRIGGER"):
            schema_editor.execute(drop)
            schema_editor.execute(create)
