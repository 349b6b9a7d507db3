"""Small helpers for the few statements written by hand on the hot paths.

Django's ORM adapts values on their way in and out; a statement run on the cursor gets
what the driver gives. These two do the ORM's part for date-times, the same on SQLite
(naive UTC text) and PostgreSQL (aware values).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.db import connection


def at_param(value: datetime) -> Any:
    """A date-time as the database takes it (what the ORM would send)."""
    return connection.ops.adapt_datetimefield_value(value)


def day_param(value: date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def at_value(value: Any) -> datetime:
    """A date-time column read back: aware, in UTC, on both databases."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
