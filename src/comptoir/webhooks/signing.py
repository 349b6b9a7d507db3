"""Pure webhook rules: the signature, the retry schedule, which URLs are accepted.

No ORM here: receivers can copy `signature`/`verify`, and the tests cover every branch.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from urllib.parse import urlsplit

SIGNATURE_SCHEME = "sha256"
# Delays after the 1st, 2nd … 5th failed attempt; the 6th failure gives up.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
URL_MAX_LENGTH = 500
# Receivers should refuse a signature older than this (replays).
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`X-Comptoir-Signature`: "sha256=" + hex HMAC-SHA256 of b"<timestamp>." + body."""
    signed = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_SCHEME}={digest}"


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    header: str,
    *,
    now: float,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """What a receiver checks: the signature matches and the timestamp is recent."""
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent_at) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, sent_at, body), header)


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after `attempts` failed attempts; None: give up."""
    if attempts < 1:
        raise ValueError("retry_delay is asked after at least one attempt")
    if attempts >= MAX_ATTEMPTS:
        return None
    return BACKOFF[attempts - 1]


def is_success(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a webhook endpoint ("scheme", "host", …), or None when it can."""
    if not url or len(url) > URL_MAX_LENGTH:
        return "length"
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number in 0-65535
    except ValueError:
        return "syntax"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not parts.hostname:
        return "host"
    if parts.username is not None or parts.password is not None:
        return "credentials"
    if parts.fragment:
        return "fragment"
    if port == 0:
        return "syntax"
    return None
