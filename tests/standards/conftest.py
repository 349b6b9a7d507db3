"""Standards test data: a shop with a good record and one its buyers are unhappy with,
built through the marketplace services, on a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.cases.services import case_upsert
from comptoir.core import clock
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.api.conftest import api, integration_user
from tests.messaging.conftest import Client_, as_buyer, as_seller, as_staff

TODAY = date(2026, 6, 15)
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with clock.frozen_at(NOON):
        yield


def at(days_ago: int, hour: int = 10, today: date = TODAY) -> datetime:
    return datetime.combine(today - timedelta(days=days_ago), datetime.min.time(), UTC).replace(
        hour=hour
    )


def place_order(shop: Shop, key: str, placed: datetime, **extra: Any) -> None:
    shipped = extra.pop("shipped", True)
    ship_by = extra.pop("ship_by", placed.date() + timedelta(days=2))
    order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=key,
            buyer=BuyerInput(external_id=f"buyer-{key}", email=f"{key}@example.org"),
            status="shipped" if shipped else "paid",
            ordered_at=placed,
            ship_by=ship_by,
            estimated_delivery_on=placed.date() + timedelta(days=5),
            shipped_at=placed + timedelta(days=1) if shipped else None,
            tracking_carrier="La Poste" if shipped else "",
            tracking_number=f"T-{key}" if shipped else "",
            buyer_first_message_at=placed + timedelta(days=6),
            items=[ItemInput(title="Mug", unit_price=Decimal("20.00"))],
            **extra,
        ),
    )


def make_unhappy(shop: Shop, prefix: str = "u", today: date = TODAY) -> None:
    """Ten orders in the last 50 days, three of them dissatisfied (a case, two 1–2 star
    reviews): 30 %, 3 since the first sale, 3 in 60 days. Flagged."""
    for n in range(10):
        place_order(shop, f"{prefix}{n}", at(50 - n, today=today))
    case_upsert(shop=shop, external_id=f"{prefix}-c1", order_external_id=f"{prefix}0",
                type="non_delivery", opened_at=at(30, today=today))  # fmt: skip
    review_upsert(shop=shop, external_id=f"{prefix}-r1", order_external_id=f"{prefix}1",
                  stars=1, reviewed_at=at(20, today=today))  # fmt: skip
    review_upsert(shop=shop, external_id=f"{prefix}-r2", order_external_id=f"{prefix}2",
                  stars=2, reviewed_at=at(10, today=today))  # fmt: skip


@pytest.fixture
def unhappy_shop(shop: Shop, seller: User) -> Shop:
    """The conftest shop (Atelier Lune, owner `seller`), flagged for dissatisfaction."""
    seller.email = "claire@example.org"
    seller.save(update_fields=["email"])
    make_unhappy(shop)
    return shop


@pytest.fixture
def good_shop(db: None) -> Shop:
    good, _ = shop_upsert(external_id="good", name="Good", time_zone="Europe/Paris")
    for n in range(50):
        place_order(good, f"g{n}", at(80 - n))
    review_upsert(
        shop=good, external_id="g-r1", order_external_id="g3", stars=1, reviewed_at=at(70)
    )  # fmt: skip  (an isolated incident)
    return good


__all__ = ["Client_", "api", "as_buyer", "as_seller", "as_staff", "integration_user"]
