"""API test helpers: an integration client with a real token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, integration_account_create


class Api:
    """A JSON client for /api/v1 that sends a bearer token."""

    def __init__(self, client: Client, secret: str | None) -> None:
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def call(self, method: str, path: str, body: Any = None, raw: str | None = None) -> Any:
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        send = getattr(self.client, method.lower())
        kwargs: dict[str, Any] = {"content_type": "application/json", **self.headers}
        if data is not None:
            kwargs["data"] = data
        return send("/api/v1" + path, **kwargs)

    def get(self, path: str) -> Any:
        return self.call("GET", path)

    def put(self, path: str, body: Any) -> Any:
        return self.call("PUT", path, body)


@pytest.fixture
def integration_user(db: None) -> User:
    return integration_account_create(username="marketplace", display_name="Marketplace")


@pytest.fixture
def api(client: Client, integration_user: User) -> Api:
    return Api(client, api_token_create(user=integration_user, name="sync").secret)


@pytest.fixture
def anonymous_api(client: Client) -> Api:
    return Api(client, None)
