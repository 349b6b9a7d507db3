"""Consent test data: orders fed through the real integration API, on a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from comptoir.core import clock
from tests.api.conftest import Api, api, integration_user
from tests.messaging.conftest import Client_, as_buyer, as_other_buyer, as_seller, other_buyer

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
ORDERED_AT = "2026-06-01T09:30:00Z"
ORDERED = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with clock.frozen_at(NOW):
        yield


def an_order(buyer: str = "buyer-1", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "buyer": {"id": buyer, "email": f"{buyer}@example.org"},
        "status": "paid",
        "ordered_at": ORDERED_AT,
        "items": [{"title": "Linen apron", "unit_price": "35.00"}],
    }
    body.update(changes)
    return body


def checkout(api: Api, order_id: str, shop: str = "shop-1", **changes: Any) -> Any:
    """PUT an order through the integration API; asserts the marketplace got a 2xx."""
    response = api.put(f"/shops/{shop}/orders/{order_id}", an_order(**changes))
    assert response.status_code in (200, 201), response.json()
    return response


__all__ = [
    "Client_",
    "api",
    "as_buyer",
    "as_other_buyer",
    "as_seller",
    "integration_user",
    "other_buyer",
]
