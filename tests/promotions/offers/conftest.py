"""Offers test data: the conftest shop (Atelier Lune, owner `seller`, EUR) on a frozen
clock, with coupon codes and sales made through the real services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.promotions.coupons import CouponInput, coupon_create
from comptoir.promotions.models import Coupon
from comptoir.shops.models import Shop
from comptoir.standards import ladder, rules
from tests.api.conftest import Api, api, integration_user
from tests.messaging.conftest import Client_, as_seller, as_staff

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def frozen() -> Iterator[datetime]:
    with clock.frozen_at(NOW):
        yield NOW


def make_coupon(shop: Shop, actor: User | None = None, **values: Any) -> Coupon:
    data: dict[str, Any] = {
        "code": "SUMMER10",
        "discount_kind": "percent",
        "amount": Decimal("10"),
        "starts_at": NOW - HOUR,
    }
    data.update(values)
    return coupon_create(shop=shop, actor=actor, data=CouponInput(**data))


@pytest.fixture
def coupon(shop: Shop, seller: User, frozen: datetime) -> Coupon:
    """SUMMER10: 10 % off, from an hour ago, a day long, 5 uses, 2 per buyer, from 20 EUR."""
    return make_coupon(
        shop,
        seller,
        ends_at=NOW + timedelta(days=1),
        usage_limit=5,
        per_buyer_limit=2,
        minimum_order=Decimal("20.00"),
    )


def refused(expected: str, call: Any, /, *args: Any, **kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    assert info.value.code == expected
    return info.value


def suspend_promotions(shop: Shop, staff: User) -> None:
    ladder.action_take(
        actor=staff,
        shop_id=shop.id,
        step=rules.Step.TEMPORARY,
        reason="Advertising to buyers without their consent.",
        measures=[rules.Measure.NO_PROMOTIONS],
    )
    shop.refresh_from_db()
    assert not shop.may_send_promotions


@pytest.fixture
def stranger(db: None) -> User:
    """Someone with an account who works in no shop."""
    return User.objects.create_user(username="stranger", password="stranger-pass-123")


@pytest.fixture
def as_stranger(stranger: User) -> Client_:
    return Client_(stranger)


__all__ = ["Api", "Client_", "api", "as_seller", "as_staff", "integration_user"]
