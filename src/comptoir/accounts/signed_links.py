"""Links the marketplace signs: "open this thread in Comptoir" without a second password.

The marketplace signs a short-lived JWT naming its own id of the person (`sub`) and the
page to open (`next`); Comptoir checks it and signs that person in. HS256 with the shared
secret SIGNED_LINK_SECRET, or RS256 with the marketplace's public key
SIGNED_LINK_PUBLIC_KEY (then HS256 is refused, so nobody can sign with the public key as a
secret). `aud` must be SIGNED_LINK_AUDIENCE; `exp` at most five minutes after `iat`; `jti`
is single use.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.db import IntegrityError, transaction

from comptoir.accounts.models import UsedSignedLink, User
from comptoir.accounts.safe_next import is_safe_next
from comptoir.core import clock

MAX_LIFETIME = timedelta(minutes=5)
LEEWAY = timedelta(seconds=30)  # clocks of two servers never agree exactly
LINK_PATH = "/sign-in/link/"


class LinkRefused(Exception):
    """Why a signed link cannot be used; `code` is stable, the page explains it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class SignedLink:
    user: User
    next_path: str


def _key_and_algorithm() -> tuple[str, str]:
    if settings.SIGNED_LINK_PUBLIC_KEY:
        return settings.SIGNED_LINK_PUBLIC_KEY, "RS256"
    return settings.SIGNED_LINK_SECRET, "HS256"


def _claims(token: str) -> dict[str, object]:
    key, algorithm = _key_and_algorithm()
    now = clock.now()
    try:
        claims: dict[str, object] = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.SIGNED_LINK_AUDIENCE,
            leeway=LEEWAY,
            options={
                "require": ["exp", "iat", "jti", "sub", "aud"],
                "verify_iat": False,
                "verify_exp": False,
            },
        )
    except jwt.InvalidAudienceError as exc:
        raise LinkRefused("link_wrong_audience") from exc
    except jwt.InvalidTokenError as exc:  # bad signature, wrong key, malformed, missing claim
        raise LinkRefused("link_invalid") from exc
    # Times are checked against Comptoir's clock (tests move it), not PyJWT's.
    exp = datetime.fromtimestamp(float(claims["exp"]), tz=UTC)  # type: ignore[arg-type]
    iat = datetime.fromtimestamp(float(claims["iat"]), tz=UTC)  # type: ignore[arg-type]
    if exp + LEEWAY < now:
        raise LinkRefused("link_expired")
    if exp - iat > MAX_LIFETIME or exp > now + MAX_LIFETIME + LEEWAY or iat > now + LEEWAY:
        raise LinkRefused("link_lifetime_too_long")
    return claims


def use_signed_link(token: str) -> SignedLink:
    """Check a signed link and spend its `jti`; the person to sign in and where to go.

    Raises LinkRefused: link_invalid, link_expired, link_wrong_audience,
    link_lifetime_too_long, link_unsafe_target, link_used, unknown_user.
    """
    claims = _claims(token)
    next_path = str(claims.get("next") or "/")
    if not is_safe_next(next_path):
        raise LinkRefused("link_unsafe_target")
    user = User.objects.filter(external_id=str(claims["sub"]), is_active=True).first()
    if user is None or not user.external_id:
        raise LinkRefused("unknown_user")
    if user.is_trust_and_safety or user.is_staff:
        # Staff sign in with their password and a second factor, never by link.
        raise LinkRefused("staff_not_by_link")
    expires_at = datetime.fromtimestamp(float(claims["exp"]), tz=UTC)  # type: ignore[arg-type]
    try:
        with transaction.atomic():
            UsedSignedLink.objects.create(jti=str(claims["jti"])[:200], expires_at=expires_at)
    except IntegrityError as exc:
        raise LinkRefused("link_used") from exc
    UsedSignedLink.objects.filter(expires_at__lt=clock.now() - LEEWAY).delete()
    return SignedLink(user=user, next_path=next_path)


def sign_link(*, external_id: str, next_path: str = "/", lifetime: timedelta = MAX_LIFETIME) -> str:
    """What the marketplace does (used by `comptoir sign-link` and tests): a signed link path.

    Signs with the shared secret (HS256); a marketplace using RS256 signs with its own key.
    """
    now = clock.now()
    token = jwt.encode(
        {
            "sub": external_id,
            "aud": settings.SIGNED_LINK_AUDIENCE,
            "iat": int(now.timestamp()),
            "exp": int((now + lifetime).timestamp()),
            "jti": secrets.token_urlsafe(16),
            "next": next_path,
        },
        settings.SIGNED_LINK_SECRET,
        algorithm="HS256",
    )
    return f"{LINK_PATH}?{urlencode({'token': token})}"
