"""Path converters for the web pages' URLs."""

from __future__ import annotations

import re

from django.urls import register_converter


class IdConverter:
    """A row's id in a page's URL: up to 18 digits, so it always fits the database's 64-bit
    integer (a longer number is a 404 like any id that does not exist, never an overflow
    in the query)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    """Make `<id:name>` available to the URL maps (from the root URL map, before them)."""
    register_converter(IdConverter, "id")


ID_MAX = 10**18 - 1  # what IdConverter takes: every id a page may be given


def id_from(value: str | None) -> int:
    """An id typed in a page's query or form ("" is 0, no row); ValueError for anything
    that is not one (a page answers 404), never an overflow in the query."""
    value = (value or "0").strip()
    if not re.fullmatch(IdConverter.regex, value):
        raise ValueError(value)
    return int(value)
