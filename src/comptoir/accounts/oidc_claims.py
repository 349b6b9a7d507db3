"""What Comptoir takes from an OpenID Connect sign-in: plain values in, plain values out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.validators import validate_email

from comptoir.accounts.models import User


@dataclass(frozen=True)
class Person:
    """What Comptoir takes from the claims: the marketplace id and the person's details."""

    external_id: str
    email: str
    display_name: str
    language: str


def read_claims(claims: Mapping[str, Any], *, id_claim: str, languages: Iterable[str]) -> Person:
    """The person the claims describe. Blank fields where a claim is missing or unusable.

    The e-mail counts only when it looks like an address and the provider did not say it
    is unverified. Roles, groups and any other claim are ignored.
    """
    raw_id = claims.get(id_claim)
    external_id = ""
    if isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        external_id = str(raw_id).strip()
        if len(external_id) > User._meta.get_field("external_id").max_length:  # type: ignore[operator]
            external_id = ""
    email = claims.get("email")
    if not isinstance(email, str) or claims.get("email_verified") is False:
        email = ""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = (claims.get("given_name"), claims.get("family_name"))
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    locale = claims.get("locale")
    language = ""
    if isinstance(locale, str):
        primary = locale.replace("_", "-").split("-")[0].strip().lower()
        language = primary if primary in set(languages) else ""
    return Person(
        external_id=external_id, email=email, display_name=name.strip()[:150], language=language
    )


def check_id_token(payload: Mapping[str, Any], *, issuer: str, client_id: str) -> None:
    """The ID token was issued by our provider, to us (mozilla-django-oidc checks neither)."""
    if str(payload.get("iss", "")).rstrip("/") != issuer.rstrip("/"):
        raise SuspiciousOperation("The ID token was issued by another provider.")
    audience = payload.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise SuspiciousOperation("The ID token was issued to another client.")
    if len(audiences) > 1 and payload.get("azp") != client_id:
        raise SuspiciousOperation("The ID token was issued to another client (azp).")


def signs_in_through_marketplace(user: User) -> bool:
    """Whether this account may use the marketplace's sign-in (no query: used per e-mail)."""
    return bool(user.external_id) and user.is_active and not (user.is_staff or user.is_superuser)
