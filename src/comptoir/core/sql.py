"""Small helpers for the few statements written by hand on the hot paths (decision 0016).

Django's ORM adapts values on their way in and out; a statement run on the cursor gets
what the driver gives. `at_param`, `day_param` and `at_value` do the ORM's part for dates,
the same on SQLite (naive UTC text) and PostgreSQL (aware values). `insert` and `update`
write one row as create() and update() do, their SQL built once per model and fields.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)


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


# --- rows written without the ORM's query building (the send path) -----------------------
# For models without save signals or their own save(): what create() and
# filter(pk=…).update() do, with each statement's text built once per model and fields.


def _quoted(name: str | None) -> str:
    assert name is not None
    return str(connection.ops.quote_name(name))


@lru_cache(maxsize=64)
def _insert_sql(model: type[Model], vendor: str) -> tuple[str, str, tuple[Field[Any, Any], ...]]:
    """("INSERT INTO t (columns) VALUES ", "(%s, …)" for one row, the fields in order)."""
    meta = model._meta
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    columns = ", ".join(_quoted(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_quoted(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    return sql, f"({marks})", fields


def insert(model: type[M], **values: Any) -> M:
    """`model.objects.create(**values)` in one INSERT … RETURNING its id."""
    obj = model(**values)
    sql, row, fields = _insert_sql(model, connection.vendor)
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql}{row} RETURNING {_quoted(model._meta.pk.column)}", params)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


def insert_many(model: type[M], rows: list[dict[str, Any]]) -> None:
    """`model.objects.bulk_create([model(**row) for row in rows])` in one INSERT (no ids
    read back)."""
    if not rows:
        return
    sql, row, fields = _insert_sql(model, connection.vendor)
    params: list[Any] = []
    for values in rows:
        obj = model(**values)
        params += [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql + ", ".join([row] * len(rows)), params)


@lru_cache(maxsize=256)
def _update_sql(
    model: type[Model], names: tuple[str, ...], vendor: str
) -> tuple[str, tuple[Field[Any, Any], ...]]:
    meta = model._meta
    fields: tuple[Field[Any, Any], ...] = tuple(meta.get_field(name) for name in names)  # type: ignore[misc]
    assignments = ", ".join(f"{_quoted(f.column)} = %s" for f in fields)
    table, pk = _quoted(meta.db_table), _quoted(meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {pk} = %s", fields  # noqa: S608


def update(model: type[Model], pk: int, **values: Any) -> None:
    """`model.objects.filter(pk=pk).update(**values)` (plain values) in one UPDATE."""
    if any(hasattr(value, "resolve_expression") for value in values.values()):
        raise TypeError("update() takes plain values; use the ORM for expressions")
    names = tuple(sorted(values))
    sql, fields = _update_sql(model, names, connection.vendor)
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
