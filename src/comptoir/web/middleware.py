"""Show each person Comptoir in their own language and time zone."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from comptoir.core.timezones import is_time_zone


class PreferencesMiddleware:
    """After LocaleMiddleware: the user's saved language (unless they just picked one with
    the language switch, which sets a cookie), and their time zone for every date shown."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen_by_cookie = bool(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            if user.language and not chosen_by_cookie:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            if is_time_zone(user.time_zone):
                timezone.activate(ZoneInfo(user.time_zone))
        try:
            return self.get_response(request)
        finally:
            # Nothing of this request's person stays on the thread for the next one (or
            # for a test or a command run in the same thread afterwards).
            timezone.deactivate()
            translation.deactivate()
