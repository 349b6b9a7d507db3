"""Rate limits counted in the database: exact under concurrency, shared by every client."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import RequestFactory

from comptoir.core import clock, ratelimit

RULE = ratelimit.Limit("test.rule", limit=3, per=3600)
NOW = datetime(2026, 12, 7, 10, 15, tzinfo=UTC)


def test_a_limit_allows_its_number_then_refuses_until_the_next_window(db: None) -> None:
    with clock.frozen_at(NOW):
        assert [ratelimit.hit(RULE, "a@example.org") for _ in range(5)] == [
            True,
            True,
            True,
            False,
            False,
        ]
        assert ratelimit.hit(RULE, "A@Example.org ") is False  # the same address
        assert ratelimit.hit(RULE, "b@example.org") is True
        assert ratelimit.used(RULE, "a@example.org") == 6
    with clock.frozen_at(NOW + timedelta(hours=1)):
        assert ratelimit.hit(RULE, "a@example.org") is True


def test_the_address_is_not_stored_in_clear(db: None) -> None:
    from comptoir.core.models import RateCounter

    ratelimit.hit(RULE, "secret@example.org")
    assert "secret" not in RateCounter.objects.get().key


def test_client_ip_ignores_a_forged_forwarded_header_unless_proxies_are_trusted(
    settings: Any,
) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    settings.TRUSTED_PROXIES = 0
    assert ratelimit.client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXIES = 1
    assert ratelimit.client_ip(request) == "203.0.113.5"  # what our proxy saw, not 6.6.6.6


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_concurrent_hits_never_let_more_than_the_limit_through() -> None:
    rule = ratelimit.Limit("test.concurrent", limit=10, per=3600)
    allowed: list[bool] = []
    barrier = threading.Barrier(8)

    def client() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                allowed.append(ratelimit.hit(rule, "same@example.org"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 40
    assert allowed.count(True) == 10
    assert ratelimit.used(rule, "same@example.org") == 40
