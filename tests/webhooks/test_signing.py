"""The pure rules: signatures, the retry schedule, accepted URLs."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.webhooks.signing import (
    BACKOFF,
    MAX_ATTEMPTS,
    TOLERANCE_SECONDS,
    is_success,
    retry_delay,
    signature,
    url_problem,
    verify,
)

SECRET = "whsec_test"
NOW = 1_781_524_800


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    body = b'{"id":"x"}'
    digest = hmac.new(b"whsec_test", b'1781524800.{"id":"x"}', hashlib.sha256).hexdigest()
    assert signature(SECRET, NOW, body) == "sha256=" + digest


@given(secret=st.text(min_size=1), body=st.binary(), skew=st.integers(-300, 300))
def test_a_signature_verifies_within_the_tolerance(secret: str, body: bytes, skew: int) -> None:
    header = signature(secret, NOW, body)
    assert verify(secret, str(NOW), body, header, now=NOW + skew)


@given(body=st.binary(), other=st.binary())
def test_another_body_does_not_verify(body: bytes, other: bytes) -> None:
    header = signature(SECRET, NOW, body)
    assert verify(SECRET, str(NOW), other, header, now=NOW) == (body == other)


def test_what_does_not_verify() -> None:
    body = b"{}"
    header = signature(SECRET, NOW, body)
    assert not verify("whsec_other", str(NOW), body, header, now=NOW)
    assert not verify(SECRET, str(NOW + 1), body, header, now=NOW)  # timestamp is signed
    assert not verify(SECRET, str(NOW), body, header, now=NOW + TOLERANCE_SECONDS + 1)
    assert not verify(SECRET, str(NOW), body, header, now=NOW - TOLERANCE_SECONDS - 1)
    assert not verify(SECRET, "yesterday", body, header, now=NOW)
    assert not verify(SECRET, str(NOW), body, header.removeprefix("sha256="), now=NOW)


def test_the_retry_schedule() -> None:
    assert [retry_delay(n) for n in range(1, 7)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=12),
        None,
    ]
    assert MAX_ATTEMPTS == 6
    with pytest.raises(ValueError, match="at least one"):
        retry_delay(0)


@given(st.integers(1, 100))
def test_the_delays_grow_and_stop(attempts: int) -> None:
    delay = retry_delay(attempts)
    if attempts >= MAX_ATTEMPTS:
        assert delay is None
    else:
        assert delay == BACKOFF[attempts - 1]
        assert attempts == 1 or delay > BACKOFF[attempts - 2]


@pytest.mark.parametrize(
    ("status", "success"),
    [
        (None, False),
        (199, False),
        (200, True),
        (204, True),
        (299, True),
        (301, False),
        (500, False),
    ],
)
def test_success_is_2xx(status: int | None, success: bool) -> None:
    assert is_success(status) is success


@pytest.mark.parametrize(
    "url",
    [
        "https://marketplace.example/hooks/comptoir",
        "http://127.0.0.1:8080/hook?token=abc",
        "http://receiver:9000/",
        "https://[::1]/hook",
    ],
)
def test_good_urls(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "length"),
        ("https://example.org/" + "a" * 500, "length"),
        ("ftp://example.org/", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("example.org/hook", "scheme"),
        ("https:///hook", "host"),
        ("https://user:pw@example.org/", "credentials"),
        ("https://example.org/#part", "fragment"),
        ("https://example.org:99999/", "syntax"),
        ("https://example.org:0/", "syntax"),
        ("https://[::1/", "syntax"),
        ("https://example.org/a b", "characters"),
        ("https://example.org/\n", "characters"),
    ],
)
def test_bad_urls(url: str, problem: str) -> None:
    assert url_problem(url) == problem
