"""Writes on accounts: users from the marketplace, staff accounts, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import ApiToken, User
from comptoir.accounts.tasks import notify_token_created
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.prepared import Prepared
from comptoir.core.tasks import enqueue_with_transaction
from comptoir.core.timezones import is_time_zone

TOKEN_PREFIX = "cpt_"  # noqa: S105 (a marker, not a secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    name = name.strip()
    if not name:
        raise DomainError("name_required", _("Give the token a name."), fields={"name": "required"})
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=prefix, key_hash=hash_token(secret)
    )
    enqueue_with_transaction(notify_token_created, token.id)
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(user=user, id=token_id).first()
    if token is None:
        raise NotFound("token_not_found", _("No such token."))
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


# Every API request asks it: compiled once (core.prepared).
_TOKEN = Prepared(
    lambda key_hash: (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True)
        .order_by("pk")[:1]
    ),
    "example-key-hash",
)


def user_for_token(secret: str) -> User | None:
    """The active user a token secret belongs to, or None. Marks the token used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    found = _TOKEN.run(hash_token(secret))
    if not found:
        return None
    token = found[0]
    now = clock.now()
    # Written at most once a minute per token: reads stay reads.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _grant(user: User, *codenames: str) -> None:
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
    )


def _check_username_free(username: str) -> None:
    if User.objects.filter(username=username).exists():
        raise DomainError(
            "username_taken", _("The username %(name)s is taken.") % {"name": username}
        )


@transaction.atomic
def integration_account_create(*, username: str, display_name: str = "") -> User:
    """An account for the marketplace's own software: API tokens only, no password."""
    _check_username_free(username)
    user = User(username=username, display_name=display_name)
    user.set_unusable_password()
    user.save()
    _grant(user, "marketplace_integration")
    return user


@transaction.atomic
def staff_create(*, username: str, email: str, password: str, integration: bool = False) -> User:
    """A marketplace staff account with the Trust & Safety permission (and admin access)."""
    _check_username_free(username)
    user = User.objects.create_user(username=username, email=email, password=password)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    _grant(user, "trust_and_safety", *(["marketplace_integration"] if integration else []))
    return user


def buyer_upsert(
    *, external_id: str, email: str = "", display_name: str = "", language: str = ""
) -> User:
    """The marketplace's buyer, created on first sight; later calls update the details."""
    user = User.objects.filter(external_id=external_id).first()
    if user is None:
        user = User(
            external_id=external_id,
            username=f"mp-{external_id}"[:150],
            email=email,
            display_name=display_name,
            language=language,
        )
        user.set_unusable_password()
        user.save()
        return user
    changed = []
    for field, value in (("email", email), ("display_name", display_name), ("language", language)):
        if value and getattr(user, field) != value:
            setattr(user, field, value)
            changed.append(field)
    if changed:
        user.save(update_fields=changed)
    return user


@transaction.atomic
def profile_update(*, user: User, display_name: str, language: str, time_zone: str) -> User:
    """A person's own preferences: how they are named, their language and time zone."""
    errors = {}
    if language and language not in dict(settings.LANGUAGES):
        errors["language"] = "unknown_language"
    if not is_time_zone(time_zone):
        errors["time_zone"] = "unknown_time_zone"
    if errors:
        raise DomainError("invalid_profile", _("Some preferences are not valid."), fields=errors)
    user.display_name = display_name.strip()[:150]
    user.language = language
    user.time_zone = time_zone
    user.save(update_fields=["display_name", "language", "time_zone"])
    return user
