"""Messaging test helpers: API clients for a buyer, a seller and staff, with real tokens."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create
from comptoir.catalog.models import Listing
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import deliver_email
from comptoir.messaging.models import FolderCount, Party


class Client_:
    """A JSON client for /api/v1 acting as one person (bearer token)."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.client = Client()
        secret = api_token_create(user=user, name="tests").secret
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        kwargs: dict[str, Any] = {"content_type": "application/json", **self.auth}
        kwargs.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
        if body is not None:
            kwargs["data"] = json.dumps(body)
        return getattr(self.client, method.lower())("/api/v1" + path, **kwargs)

    def get(self, path: str, **query: Any) -> Any:
        return self.client.get("/api/v1" + path, query, **self.auth)

    def post(self, path: str, body: Any = None, **headers: str) -> Any:
        return self.call("POST", path, body if body is not None else {}, **headers)

    def upload(self, name: str, content: bytes) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(
            "/api/v1/uploads", {"file": SimpleUploadedFile(name, content)}, **self.auth
        )


@pytest.fixture
def as_buyer(buyer: User) -> Client_:
    return Client_(buyer)


@pytest.fixture
def as_seller(seller: User) -> Client_:
    seller.email = "seller@example.org"
    seller.save()
    return Client_(seller)


@pytest.fixture
def as_staff(staff: User) -> Client_:
    return Client_(staff)


@pytest.fixture
def other_buyer(db: None) -> User:
    return User.objects.create_user(username="other", external_id="buyer-2", email="o@example.org")


@pytest.fixture
def as_other_buyer(other_buyer: User) -> Client_:
    return Client_(other_buyer)


@pytest.fixture
def inquiry(as_buyer: Client_, as_seller: Client_, listing: Listing) -> dict[str, Any]:
    """A buyer's question about the listing, as the API returned it."""
    response = as_buyer.post(
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Is it pre-washed?"},
    )
    assert response.status_code == 201, response.json()
    return dict(response.json())


def recount() -> dict[tuple[str, int, str], tuple[int, int]]:
    """Folder counters as they should be: counted from the parties themselves."""
    counted: Counter[tuple[str, int, str]] = Counter()
    unread: Counter[tuple[str, int, str]] = Counter()
    for p in Party.objects.exclude(folder="deleted"):
        key = ("shop", p.shop_id, p.folder) if p.shop_id else ("buyer", p.buyer_id, p.folder)
        counted[key] += 1
        unread[key] += 1 if p.unread_count else 0
    return {k: (counted[k], unread[k]) for k in counted}


def stored_counts() -> dict[tuple[str, int, str], tuple[int, int]]:
    stored = {}
    for c in FolderCount.objects.all():
        key = ("shop", c.shop_id, c.folder) if c.shop_id else ("buyer", c.buyer_id, c.folder)
        if c.threads or c.unread_threads:
            stored[key] = (c.threads, c.unread_threads)
    return stored


def assert_counters_exact() -> None:
    assert stored_counts() == recount()


def deliver_all() -> list[Any]:
    """Run the e-mail tasks that were queued, as the worker would; returns the sent mails."""
    mail.outbox.clear()
    for email in OutboxEmail.objects.filter(sent_at__isnull=True).order_by("id"):
        deliver_email.call(email.id)
    return list(mail.outbox)
