"""Where a sign-in may send the browser afterwards: one rule for every sign-in path."""

from __future__ import annotations

import pytest

from comptoir.accounts.safe_next import is_safe_next, safe_next


@pytest.mark.parametrize(
    ("candidate", "safe"),
    [
        ("/messages/12/", "/messages/12/"),
        ("/shop/3/messages/?folder=inbox", "/shop/3/messages/?folder=inbox"),
        ("", None),
        (None, None),
        ("messages/", None),
        ("https://evil.example/", None),
        ("//evil.example", None),
        ("///evil.example", None),
        ("/\\evil.example", None),
        ("javascript:alert(1)", None),
        ("/\nevil", None),
    ],
)
def test_only_a_path_on_this_site_is_followed(candidate: str | None, safe: str | None) -> None:
    assert safe_next(candidate, default="") == (safe or "")
    assert is_safe_next(candidate) is (safe is not None)
