"""The base of every JSON request body: scalars of the type the schema documents.

pydantic's lax mode reads `0` as false, `true` as 1 and `"5"` or `5.0` as 5. A body is
JSON, where a boolean, a number and a string are told apart, so a client that sends the
wrong one has a bug worth a 422 rather than a guess: `{"payout_hold": 0}`,
`{"max": false}` or a date given as a number of seconds are refused with the field named,
in the words of any wrong type.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import ValidationInfo, field_validator


def _kinds(annotation: Any) -> set[type]:
    """The scalar types an annotation admits (Optional, unions and Annotated unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: set[type] = set()
        for arg in typing.get_args(annotation):
            found |= _kinds(arg)
        return found
    if annotation in (bool, int, float, date, datetime):
        return {annotation}
    return set()


def _items(annotation: Any) -> Any:
    """The item annotation of a list or tuple field, else None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _items(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _items(arg)
            if found is not None:
                return found
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(annotation)
        return args[0] if args else None
    return None


def wrong_scalar(annotation: Any, value: Any) -> str | None:
    """The JSON type the value should have had, when it has another; None when fine."""
    if value is None:
        return None
    kinds = _kinds(annotation)
    if kinds == {bool} and not isinstance(value, bool):
        return "boolean"
    if kinds and bool not in kinds and isinstance(value, bool):
        return "number"
    if kinds == {int} and not isinstance(value, int):
        return "integer"
    if kinds and kinds <= {date, datetime} and not isinstance(value, str):
        return "string"  # a date is written as text; 0 is not 1970-01-01
    return None


class _Wrong:
    """Stands in for a scalar of the wrong JSON type, so that pydantic refuses it with its
    own error for the field's type (`int_type`, `bool_type`) at the exact place, list
    items included, and the API words it as for any other wrong type."""

    def __repr__(self) -> str:
        return "wrong JSON type"


WRONG = _Wrong()


class BodyIn(Schema):
    """A JSON request body: booleans are true or false, integers are whole numbers."""

    @field_validator("*", mode="before")
    @classmethod
    def _scalar_as_documented(cls, value: Any, info: ValidationInfo) -> Any:
        annotation = cls.model_fields[info.field_name or ""].annotation
        if wrong_scalar(annotation, value) is not None:
            return WRONG
        item = _items(annotation)
        if item is not None and isinstance(value, list):
            return [WRONG if wrong_scalar(item, v) is not None else v for v in value]
        return value
