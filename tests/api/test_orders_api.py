"""Orders through the integration API."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.orders.models import Order
from comptoir.shops.models import Shop
from tests.api.conftest import Api


def an_order(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "buyer": {"id": "b-42", "email": "jan@example.pl", "display_name": "Jan"},
        "status": "paid",
        "ordered_at": "2026-05-04T22:30:00Z",
        "items": [{"listing_id": "listing-1", "title": "Linen apron", "unit_price": "35.00"}],
    }
    body.update(changes)
    return body


def test_an_order_is_created_with_its_dates_and_read_back(api: Api, listing: Listing) -> None:
    created = api.put("/shops/shop-1/orders/o-1", an_order())
    assert created.status_code == 201
    body = created.json()
    assert body["ship_by"] == "2026-05-08"
    assert body["estimated_delivery_on"] == "2026-05-13"
    assert body["buyer"] == {"id": "b-42", "email": "jan@example.pl", "display_name": "Jan"}
    assert body["items"][0]["listing_id"] == "listing-1"
    assert api.get("/shops/shop-1/orders/o-1").json() == body

    again = api.put("/shops/shop-1/orders/o-1", an_order())
    assert (again.status_code, again["Comptoir-Outcome"], again.json()) == (200, "unchanged", body)


def test_shipping_is_an_update(api: Api, listing: Listing) -> None:
    api.put("/shops/shop-1/orders/o-1", an_order())
    shipped = api.put(
        "/shops/shop-1/orders/o-1",
        an_order(
            status="shipped",
            shipped_at="2026-05-06T09:00:00Z",
            tracking_carrier="La Poste",
            tracking_number="6A123",
        ),
    )
    assert (shipped.status_code, shipped["Comptoir-Outcome"]) == (200, "updated")
    assert shipped.json()["tracking_number"] == "6A123"


def test_a_refused_order_leaves_nothing_behind(api: Api, listing: Listing) -> None:
    response = api.put(
        "/shops/shop-1/orders/o-1",
        an_order(items=[{"listing_id": "ghost", "title": "?", "unit_price": "1"}]),
    )
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid_order",
        "message": "The order is not valid.",
        "fields": {"items.0.listing_id": "unknown_listing"},
    }
    assert not Order.objects.exists()
    assert not User.objects.filter(external_id="b-42").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"ordered_at": "yesterday"}, "ordered_at"),
        ({"items": []}, "items"),
        ({"items": [{"title": "x", "unit_price": "-1"}]}, "items.0.unit_price"),
        ({"items": [{"title": "x", "unit_price": "1", "quantity": "two"}]}, "items.0.quantity"),
        ({"buyer": {"email": "no-id@example.org"}}, "buyer.id"),
    ],
)
def test_wrong_types_name_the_field(
    api: Api, listing: Listing, change: dict[str, Any], field: str
) -> None:
    response = api.put("/shops/shop-1/orders/o-1", an_order(**change))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_payload"
    assert field in response.json()["fields"]
    assert not Order.objects.exists()


def test_an_order_for_an_unknown_shop_is_404(api: Api) -> None:
    response = api.put("/shops/nowhere/orders/o-1", an_order())
    assert (response.status_code, response.json()["code"]) == (404, "shop_not_found")


def test_a_paused_shop_gets_no_new_orders(api: Api, shop: Shop, listing: Listing) -> None:
    api.put("/shops/shop-1", {"name": shop.name, "time_zone": shop.time_zone, "status": "paused"})
    response = api.put("/shops/shop-1/orders/o-1", an_order())
    assert (response.status_code, response.json()["code"]) == (409, "shop_not_accepting_orders")
    assert not Order.objects.exists()


def test_another_shops_order_is_404(api: Api, order: Order) -> None:
    api.put("/shops/shop-2", {"name": "Other"})
    response = api.get("/shops/shop-2/orders/order-1")
    assert (response.status_code, response.json()["code"]) == (404, "order_not_found")


def count_queries(api: Api, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


def test_the_order_list_costs_the_same_queries_for_1_or_30_orders(
    api: Api, listing: Listing
) -> None:
    api.put("/shops/shop-1/orders/o-0", an_order())
    one = count_queries(api, "/shops/shop-1/orders")
    for i in range(1, 30):
        api.put(f"/shops/shop-1/orders/o-{i}", an_order(buyer={"id": f"b-{i}"}))
    thirty = count_queries(api, "/shops/shop-1/orders")
    assert one[1] == 1
    assert thirty[1] == 30
    assert thirty[0] == one[0]


def test_orders_filter_by_status_newest_first(api: Api, listing: Listing) -> None:
    api.put("/shops/shop-1/orders/old", an_order(ordered_at="2026-05-01T10:00:00Z"))
    api.put("/shops/shop-1/orders/new", an_order(ordered_at="2026-05-03T10:00:00Z"))
    api.put(
        "/shops/shop-1/orders/gone",
        an_order(status="cancelled", cancelled_at="2026-05-04T23:00:00Z"),
    )
    paid = api.get("/shops/shop-1/orders?status=paid").json()["items"]
    assert [o["id"] for o in paid] == ["new", "old"]
    assert api.get("/shops/shop-1/orders?status=lost").status_code == 422
