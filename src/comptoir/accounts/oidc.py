"""Sign-in through the marketplace as OpenID Connect provider (docs/sign-in.md).

mozilla-django-oidc does the protocol: the authorization code flow with PKCE (S256), the
state and the nonce kept in the session, the ID token's signature checked against the
provider's keys. This module adds what Comptoir needs around it:

- the provider's endpoints read from its discovery document, fetched when someone first
  signs in and kept in the process for an hour (oidc_discovery);
- the person matched by the marketplace's own id (`User.external_id`, the claim named by
  OIDC_EXTERNAL_ID_CLAIM), never by e-mail; someone unknown is created just in time when
  the claims carry an e-mail, else refused with a page that says why (`refused`);
- marketplace staff (Trust & Safety, the back office) and disabled accounts refused: they
  sign in locally, staff with a second factor;
- `next` followed only when it is a path on this site;
- nothing at all when OIDC_ISSUER is empty: the backend answers None and the pages 404.

OIDC grants no permission: shop memberships come from the marketplace through the API.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from comptoir.accounts.models import User
from comptoir.accounts.oidc_claims import (
    Person,
    check_id_token,
    read_claims,
    signs_in_through_marketplace,
)
from comptoir.accounts.oidc_discovery import (
    DiscoveryError,
    clear_discovery_cache,
    discover,
    oidc_setting,
    read_discovery,
)
from comptoir.accounts.safe_next import safe_next
from comptoir.accounts.services import buyer_upsert

logger = logging.getLogger(__name__)


# Why a sign-in was refused: kept in the session for the refusal page.
REFUSAL_KEY = "oidc_refusal"
UNKNOWN = "unknown"  # no account with this marketplace id, and no e-mail to create one
NO_ID = "no_id"  # the provider did not send the claim that carries the marketplace id
INACTIVE = "inactive"
STAFF = "staff"  # Trust & Safety and back-office accounts sign in locally, with 2FA
UNAVAILABLE = "unavailable"  # the provider did not answer, or answered nonsense
FAILED = "failed"  # cancelled at the provider, a bad token, a replayed callback
REASONS = (UNKNOWN, NO_ID, INACTIVE, STAFF, UNAVAILABLE, FAILED)


def is_configured() -> bool:
    """Sign-in through the marketplace is on (OIDC_ISSUER is set)."""
    return bool(settings.OIDC_ISSUER)


def provider_name() -> str:
    """The name on the "Sign in with …" button."""
    return settings.OIDC_PROVIDER_NAME or _("your marketplace")


def start_path(next_path: str = "") -> str:
    """The path that starts a sign-in through the marketplace, then opens `next_path`."""
    path = reverse("accounts:oidc_start")
    return f"{path}?{urlencode({'next': next_path})}" if next_path else path


__all__ = [  # what other modules and the tests use from here
    "DiscoveryError",
    "MarketplaceOIDCBackend",
    "Person",
    "check_id_token",
    "clear_discovery_cache",
    "discover",
    "is_configured",
    "provider_name",
    "read_claims",
    "read_discovery",
    "signs_in_through_marketplace",
    "start_path",
]


# --- The backend ----------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _refuse(request: HttpRequest | None, reason: str) -> None:
    if request is not None:
        request.session[REFUSAL_KEY] = reason


class MarketplaceOIDCBackend(OIDCAuthenticationBackend):
    """Signs in the person the marketplace vouches for; inert while OIDC_ISSUER is empty."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds the backend on every request that reads a signed-in user from the
        # session: no discovery here. The endpoints are read when someone signs in.
        self.UserModel = User
        self.request: HttpRequest | None = None

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        # Only the callback view's call (nonce and PKCE verifier from the session): never a
        # password sign-in that happens to carry ?code= and ?state= in its URL.
        if request is None or not is_configured() or set(credentials) != {"nonce", "code_verifier"}:
            return None
        try:
            super().__init__()  # reads the endpoints, from discovery
        except (DiscoveryError, ImproperlyConfigured) as exc:
            logger.error("Sign-in through the marketplace is unavailable: %s", exc)
            _refuse(request, UNAVAILABLE)
            return None
        try:
            user: User | None = super().authenticate(request, **credentials)
        except _Refused as exc:
            _refuse(request, exc.reason)
            return None
        except (requests.RequestException, SuspiciousOperation, ValueError) as exc:
            logger.warning("A sign-in through the marketplace failed: %s", exc)
            _refuse(request, FAILED)
            return None
        return user

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The ID token's claims, completed by the userinfo endpoint's (same `sub`)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo answer is about someone else.")
            claims.update(info)
        return claims

    def filter_users_by_claims(self, claims: Mapping[str, Any]) -> Any:
        """By the marketplace's id only: an e-mail address proves nothing about an account."""
        person = self._person(claims)
        if not person.external_id:
            return User.objects.none()
        return User.objects.filter(external_id=person.external_id)

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        check_id_token(payload, issuer=settings.OIDC_ISSUER, client_id=self.OIDC_RP_CLIENT_ID)
        claims = self.get_userinfo(access_token, id_token, payload)
        person = self._person(claims)
        if not person.external_id:
            logger.info("Marketplace sign-in refused: no %s claim", settings.OIDC_EXTERNAL_ID_CLAIM)
            raise _Refused(NO_ID)
        user = self.filter_users_by_claims(claims).first()
        if user is None:
            if not person.email:
                logger.info("Marketplace sign-in refused: unknown id %s", person.external_id)
                raise _Refused(UNKNOWN)
            logger.info("Marketplace sign-in created the account of %s", person.external_id)
            return self._upsert(person)
        if not user.is_active:
            raise _Refused(INACTIVE)
        if user.is_staff or user.is_superuser or user.is_trust_and_safety:
            logger.warning("Marketplace sign-in refused to staff account %s", user.pk)
            raise _Refused(STAFF)
        return self._upsert(person)

    def create_user(self, claims: Mapping[str, Any]) -> User:
        return self._upsert(self._person(claims))

    def update_user(self, user: User, claims: Mapping[str, Any]) -> User:
        return self._upsert(self._person(claims))

    def get_user(self, user_id: Any) -> User | None:
        if not is_configured():
            return None
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def _person(self, claims: Mapping[str, Any]) -> Person:
        return read_claims(
            claims,
            id_claim=settings.OIDC_EXTERNAL_ID_CLAIM,
            languages=(code for code, _name in settings.LANGUAGES),
        )

    def _upsert(self, person: Person) -> User:
        """Create the buyer, or refresh their details, the way the marketplace's feed does."""
        fields = {
            "external_id": person.external_id,
            "email": person.email,
            "display_name": person.display_name,
            "language": person.language,
        }
        try:
            with transaction.atomic():
                return buyer_upsert(**fields)
        except IntegrityError:
            # Created at the same moment by another sign-in or by the feed: read it again.
            user = User.objects.filter(external_id=person.external_id).first()
            if user is None:
                logger.exception("Could not create the account of %s", person.external_id)
                raise _Refused(FAILED) from None
            return buyer_upsert(**fields)


