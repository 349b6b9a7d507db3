"""Writes on shops: the marketplace's upserts, members and policies."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.accounts.services import buyer_upsert
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.timezones import is_time_zone
from comptoir.core.upsert import Outcome, upsert
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import SECTIONS, check_policy_options


@dataclass(frozen=True)
class PolicyInput:
    section: str
    options: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""


MAX_EMBED_ORIGINS = 10
_DEFAULT_PORTS = {"http": 80, "https": 443}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")


def normalise_origin(value: str) -> str | None:
    """`value` as a web origin, `scheme://host[:port]`, or None when it is not one.

    http or https, a host name or IP address, an optional port; no path (a lone "/" is
    dropped), query, fragment or user name. Lower case, international names in their
    ASCII form, the scheme's default port left out. What comes back is safe to write in a
    Content-Security-Policy header (no spaces, quotes, commas or semicolons).
    """
    text = value.strip()
    if not text or len(text) > 300 or any(c in text for c in "?#@\\") or not text.isprintable():
        return None
    if any(c.isspace() for c in text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in _DEFAULT_PORTS or parts.path not in ("", "/") or not host or port == 0:
        return None
    if ":" in host:
        try:
            host = f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    else:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        if len(host) > 253 or not _HOST.fullmatch(host):
            return None
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def check_embed_origins(origins: Sequence[str]) -> list[str]:
    """The origins normalised, blanks and repeats left out; DomainError naming the bad ones."""
    cleaned: list[str] = []
    fields: dict[str, str] = {}
    for index, value in enumerate(origins):
        if not value.strip():
            continue
        origin = normalise_origin(value)
        if origin is None:
            fields[f"embed_origins.{index}"] = "not_an_origin"
        elif origin not in cleaned:
            cleaned.append(origin)
    if len(cleaned) > MAX_EMBED_ORIGINS:
        fields["embed_origins"] = "too_many"
    if fields:
        raise DomainError(
            "invalid_embed_origins",
            _(
                "List at most %(max)d website addresses such as https://www.example.com: "
                "http or https, the name, perhaps a port, and nothing after it."
            )
            % {"max": MAX_EMBED_ORIGINS},
            fields=fields,
        )
    return cleaned


def _unique_slug(name: str, external_id: str) -> str:
    base = slugify(name)[:100] or "shop"
    slug = base
    if Shop.objects.filter(slug=slug).exclude(external_id=external_id).exists():
        slug = f"{base}-{slugify(external_id)}"[:140]
    return slug


def check_shop_fields(
    *, time_zone: str, status: str, vacation_starts_on: date | None, vacation_ends_on: date | None
) -> None:
    errors = {}
    if not is_time_zone(time_zone):
        errors["time_zone"] = "unknown_time_zone"
    if status not in Shop.Status.values:
        errors["status"] = "invalid_choice"
    if vacation_starts_on and vacation_ends_on and vacation_ends_on < vacation_starts_on:
        errors["vacation_ends_on"] = "before_start"
    if errors:
        raise DomainError("invalid_shop", _("The shop has invalid fields."), fields=errors)


@transaction.atomic
def shop_upsert(
    *,
    external_id: str,
    name: str,
    time_zone: str = "UTC",
    currency: str = "EUR",
    status: str = Shop.Status.ACTIVE,
    searchable: bool = True,
    about: str = "",
    vacation_mode: bool = False,
    vacation_message: str = "",
    vacation_starts_on: date | None = None,
    vacation_ends_on: date | None = None,
    payout_hold: bool = False,
    slug: str | None = None,
    policies: Sequence[PolicyInput] | None = None,
    embed_origins: Sequence[str] | None = None,
) -> tuple[Shop, Outcome]:
    """Create or update a shop. `policies` and `embed_origins` left at None stay as they are."""
    check_shop_fields(
        time_zone=time_zone,
        status=status,
        vacation_starts_on=vacation_starts_on,
        vacation_ends_on=vacation_ends_on,
    )
    origins = check_embed_origins(embed_origins) if embed_origins is not None else None
    existing_slug = Shop.objects.filter(external_id=external_id).values_list("slug", flat=True)
    values = {
        "name": name,
        "time_zone": time_zone,
        "currency": currency.upper(),
        "status": status,
        "searchable": searchable,
        "about": about,
        "vacation_mode": vacation_mode,
        "vacation_message": vacation_message,
        "vacation_starts_on": vacation_starts_on,
        "vacation_ends_on": vacation_ends_on,
        "payout_hold": payout_hold,
        "slug": slug or (existing_slug.first() or _unique_slug(name, external_id)),
    }
    if origins is not None:
        values["embed_origins"] = origins
    shop, outcome = upsert(Shop, key={"external_id": external_id}, values=values)
    if policies is not None:
        policy_outcome = shop_policies_set(shop=shop, policies=policies)
        if outcome is Outcome.UNCHANGED and policy_outcome is not Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
    return shop, outcome


@transaction.atomic
def shop_policies_set(*, shop: Shop, policies: Sequence[PolicyInput]) -> Outcome:
    """Set the given policy sections (others are left as they are)."""
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for policy in policies:
        if policy.section not in SECTIONS:
            errors[f"policies.{policy.section}"] = "unknown_section"
            continue
        if policy.section in seen:
            errors[f"policies.{policy.section}"] = "duplicate_section"
        seen.add(policy.section)
        for option, problem in check_policy_options(policy.section, policy.options).items():
            errors[f"policies.{policy.section}.{option}"] = problem
    if errors:
        raise DomainError("invalid_policy", _("Some policy options are not valid."), fields=errors)
    result = Outcome.UNCHANGED
    for policy in policies:
        _policy, outcome = upsert(
            ShopPolicy,
            key={"shop": shop, "section": policy.section},
            values={"options": dict(policy.options), "text": policy.text},
        )
        if outcome is not Outcome.UNCHANGED:
            result = Outcome.UPDATED
    return result


@transaction.atomic
def shop_member_upsert(
    *,
    shop: Shop,
    user_external_id: str,
    role: str,
    email: str = "",
    display_name: str = "",
) -> tuple[ShopMember, Outcome]:
    if role not in ShopMember.Role.values:
        raise DomainError("invalid_member", _("Unknown role."), fields={"role": "invalid_choice"})
    user = buyer_upsert(external_id=user_external_id, email=email, display_name=display_name)
    if role == ShopMember.Role.OWNER:
        # A shop has one owner: handing it over makes the previous owner staff.
        ShopMember.objects.filter(shop=shop, role=ShopMember.Role.OWNER).exclude(user=user).update(
            role=ShopMember.Role.STAFF
        )
    return upsert(ShopMember, key={"shop": shop, "user": user}, values={"role": role})


@transaction.atomic
def shop_member_remove(*, shop: Shop, user_external_id: str) -> None:
    deleted, _by_model = ShopMember.objects.filter(
        shop=shop, user__external_id=user_external_id
    ).delete()
    if not deleted:
        raise NotFound("member_not_found", _("This person is not a member of the shop."))


@transaction.atomic
def shop_member_add(*, shop: Shop, user: User, role: str = ShopMember.Role.STAFF) -> ShopMember:
    """Add an existing local user (demo, admin) to a shop."""
    member, _outcome = upsert(ShopMember, key={"shop": shop, "user": user}, values={"role": role})
    return member


@transaction.atomic
def vacation_set(
    *,
    shop: Shop,
    on: bool,
    message: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Shop:
    """Vacation mode: listings leave search, buyers see the message and get it as a reply."""
    message = message.strip()
    fields = {}
    if on and not message:
        fields["message"] = "required"
    if len(message) > 5_000:
        fields["message"] = "too_long"
    if starts_on and ends_on and ends_on < starts_on:
        fields["ends_on"] = "before_start"
    if fields:
        raise DomainError(
            "invalid_vacation",
            _("Write a vacation message, and end the vacation after it starts."),
            fields=fields,
        )
    Shop.objects.filter(pk=shop.pk).update(
        vacation_mode=on,
        vacation_message=message,
        vacation_starts_on=starts_on,
        vacation_ends_on=ends_on,
    )
    shop.refresh_from_db()
    return shop


@transaction.atomic
def embed_origins_set(*, shop: Shop, origins: Sequence[str]) -> Shop:
    """The shop's own websites that may show its contact form in a frame (Shop Manager)."""
    shop.embed_origins = check_embed_origins(origins)
    shop.save(update_fields=["embed_origins", "updated_at"])
    return shop
