"""Moderation test helpers: the messaging API clients, and a thread between the buyer of
order-1 and the shop to write in."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.consent.services import consent_set
from comptoir.core.models import OutboxEmail
from comptoir.orders.models import Order
from comptoir.shops.models import Shop
from tests.messaging.conftest import (
    Client_,
    as_buyer,
    as_other_buyer,
    as_seller,
    as_staff,
    other_buyer,
)

ADVERT = "Thanks again! Our new collection is out: 20% off with promo code SPRING."
OFF_PLATFORM = "Please pay by Western Union to avoid the fees, it is cheaper for both of us."
EXTORTION = "Refund me 20 euros or I will leave a 1-star review."


@pytest.fixture
def order_thread(as_buyer: Client_, as_seller: Client_, order: Order) -> dict[str, Any]:
    """The buyer's help request about order-1 (a clean message), as the API returned it."""
    response = as_buyer.post(
        "/me/conversations",
        {
            "kind": "help_request",
            "order_id": "order-1",
            "reason": "not_received",
            "body": "Hello, my parcel has not arrived yet.",
        },
    )
    assert response.status_code == 201, response.json()
    return dict(response.json())


def shop_says(as_seller: Client_, conversation_id: int, body: str) -> dict[str, Any]:
    response = as_seller.post(
        f"/shops/shop-1/conversations/{conversation_id}/messages", {"body": body}
    )
    assert response.status_code == 201, response.json()
    return dict(response.json())


def buyer_says(as_buyer: Client_, conversation_id: int, body: str) -> dict[str, Any]:
    response = as_buyer.post(f"/me/conversations/{conversation_id}/messages", {"body": body})
    assert response.status_code == 201, response.json()
    return dict(response.json())


def buyer_sees(as_buyer: Client_, conversation_id: int) -> dict[int, dict[str, Any]]:
    response = as_buyer.get(f"/me/conversations/{conversation_id}")
    assert response.status_code == 200, response.json()
    return {m["id"]: m for m in response.json()["messages"]}


def shop_sees(as_seller: Client_, conversation_id: int) -> dict[int, dict[str, Any]]:
    response = as_seller.get(f"/shops/shop-1/conversations/{conversation_id}")
    assert response.status_code == 200, response.json()
    return {m["id"]: m for m in response.json()["messages"]}


def mails_to(address: str) -> int:
    return OutboxEmail.objects.filter(recipient=address).count()


def consents(buyer: User, shop: Shop) -> None:
    consent_set(buyer_id=buyer.id, shop_id=shop.id, given=True, source="checkout")


__all__ = [
    "Client_",
    "as_buyer",
    "as_other_buyer",
    "as_seller",
    "as_staff",
    "other_buyer",
]
