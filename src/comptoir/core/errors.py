"""Domain errors: what a user can cause, with a stable code for the API."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext


class DomainError(Exception):
    """A user-caused error. `code` is stable (API clients branch on it); `message` is for people."""

    status = 422

    def __init__(self, code: str, message: str, *, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = dict(fields or {})


class NotFound(DomainError):
    """Missing and forbidden look the same (no probing of other shops' ids)."""

    status = 404

    def __init__(self, code: str = "not_found", message: str = "") -> None:
        super().__init__(code, message or gettext("Not found."))


class Conflict(DomainError):
    status = 409


class PermissionDenied(DomainError):
    status = 403
