"""Rate limits that hold across every web worker, process and host (counted in the database).

A limit is `limit` events per fixed window of `per` seconds for one scope and one identity
(an address, an IP). `hit` counts one event and answers whether it is still allowed; the
count is one atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` on SQLite and PostgreSQL,
so two processes counting at once never both see the last free place.

Call it outside the transaction of the action it guards (or before it), so a refused or
failed action still counts.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.core.models import RateCounter

_PRUNE_EVERY = 200  # on average, one hit in this many deletes windows over a day old


@dataclass(frozen=True)
class Limit:
    scope: str  # e.g. "sign_in_link.address"
    limit: int
    per: int  # seconds


def _key(scope: str, identity: str) -> str:
    return hashlib.sha256(f"{scope}\0{identity.strip().lower()}".encode()).hexdigest()


def _window(now: datetime, per: int) -> datetime:
    seconds = int(now.timestamp())
    return datetime.fromtimestamp(seconds - seconds % per, tz=now.tzinfo)


def hit(rule: Limit, identity: str) -> bool:
    """Count one event for `identity`; True while it is within the limit."""
    now = clock.now()
    window = _window(now, rule.per)
    table = RateCounter._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A count lost to a database crash in the next instant only lets one more event
            # through: not worth a disk flush on every request it guards.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [_key(rule.scope, identity), connection.ops.adapt_datetimefield_value(window)],
        )
        count = cursor.fetchone()[0]
    if random.randrange(_PRUNE_EVERY) == 0:
        RateCounter.objects.filter(window_start__lt=now - timedelta(days=1)).delete()
    return int(count) <= rule.limit


def used(rule: Limit, identity: str) -> int:
    """How many events `identity` has had in the current window (no count added)."""
    window = _window(clock.now(), rule.per)
    row = RateCounter.objects.filter(key=_key(rule.scope, identity), window_start=window).first()
    return row.count if row else 0


class RateLimited(DomainError):
    """A limit was reached: 429 `rate_limited`, with the seconds until its window turns
    (for `Retry-After`)."""

    status = 429

    def __init__(self, rule: Limit, message: str = "") -> None:
        super().__init__(
            "rate_limited", message or _("Too many requests from here. Try again in an hour.")
        )
        self.retry_after = rule.per - int(clock.now().timestamp()) % rule.per


def check(rule: Limit, identity: str, message: str = "") -> None:
    """`hit`, raising RateLimited past the limit."""
    if not hit(rule, identity):
        raise RateLimited(rule, message)


def client_ip(request: HttpRequest) -> str:
    """The caller's address, or "unknown" (see `client_ip_or_none`)."""
    return client_ip_or_none(request) or "unknown"


def client_ip_or_none(request: HttpRequest) -> str | None:
    """The caller's address: the connection's, or behind TRUSTED_PROXIES proxies the one the
    outermost trusted proxy saw (X-Forwarded-For is read from the right, so a client cannot
    choose its own address by sending the header)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None  # None: a request made in code (force_login)
