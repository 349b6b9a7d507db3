"""The permission matrix's world, built once per module inside a transaction that is rolled
back at the end; each case runs in its own savepoint (pytest-django's `db`), so a write one
case makes is gone before the next.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from pytest_django import DjangoDbBlocker

from comptoir.core import clock
from tests.security.world import NOW, World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with clock.frozen_at(NOW):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            # As Django's TestCase marks its class-wide atomic: a service's durable block
            # runs inside it as it would at the top level.
            outer._from_testcase = True  # type: ignore[attr-defined]
            outer.__enter__()
            try:
                cache.clear()
                built = build_world()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def quiet() -> Iterator[None]:
    """Refusals are expected by the hundred: their log lines are not (errors still are)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# One test client each for the module: a new one loads the middleware again (WhiteNoise
# reads every static file), which costs more than the request. Cookies are cleared before
# each case.


@pytest.fixture(scope="module")
def browser(quiet: None) -> Client:
    """For the pages: a form posted by a signed-in person (CSRF is not what is tested)."""
    return Client()


@pytest.fixture(scope="module")
def api_client(quiet: None) -> Client:
    """For the API, checking CSRF as a browser would: a token call needs no CSRF token, and
    an anonymous write must be told 401, not 403 "CSRF check failed"."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def fresh(world: World, db: None) -> World:
    """The world, in a savepoint of its own, with empty rate-limit counters."""
    cache.clear()
    return world
