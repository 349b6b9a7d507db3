"""Where a sign-in may send the browser afterwards: only a path on this site."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(candidate: str | None, default: str = "/") -> str:
    """`candidate` when it is a local path ("/messages/12/"), else `default`.

    Refuses absolute URLs, scheme-relative ("//evil.example"), backslash tricks
    ("/\\evil.example"), "javascript:" and control characters.
    """
    if not is_safe_next(candidate):
        return default
    assert candidate is not None
    return candidate


def is_safe_next(candidate: str | None) -> bool:
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return False
    if any(ord(ch) < 32 or ch == "\x7f" for ch in candidate):
        return False
    return url_has_allowed_host_and_scheme(candidate, allowed_hosts=None, require_https=False)
