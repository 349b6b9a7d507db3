"""What every API router shares: the error shape, auth, permission checks, paging."""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from comptoir.core.errors import DomainError, NotFound, PermissionDenied
from comptoir.core.pagination import keyset_page
from comptoir.core.upsert import Outcome

logger = logging.getLogger("comptoir.api")

T = TypeVar("T")


class Error(Schema):
    """Every error: a stable `code` to branch on, a `message` for people, and `fields`."""

    code: str = Field(examples=["invalid_payload"])
    message: str
    fields: dict[str, str] = Field(default_factory=dict)


class PageOf(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; null on the last page."
    )


class Paging(Schema):
    limit: int = Field(50, ge=1, le=200, description="Items per page (1–200).")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page.")


ERRORS: dict[int, type[Schema]] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    409: Error,
    422: Error,
}


def answer(response: HttpResponse, outcome: Outcome) -> int:
    """201 when the call created the resource, 200 otherwise; the outcome in a header."""
    response["Comptoir-Outcome"] = outcome.value
    return 201 if outcome is Outcome.CREATED else 200


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
) -> HttpResponse:
    body = {"code": code, "message": message, "fields": fields or {}}
    return api.create_response(request, body, status=status)


def _field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    # ninja puts the location first ("body", "query", "path") then the parameter's name.
    if parts and parts[0] in ("body", "query", "path", "form", "header", "cookie"):
        parts = parts[1:]
        if parts and parts[0] in ("payload", "data", "filters"):
            parts = parts[1:]
    return ".".join(parts) or "body"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(ValidationError)
    def invalid_payload(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = {_field_path(e.get("loc", ())): str(e.get("msg", "invalid")) for e in exc.errors}
        return error_response(
            api, request, 422, "invalid_payload", _("Some fields are not valid."), fields
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            api,
            request,
            401,
            "unauthenticated",
            _("Log in, or send a valid API token as 'Authorization: Bearer …'."),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and "parse" in str(exc).lower():
            return error_response(
                api, request, 400, "malformed_json", _("The request body is not valid JSON.")
            )
        code = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"
        )
        return error_response(api, request, exc.status_code, code, str(exc))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, "not_found", _("Not found."))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return error_response(
            api, request, 500, "server_error", _("Something went wrong on our side.")
        )


def require_permission(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied("forbidden", _("Your account may not do this."))


M = TypeVar("M", bound=Model)


def page_of(queryset: QuerySet[M], *, order: tuple[str, ...], paging: Paging) -> dict[str, Any]:
    """One keyset page of `queryset` as `{items, next_cursor}`."""
    page = keyset_page(queryset, order=order, cursor=paging.cursor, limit=paging.limit)
    return {"items": page.items, "next_cursor": page.next_cursor}


def one_or_404(queryset: QuerySet[M], code: str, message: str, **lookup: Any) -> M:
    """The single row `lookup` finds in `queryset`, else NotFound with `code`."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise NotFound(code, message)
    return found
