"""Who is asking: the signed-in person behind a request, and the Trust & Safety gate."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound


def request_user(request: HttpRequest) -> User:
    """The signed-in person (the page's login_required or the router's auth made sure)."""
    user = request.user
    assert isinstance(user, User)
    return user


def staff_only(user: User) -> None:
    """Trust & Safety only; everyone else gets the same 404 as a missing page."""
    if not (user.is_authenticated and user.is_trust_and_safety):
        raise NotFound("not_found", _("Not found."))


def staff_user(request: HttpRequest) -> User:
    """The API's Trust & Safety caller; anyone else gets the API's 404."""
    user = request_user(request)
    staff_only(user)
    return user


def staff_page_user(request: HttpRequest) -> User:
    """A page's Trust & Safety visitor; anyone else gets the page's 404."""
    try:
        return staff_user(request)
    except NotFound as exc:
        raise Http404(exc.message) from exc
