"""Sends and follow-ups test data: past buyers of Atelier Lune (shop-1, Europe/Paris),
built through the marketplace services, their consent set as at checkout, on a frozen
clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django_tasks_db.models import DBTaskResult

from comptoir.accounts.models import User
from comptoir.consent.services import consent_set
from comptoir.core import clock
from comptoir.orders.models import Order
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.promotions.tasks import send_campaign
from comptoir.shops.models import Shop
from tests.api.conftest import api, integration_user
from tests.messaging.conftest import Client_, as_buyer, as_seller, as_staff, other_buyer

NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # 14:00 in Paris


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with clock.frozen_at(NOON):
        yield


def buy(
    shop: Shop,
    order_key: str,
    buyer_key: str,
    *,
    at: datetime = NOON - timedelta(days=20),
    status: str = "paid",
    listing: str | None = None,
    delivered_at: datetime | None = None,
    language: str = "",
    first_message_at: datetime | None = None,
) -> Order:
    """An order by the buyer `buyer_key` (created on first use, e-mail buyer_key@example.org)."""
    order, _ = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=order_key,
            buyer=BuyerInput(
                external_id=buyer_key,
                email=f"{buyer_key}@example.org",
                display_name=buyer_key.title(),
                language=language,
            ),
            status=status,
            ordered_at=at,
            ship_by=(at + timedelta(days=2)).date(),
            estimated_delivery_on=(at + timedelta(days=6)).date(),
            shipped_at=at + timedelta(days=1) if status in ("shipped", "delivered") else None,
            delivered_at=delivered_at,
            cancelled_at=at + timedelta(hours=2) if status == "cancelled" else None,
            buyer_first_message_at=first_message_at,
            items=[
                ItemInput(title="Mug", unit_price=Decimal("20.00"), listing_external_id=listing)
            ],
        ),
    )
    return order


def consent(shop: Shop, buyer_key: str, given: bool = True) -> User:
    buyer = User.objects.get(external_id=buyer_key)
    consent_set(buyer_id=buyer.id, shop_id=shop.id, given=given, source="checkout")
    return buyer


def run_sends() -> list[str]:
    """Run the queued send tasks as the worker would, until none is left."""
    outcomes = []
    while True:
        row = (
            DBTaskResult.objects.ready()
            .filter(task_path__endswith="send_campaign")
            .order_by("enqueued_at")
            .first()
        )
        if row is None:
            return outcomes
        row.delete()
        outcomes.append(send_campaign.call(*row.args_kwargs["args"]))


@pytest.fixture
def buyers(shop: Shop) -> Shop:
    """Five past buyers: ann, bea, cid agreed; dov never answered; eli withdrew.

    (test_web.py has its own four.)"""
    for n, key in enumerate(["ann", "bea", "cid", "dov", "eli"]):
        buy(shop, f"o-{key}", key, at=NOON - timedelta(days=30 - n))
    for key in ("ann", "bea", "cid", "eli"):
        consent(shop, key)
    consent(shop, "eli", given=False)
    return shop


def queued_sends() -> int:
    return DBTaskResult.objects.ready().filter(task_path__endswith="send_campaign").count()


__all__ = [
    "Client_",
    "api",
    "as_buyer",
    "as_seller",
    "as_staff",
    "integration_user",
    "other_buyer",
]
