"""Orders from the marketplace: validation, dates, and nothing half-written."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.errors import Conflict, DomainError
from comptoir.core.upsert import Outcome
from comptoir.orders.models import Order
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert


def an_order(**overrides: object) -> OrderInput:
    values: dict[str, object] = {
        "external_id": "o-77",
        "buyer": BuyerInput(external_id="b-77", email="marta@example.pl", display_name="Marta"),
        "status": "paid",
        "ordered_at": datetime(2026, 5, 4, 22, 30, tzinfo=UTC),
        "items": [
            ItemInput(
                title="Linen apron",
                unit_price=Decimal("35"),
                quantity=2,
                listing_external_id="listing-1",
            )
        ],
    }
    values.update(overrides)
    return OrderInput(**values)  # type: ignore[arg-type]


def test_dates_come_from_the_listing_in_the_shops_time_zone(shop: Shop, listing: Listing) -> None:
    order, outcome = order_upsert(shop=shop, data=an_order())

    # 22:30 UTC on 4 May is already 5 May in Paris (UTC+2); processing 1–3 days, carrier 2–5 days.
    assert outcome is Outcome.CREATED
    assert order.ship_by == date(2026, 5, 8)
    assert order.estimated_delivery_on == date(2026, 5, 13)
    assert order.total == Decimal("70")
    assert order.buyer.external_id == "b-77"


def test_the_same_order_twice_is_unchanged(shop: Shop, listing: Listing) -> None:
    order_upsert(shop=shop, data=an_order())
    _order, outcome = order_upsert(shop=shop, data=an_order())
    assert outcome is Outcome.UNCHANGED


def test_changing_items_updates_the_order(shop: Shop, listing: Listing) -> None:
    order_upsert(shop=shop, data=an_order())
    items = [ItemInput(title="Linen apron", unit_price=Decimal("35"), quantity=3)]
    order, outcome = order_upsert(shop=shop, data=an_order(items=items))
    assert outcome is Outcome.UPDATED
    assert order.total == Decimal("105")
    assert order.items.get().quantity == 3


def test_a_refused_order_creates_no_buyer(shop: Shop, listing: Listing) -> None:
    bad = an_order(
        items=[ItemInput(title="?", unit_price=Decimal("1"), listing_external_id="nope")],
        status="shipped",
    )
    with pytest.raises(DomainError) as err:
        order_upsert(shop=shop, data=bad)
    assert err.value.fields == {
        "items.0.listing_id": "unknown_listing",
        "shipped_at": "required_when_shipped",
    }
    assert not Order.objects.exists()
    assert not User.objects.filter(external_id="b-77").exists()


def test_a_paused_shop_gets_no_new_orders(shop: Shop, listing: Listing) -> None:
    shop_upsert(
        external_id=shop.external_id, name=shop.name, time_zone=shop.time_zone, status="paused"
    )
    shop.refresh_from_db()
    with pytest.raises(Conflict) as err:
        order_upsert(shop=shop, data=an_order())
    assert err.value.code == "shop_not_accepting_orders"
