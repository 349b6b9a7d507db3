"""Hold back a session that still owes its second factor.

After `django_otp.middleware.OTPMiddleware` (which tells whether this session passed a
second factor). For a signed-in person who must use two factors (staff of any kind) or
chose to (set up an authenticator app), and whose session has not passed one yet:

- every page answers a redirect to the set-up page (no authenticator yet) or to the code
  page, keeping where they were going in `next`; the sign-in and two-factor pages, log
  out, the language switch and static files stay open;
- the API sees no session at all (`request.user` is anonymous, so it answers 401). A call
  with `Authorization: Bearer …` still works: the API's token auth sets `request.user`
  to the token's owner itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.accounts.two_factor import has_confirmed_device, is_verified, must_use_two_factors

OPEN_VIEWS = frozenset(
    {
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "web:login",
        "web:logout",
    }
)
OPEN_PREFIXES = ("/sign-in/", "/i18n/", "/static/", "/media/")
API_PREFIX = "/api/"


def owes_second_factor(user: object) -> tuple[bool, bool]:
    """(owes one, has an authenticator) for this request's user."""
    if not isinstance(user, User) or not user.is_authenticated or is_verified(user):
        return False, False
    enrolled = has_confirmed_device(user)
    return (enrolled or must_use_two_factors(user)), enrolled


class TwoFactorGate:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX) and owes_second_factor(request.user)[0]:
            request.user = AnonymousUser()
            request.auser = _anonymous
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if self._open(request):
            return None
        owes, enrolled = owes_second_factor(request.user)
        if not owes:
            return None
        target = reverse("accounts:two_factor_verify" if enrolled else "accounts:two_factor_setup")
        if request.method not in ("GET", "HEAD"):
            return HttpResponseRedirect(target)  # a form sent again later would be a surprise
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith((API_PREFIX, *OPEN_PREFIXES)):
            return True
        match = request.resolver_match
        return match is not None and match.view_name in OPEN_VIEWS


async def _anonymous() -> AnonymousUser:
    return AnonymousUser()