# --- The pages ------------------------------------------------------------------------


def _refusal_page(request: HttpRequest, reason: str, *, status: int) -> HttpResponse:
    context = {
        "reason": reason if reason in REASONS else FAILED,
        "provider": provider_name(),
        "claim": settings.OIDC_EXTERNAL_ID_CLAIM,
        "retry_url": start_path(),
        "login_url": resolve_url(settings.LOGIN_URL),
    }
    return render(request, "accounts/oidc_refused.html", context, status=status)


class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to the marketplace to sign in, then to `next` (a local path)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: Any) -> None:
        # mozilla-django-oidc reads the endpoints here; we do it in get(), after the 404.
        View.__init__(self, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_configured():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        next_path = safe_next(request.GET.get("next"), default="")
        if request.user.is_authenticated:  # already in: straight to the page
            return redirect(next_path or resolve_url(settings.LOGIN_REDIRECT_URL))
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except DiscoveryError as exc:
            logger.error("Sign-in through the marketplace is unavailable: %s", exc)
            return _refusal_page(request, UNAVAILABLE, status=503)
        self.OIDC_RP_CLIENT_ID = oidc_setting("OIDC_RP_CLIENT_ID")
        request.session.pop(REFUSAL_KEY, None)
        response: HttpResponse = super().get(request)
        # Stricter than mozilla-django-oidc's own check (which admits absolute URLs to
        # this host): a path on this site, or the home page.
        request.session["oidc_login_next"] = next_path
        return response


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the marketplace sends the browser back with a code; see the backend."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_configured():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def failure_url(self) -> str:
        return reverse("accounts:oidc_refused")

    @property
    def success_url(self) -> str:
        next_path = safe_next(self.request.session.pop("oidc_login_next", None), default="")
        return next_path or resolve_url(settings.LOGIN_REDIRECT_URL)

    def login_success(self) -> HttpResponse:
        self.request.session.pop(REFUSAL_KEY, None)
        return super().login_success()

    def login_failure(self) -> HttpResponse:
        self.request.session.setdefault(REFUSAL_KEY, FAILED)
        return super().login_failure()


def refused(request: HttpRequest) -> HttpResponse:
    """Why the marketplace's sign-in did not let the person in, and what to do."""
    if not is_configured():
        raise Http404
    return _refusal_page(request, request.session.get(REFUSAL_KEY, FAILED), status=403)
