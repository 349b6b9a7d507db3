"""What every API router shares: the error shape, auth, permission checks, paging."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousMultipartForm,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import DataError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, URLResolver, re_path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Schema
from ninja import security as ninja_security
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.utils import check_csrf

from comptoir.core.errors import DomainError, NotFound, PermissionDenied
from comptoir.core.pagination import keyset_page
from comptoir.core.requests import JsonObjectParser, check_operation_input, speak_callers_language
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
    413: Error,
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
    response = api.create_response(request, body, status=status)
    response["Content-Language"] = translation.get_language()
    return response


def _field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    # ninja puts the location first ("body", "query", "path") then the parameter's name.
    if parts and parts[0] in ("body", "query", "path", "form", "header", "cookie"):
        parts = parts[1:]
        if parts and parts[0] in ("payload", "data", "filters"):
            parts = parts[1:]
    return ".".join(parts) or "body"


_WHOLE = gettext_lazy("Must be a whole number.")
_NUMBER = gettext_lazy("Must be a number.")
_DATE = gettext_lazy("Must be a date, YYYY-MM-DD.")
_DATETIME = gettext_lazy("Must be a date and time, in ISO 8601 (2026-03-02T10:00:00Z).")
_OBJECT = gettext_lazy("Must be an object.")
_ONE_OF = gettext_lazy("Must be one of: %(value)s.")
# pydantic's error types, with the context value each message quotes.
_FIELD_MESSAGES: dict[str, tuple[Any, str | None]] = {
    "missing": (gettext_lazy("Required."), None),
    "string_type": (gettext_lazy("Must be text."), None),
    "int_type": (_WHOLE, None),
    "int_parsing": (_WHOLE, None),
    "int_from_float": (_WHOLE, None),
    "float_type": (_NUMBER, None),
    "float_parsing": (_NUMBER, None),
    "decimal_type": (_NUMBER, None),
    "decimal_parsing": (_NUMBER, None),
    "bool_type": (gettext_lazy("Must be true or false."), None),
    "bool_parsing": (gettext_lazy("Must be true or false."), None),
    "list_type": (gettext_lazy("Must be a list."), None),
    "dict_type": (_OBJECT, None),
    "model_type": (_OBJECT, None),
    "model_attributes_type": (_OBJECT, None),
    "date_type": (_DATE, None),
    "date_parsing": (_DATE, None),
    "date_from_datetime_parsing": (_DATE, None),
    "datetime_type": (_DATETIME, None),
    "datetime_parsing": (_DATETIME, None),
    "datetime_from_date_parsing": (_DATETIME, None),
    "literal_error": (_ONE_OF, "expected"),
    "enum": (_ONE_OF, "expected"),
    "greater_than_equal": (gettext_lazy("Must be at least %(value)s."), "ge"),
    "greater_than": (gettext_lazy("Must be more than %(value)s."), "gt"),
    "less_than_equal": (gettext_lazy("Must be at most %(value)s."), "le"),
    "less_than": (gettext_lazy("Must be less than %(value)s."), "lt"),
    "string_too_short": (
        ngettext_lazy("At least %(value)d character.", "At least %(value)d characters.", "value"),
        "min_length",
    ),
    "string_too_long": (
        ngettext_lazy("At most %(value)d character.", "At most %(value)d characters.", "value"),
        "max_length",
    ),
    "too_short": (
        ngettext_lazy("At least %(value)d item.", "At least %(value)d items.", "value"),
        "min_length",
    ),
    "too_long": (
        ngettext_lazy("At most %(value)d item.", "At most %(value)d items.", "value"),
        "max_length",
    ),
}


def _field_message(error: dict[str, Any]) -> str:
    """pydantic's complaint about one field, in the caller's language where we have it (a
    schema's own check, a `value_error`, keeps its English words)."""
    message, quoted = _FIELD_MESSAGES.get(str(error.get("type", "")), (None, None))
    context = error.get("ctx") or {}
    if message is None or (quoted is not None and quoted not in context):
        return str(error.get("msg", "invalid"))
    return str(message % {"value": context[quoted]}) if quoted else str(message)


Handler = Callable[[HttpRequest, Any], HttpResponse]


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error as `{code, message, fields}`, in the caller's language."""

    def handles(*exceptions: type[Exception]) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            @functools.wraps(handler)
            def in_callers_language(request: HttpRequest, exc: Any) -> HttpResponse:
                # A token's owner is known only after authentication: speak as they do.
                speak_callers_language(request)
                return handler(request, exc)

            for exception in exceptions:
                api.add_exception_handler(exception, in_callers_language)
            return in_callers_language

        return register

    def answer(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
        return error_response(api, request, status, code, message)

    @handles(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message, exc.fields)

    @handles(ValidationError)
    def invalid_payload(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if any(tuple(e.get("loc", ()))[:1] == ("path",) for e in exc.errors):
            # `/coupons/abc` names no coupon, as `/coupons/-1` does not: 404 for both.
            return not_found(request, Http404())
        fields = {_field_path(e.get("loc", ())): _field_message(e) for e in exc.errors}
        return error_response(
            api, request, 422, "invalid_payload", _("Some fields are not valid."), fields
        )

    @handles(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("Log in, or send a valid API token as 'Authorization: Bearer …'.")
        return answer(request, 401, "unauthenticated", message)

    @handles(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, DomainError):  # a parser's refusal, wrapped by ninja
            return domain_error(request, exc.__cause__)
        if exc.status_code == 400 and "parse" in str(exc).lower():
            return answer(request, 400, "malformed_json", _("The request body is not valid JSON."))
        code = {403: "forbidden", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"
        )
        return answer(request, exc.status_code, code, str(exc))

    @handles(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, "not_found", _("Not found."))

    # Django's limits (DATA_UPLOAD_MAX_MEMORY_SIZE, _NUMBER_FIELDS, _NUMBER_FILES); files
    # are not counted in the first: an upload has its own limit (messaging.uploads).
    @handles(RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
    def too_large(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        if isinstance(exc, TooManyFieldsSent):
            message = _("The request has too many fields: at most %(count)d.") % {
                "count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            }
        elif isinstance(exc, TooManyFilesSent):
            message = _("The request has too many files: at most %(count)d.") % {
                "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
            }
        else:
            message = _("The request body is too large: at most %(size)s besides files.") % {
                "size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
            }
        return answer(request, 413, "request_too_large", message)

    @handles(MultiPartParserError, SuspiciousMultipartForm)
    def malformed_multipart(request: HttpRequest, exc: Exception) -> HttpResponse:
        message = _("The request body is not valid multipart/form-data (is its boundary set?).")
        return answer(request, 400, "malformed_multipart", message)

    @handles(SuspiciousOperation)
    def bad_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return answer(request, 400, "bad_request", _("The request was refused as malformed."))

    @handles(DataError)
    def refused_by_the_database(request: HttpRequest, exc: DataError) -> HttpResponse:
        # The last guard, for a value a column cannot hold that no schema bounded (a text
        # longer than its column, a number beyond a 32-bit column): the write was rolled
        # back with its transaction. Logged, so that the schema gets its bound.
        logger.warning(
            "Value refused by the database on %s %s: %s", request.method, request.path, exc
        )
        message = _("A value is too long or too large to be stored.")
        return answer(request, 422, "invalid_payload", message)

    @handles(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return answer(request, 500, "server_error", _("Something went wrong on our side."))


class SessionAuth(ninja_security.SessionAuth):
    """The browser's session. Its CSRF token is checked only when there is a session, so
    a caller with neither a token nor a session is told to log in (401), and a session's
    write without the token gets the JSON 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise PermissionDenied(
                "forbidden",
                _(
                    "The CSRF check failed: send the csrftoken cookie's value in the "
                    "X-CSRFToken header, or use an API token."
                ),
            )
        return request.COOKIES.get(self.param_name)


class ComptoirAPI(NinjaAPI):
    """A NinjaAPI with Comptoir's request rules (core.requests) and error shape, installed
    once for every operation, and the JSON error for what no operation answers: a path
    that matches none (an id that is negative or not a number among them), a method the
    path does not have, the bare root."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", JsonObjectParser())
        super().__init__(**kwargs)
        install_error_handlers(self)
        self.add_decorator(check_operation_input, mode="operation")

    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._json_errors(pattern.callback)
        nowhere = csrf_exempt(self._json_errors(self._no_such_path))
        return [*patterns, re_path(r"^", nowhere, name="no-such-path")], app_name, namespace

    def _no_such_path(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._authenticate_quietly(request)  # a token's owner is answered in their language
        raise Http404

    def _authenticate_quietly(self, request: HttpRequest) -> None:
        for scheme in self.auth if isinstance(self.auth, list | tuple) else ():
            try:
                if scheme(request):
                    return
            except Exception:  # only for the language: the answer is 404 regardless
                return

    def _json_errors(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def answered(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                response = view(request, *args, **kwargs)
            except Http404 as exc:
                return self.on_exception(request, exc)
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                self._authenticate_quietly(request)
                speak_callers_language(request)
                response = self.on_exception(
                    request,
                    HttpError(
                        405,
                        _("This path does not take %(method)s; it takes %(allowed)s.")
                        % {"method": request.method, "allowed": allowed},
                    ),
                )
                response["Allow"] = allowed
            return response

        return answered


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
