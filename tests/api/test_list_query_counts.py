"""Every list endpoint costs the same number of queries for 1 row and for many."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.cases.services import case_upsert
from comptoir.catalog.services import listing_upsert
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import PolicyInput, shop_upsert
from tests.api.conftest import Api

ORDERED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def make_shops(shop: Shop, n: int) -> None:
    for i in range(n):
        shop_upsert(
            external_id=f"extra-{i}",
            name=f"Extra {i}",
            policies=[PolicyInput(section="privacy", options={"uses_data_only_for_orders": True})],
        )


def make_listings(shop: Shop, n: int) -> None:
    for i in range(n):
        listing_upsert(
            shop=shop,
            external_id=f"l-{i}",
            title=f"Bowl {i}",
            price=Decimal("20"),
            shipping_profile_external_id="sp-1",
            private_for_external_id=f"b-{i}" if i % 2 else None,
        )


def make_orders(shop: Shop, n: int, start: int = 0) -> list[str]:
    ids = []
    for i in range(start, start + n):
        order, _outcome = order_upsert(
            shop=shop,
            data=OrderInput(
                external_id=f"o-{i}",
                buyer=BuyerInput(external_id=f"b-{i}"),
                status="delivered",
                ordered_at=ORDERED,
                shipped_at=ORDERED + timedelta(days=1),
                delivered_at=ORDERED + timedelta(days=3),
                buyer_first_message_at=ORDERED + timedelta(days=4),
                items=[
                    ItemInput(
                        title="Bowl", unit_price=Decimal("20"), listing_external_id="listing-1"
                    ),
                    ItemInput(title="Cup", unit_price=Decimal("9")),
                ],
            ),
        )
        ids.append(order.external_id)
    return ids


def make_reviews(shop: Shop, n: int) -> None:
    start = shop.orders.count()
    for i, order_id in enumerate(make_orders(shop, n, start)):
        review_upsert(shop=shop, external_id=f"r-{start + i}", order_external_id=order_id, stars=4)


def make_cases(shop: Shop, n: int) -> None:
    start = shop.orders.count()
    for i, order_id in enumerate(make_orders(shop, n, start)):
        case_upsert(
            shop=shop,
            external_id=f"c-{start + i}",
            order_external_id=order_id,
            type="damaged",
            opened_at=ORDERED + timedelta(days=7),
        )


CASES: list[tuple[str, Callable[[Shop, int], object]]] = [
    ("/shops", make_shops),
    ("/shops/shop-1/listings", make_listings),
    ("/shops/shop-1/orders", make_orders),
    ("/shops/shop-1/reviews", make_reviews),
    ("/shops/shop-1/cases", make_cases),
]


def queries_for(api: Api, path: str) -> tuple[int, int]:
    api.get(path)  # the token's "last used" stamp is written at most once a minute
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path + "?limit=200")
    assert response.status_code == 200
    return len(captured), len(response.json()["items"])


@pytest.mark.parametrize(("path", "make"), CASES, ids=[c[0] for c in CASES])
def test_list_query_count_does_not_grow_with_rows(
    api: Api, shop: Shop, listing: object, path: str, make: Callable[[Shop, int], object]
) -> None:
    make(shop, 1)
    few, few_rows = queries_for(api, path)
    make(shop, 25)
    many, many_rows = queries_for(api, path)
    assert many_rows > few_rows >= 1
    assert many == few
