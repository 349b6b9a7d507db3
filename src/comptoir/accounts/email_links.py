"""Sign-in links by e-mail, for people with no password and no marketplace sign-in.

"E-mail me a link": one link per matching account, usable once, for 15 minutes; the page
answers the same whether or not the address is known, and asking is limited per address
and per IP (counted in the database, so every process shares the count).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.models import SignInLink, User
from comptoir.accounts.safe_next import safe_next
from comptoir.core import clock, ratelimit
from comptoir.core.outbox import queue_email, site_link

LIFETIME = timedelta(minutes=15)
PER_ADDRESS = ratelimit.Limit("sign_in_link.address", limit=5, per=3600)
PER_IP = ratelimit.Limit("sign_in_link.ip", limit=20, per=3600)
MAX_ACCOUNTS = 3  # accounts sharing one address that get a link each


def link_path(secret: str) -> str:
    return f"/sign-in/email/{secret}/"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def sign_in_link_request(*, email: str, ip: str, next_path: str = "/") -> int:
    """Send a sign-in link to every active account using `email`; how many were sent.

    Trust & Safety staff are left out: they sign in with a password and a second factor.
    The caller shows the same answer whatever the number (no probing of addresses).
    Raises ratelimit.RateLimited when the IP asked too often; an address that asked too
    often silently gets nothing more.
    """
    email = email.strip()
    ratelimit.check(PER_IP, ip, _("Too many links were asked from here. Try again in an hour."))
    if not email or not ratelimit.hit(PER_ADDRESS, email):
        return 0
    users = [
        user
        for user in User.objects.filter(email__iexact=email, is_active=True).order_by("id")[
            : MAX_ACCOUNTS * 2
        ]
        if not (user.is_staff or user.is_trust_and_safety)
    ][:MAX_ACCOUNTS]
    next_path = safe_next(next_path)
    now = clock.now()
    with transaction.atomic():
        for user in users:
            secret = secrets.token_urlsafe(32)
            SignInLink.objects.create(
                user=user,
                token_hash=_hash(secret),
                next_path=next_path,
                created_at=now,
                expires_at=now + LIFETIME,
            )
            with translation.override(user.language or settings.LANGUAGE_CODE):
                queue_email(
                    recipient=user.email,
                    subject=_("Your sign-in link for Comptoir"),
                    body=_(
                        "Hello %(name)s,\n\n"
                        "Here is the link to sign in to Comptoir as %(username)s. It works "
                        "once, for 15 minutes. If you did not ask for it, ignore this e-mail: "
                        "nobody can sign in without the link."
                    )
                    % {"name": user, "username": user.username},
                    link=site_link(link_path(secret)),
                    reason="sign_in_link",
                )
    return len(users)


@dataclass(frozen=True)
class PendingLink:
    link: SignInLink
    user: User


def sign_in_link_peek(secret: str) -> PendingLink | None:
    """The unused, unexpired link behind `secret`, without spending it (the confirm page)."""
    link = (
        SignInLink.objects.select_related("user")
        .filter(
            token_hash=_hash(secret),
            used_at__isnull=True,
            expires_at__gt=clock.now(),
            user__is_active=True,
        )
        .first()
    )
    return PendingLink(link=link, user=link.user) if link else None


@transaction.atomic
def sign_in_link_use(secret: str) -> PendingLink | None:
    """Spend the link: at most once, even with two clicks at the same instant."""
    now = clock.now()
    spent = SignInLink.objects.filter(
        token_hash=_hash(secret), used_at__isnull=True, expires_at__gt=now, user__is_active=True
    ).update(used_at=now)
    if not spent:
        return None
    link = SignInLink.objects.select_related("user").get(token_hash=_hash(secret))
    SignInLink.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    return PendingLink(link=link, user=link.user)
