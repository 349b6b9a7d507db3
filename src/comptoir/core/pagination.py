"""Keyset pagination: pages follow an index range, never OFFSET."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_cursor: str | None


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError("invalid_cursor", _("The cursor is not valid.")) from exc
    if not isinstance(values, list):
        raise DomainError("invalid_cursor", _("The cursor is not valid."))
    return values


def keyset_page(
    queryset: QuerySet[M], *, order: tuple[str, ...], cursor: str | None, limit: int
) -> Page[M]:
    """One page of `queryset` ordered by `order` (descending when prefixed with '-').

    The last field must be unique (normally "id" or "-id") so the order is total.
    """
    fields = [f.lstrip("-") for f in order]
    qs = queryset.order_by(*order)
    if cursor:
        values = _decode(cursor)
        if len(values) != len(fields):
            raise DomainError("invalid_cursor", _("The cursor is not valid."))
        condition = Q()
        for i, name in enumerate(fields):
            op = "lt" if order[i].startswith("-") else "gt"
            step = Q(**{f"{name}__{op}": values[i]})
            for prev in range(i):
                step &= Q(**{fields[prev]: values[prev]})
            condition |= step
        qs = qs.filter(condition)
    return page_of(list(qs[: limit + 1]), order=order, limit=limit)


def page_of(rows: list[M], *, order: tuple[str, ...], limit: int) -> Page[M]:
    """The page of `limit` rows (and its next cursor) from the first `limit + 1` rows in
    `order`, read by `keyset_page` or by a prepared query of the same rows."""
    fields = [f.lstrip("-") for f in order]
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = _encode([_value(last, name) for name in fields])
    return Page(items=rows, next_cursor=next_cursor)


def _value(obj: Model, dotted: str) -> Any:
    value: Any = obj
    for part in dotted.split("__"):
        value = getattr(value, part)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
