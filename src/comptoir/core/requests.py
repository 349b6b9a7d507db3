"""What the API accepts, checked once for every operation before its handler runs.

docs/api.md (Requests) states the rules for clients; `core.api.ComptoirAPI` installs them.

- A JSON body is an object (`JsonObjectParser`), of standard JSON (no NaN or Infinity).
- Every integer fits the database's 64-bit integers; every string is storable text (no
  NUL, no unpaired surrogate: PostgreSQL refuses the first, neither database can encode
  the second). Checked on the validated values, wherever they came from
  (`check_operation_input`), so the same request gets the same answer on SQLite and on
  PostgreSQL, before any query. A path value that breaks a rule names nothing: 404, as a
  missing object does; anything else is 422 with the field's dotted path.
- A multipart request carries no more files than the operation takes.
- The answer is in the caller's language (`speak_callers_language`).
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.parser import Parser
from pydantic import BaseModel

from comptoir.core.errors import DomainError, NotFound

DB_INT_MIN = -(2**63)
DB_INT_MAX = 2**63 - 1
# A text in the path is a marketplace id (every `external_id` column holds 64 characters)
# or one word of a closed list: anything longer names nothing.
PATH_TEXT_MAX = 64

# NUL, and the UTF-16 surrogates that JSON's \uD800–\uDFFF escapes can produce alone.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class JsonObjectParser(Parser):
    """ninja's parser, refusing a body that is not one JSON object.

    A JSON array or scalar would otherwise be read as an object with no fields (ninja's
    schemas read attributes), so a body of `[null, null]` passed as `{}`.
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if not isinstance(data, dict):
            # ninja wraps a parser's error in its own 400; core.api answers this one as is.
            raise DomainError(
                "invalid_payload",
                _("The request body must be a JSON object."),
                fields={"body": _("Send a JSON object, {…}.")},
            )
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check_operation_input(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """An operation decorator (ninja's "operation" mode: it sees the validated arguments)."""
    if inspect.iscoroutinefunction(view_func):

        @functools.wraps(view_func)
        async def checked_async(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            check_input(request, kwargs)
            return await view_func(request, *args, **kwargs)

        return checked_async

    @functools.wraps(view_func)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        check_input(request, kwargs)
        return view_func(request, *args, **kwargs)

    return checked


def check_input(request: HttpRequest, arguments: dict[str, Any]) -> None:
    """Raise NotFound or DomainError for validated `arguments` the database cannot take."""
    speak_callers_language(request)
    match = request.resolver_match
    path_names = set(match.kwargs) if match is not None else set()
    fields: dict[str, str] = {}
    for name, value in arguments.items():
        if name in path_names and isinstance(value, str) and len(value) > PATH_TEXT_MAX:
            raise NotFound()
        # A schema argument is the whole body or a flattened query: its fields are the
        # caller's names. A plain argument is a parameter of its own name.
        start = () if isinstance(value, BaseModel) else (name,)
        for path, problem in _problems(value, start):
            if name in path_names:
                raise NotFound()
            fields.setdefault(".".join(path) or name, problem)
    if fields:
        raise DomainError("invalid_payload", _("Some fields are not valid."), fields=fields)
    _check_files(request, arguments)


def _problems(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not DB_INT_MIN <= value <= DB_INT_MAX:
            bounds = {"min": DB_INT_MIN, "max": DB_INT_MAX}
            yield path, _("Must be a whole number from %(min)d to %(max)d.") % bounds
    elif isinstance(value, str):
        if _UNSTORABLE.search(value):
            yield path, _("Contains a character that cannot be stored (NUL or a lone surrogate).")
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _problems(getattr(value, name, None), (*path, field.alias or name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _UNSTORABLE.search(key):
                yield path, _("A key contains a character that cannot be stored.")
            else:
                yield from _problems(item, (*path, str(key)))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from _problems(item, (*path, str(index)))


def _check_files(request: HttpRequest, arguments: dict[str, Any]) -> None:
    """Refuse files the operation would not take, rather than drop them unsaid."""
    if request.content_type != "multipart/form-data" or not request.FILES:
        return
    taken: dict[str, int] = {}
    for name, value in arguments.items():
        if isinstance(value, UploadedFile):
            taken[name] = 1
        elif isinstance(value, list | tuple) and all(isinstance(v, UploadedFile) for v in value):
            taken[name] = len(value)
    fields = {}
    for name, files in request.FILES.lists():
        extra = len(files) - taken.get(name, 0)
        if extra > 0:
            fields[name] = ngettext(
                "%(count)d file too many.", "%(count)d files too many.", extra
            ) % {"count": extra}
    if fields:
        raise DomainError(
            "too_many_files",
            _("Too many files in one request: send one file per upload."),
            fields=fields,
        )


def speak_callers_language(request: HttpRequest) -> None:
    """Answer in the language of the caller's profile, else the request's Accept-Language.

    LocaleMiddleware has chosen from Accept-Language (or the language cookie), and for a
    browser session web.middleware.PreferencesMiddleware has put the profile's language
    over it, unless the language switch's cookie chose one. A token call is known only
    now, once the token has found its owner.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    language = getattr(user, "language", "") or ""
    bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
    if not bearer and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    if language and translation.check_for_language(language):
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
