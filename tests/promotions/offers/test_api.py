"""Coupons and sales through the API: as a seller (their shop only), as the marketplace's
integration with its real token (checking and recording codes at checkout), and as
someone outside the shop (404)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.promotions.coupons import coupon_redeem
from comptoir.promotions.models import Coupon, Redemption, Sale
from comptoir.shops.models import Shop
from tests.promotions.offers.conftest import NOW, Api, Client_, suspend_promotions

pytestmark = pytest.mark.django_db

NEW_COUPON = {
    "code": "Summer-10",
    "discount_kind": "percent",
    "amount": "10",
    "starts_at": "2026-06-15T10:00:00Z",
    "ends_at": "2026-07-01T00:00:00+02:00",
    "usage_limit": 100,
    "per_buyer_limit": 1,
    "minimum_order": "20.00",
}


def body(response: Any) -> Any:
    return response.json()


def post(api: Api, path: str, data: Any) -> Any:
    return api.call("POST", path, data)


# --- as a seller ----------------------------------------------------------------------------


def test_a_seller_manages_their_codes(as_seller: Client_, frozen: datetime) -> None:
    created = as_seller.post("/shops/shop-1/coupons", NEW_COUPON)
    assert created.status_code == 201, created.content
    coupon = body(created)
    assert coupon["code"] == "Summer-10"
    assert coupon["amount"] == "10.00"
    assert coupon["currency"] == "EUR"
    assert (coupon["uses"], coupon["uses_left"], coupon["status"]) == (0, 100, "active")
    assert datetime.fromisoformat(coupon["ends_at"]) == datetime(2026, 6, 30, 22, tzinfo=UTC)

    listed = as_seller.get("/shops/shop-1/coupons")
    assert [c["code"] for c in body(listed)["items"]] == ["Summer-10"]
    path = f"/shops/shop-1/coupons/{coupon['id']}"
    assert body(as_seller.get(path))["minimum_order"] == "20.00"

    patched = as_seller.call("PATCH", path, {"usage_limit": None, "amount": "15"})
    assert patched.status_code == 200, patched.content
    assert (body(patched)["usage_limit"], body(patched)["amount"]) == (None, "15.00")

    off = as_seller.post(path + "/disable")
    assert (off.status_code, body(off)["status"]) == (200, "turned_off")


def test_a_taken_code_is_a_conflict_whatever_the_case(as_seller: Client_, frozen: datetime) -> None:
    assert as_seller.post("/shops/shop-1/coupons", NEW_COUPON).status_code == 201
    again = as_seller.post("/shops/shop-1/coupons", {**NEW_COUPON, "code": "SUMMER-10"})
    assert (again.status_code, body(again)["code"]) == (409, "coupon_code_taken")


def test_every_invalid_field_is_named(as_seller: Client_, frozen: datetime) -> None:
    bad = {**NEW_COUPON, "code": "no spaces", "amount": "150", "usage_limit": 0,
           "ends_at": "2026-06-15T09:00:00Z"}  # fmt: skip
    answer = as_seller.post("/shops/shop-1/coupons", bad)
    assert answer.status_code == 422
    assert body(answer)["code"] == "invalid_coupon"
    assert body(answer)["fields"] == {
        "code": "invalid_characters",
        "amount": "over_100",
        "usage_limit": "at_least_one",
        "ends_at": "ends_before_start",
    }
    typed = as_seller.post("/shops/shop-1/coupons", {**NEW_COUPON, "amount": "lots"})
    assert (typed.status_code, body(typed)["code"]) == (422, "invalid_payload")
    assert "amount" in body(typed)["fields"]
    assert not Coupon.objects.exists()


def test_outsiders_get_404(
    as_stranger: Client_, as_seller: Client_, coupon: Coupon, as_staff: Client_
) -> None:
    for client in (as_stranger, as_staff):
        for path in (
            "/shops/shop-1/coupons",
            f"/shops/shop-1/coupons/{coupon.id}",
            f"/shops/shop-1/coupons/{coupon.id}/redemptions",
            "/shops/shop-1/sales",
        ):
            answer = client.get(path)
            assert (answer.status_code, body(answer)["code"]) == (404, "shop_not_found"), path
        answer = client.post("/shops/shop-1/coupons", NEW_COUPON)
        assert answer.status_code == 404
        assert client.post(f"/shops/shop-1/coupons/{coupon.id}/disable").status_code == 404
    coupon.refresh_from_db()
    assert coupon.disabled_at is None
    assert as_seller.get("/shops/no-such-shop/coupons").status_code == 404


def test_a_seller_cannot_check_or_record_codes(as_seller: Client_, coupon: Coupon) -> None:
    checked = as_seller.post(
        "/shops/shop-1/coupons/check",
        {"code": "SUMMER10", "buyer_id": "b", "order_total": "30"},
    )
    assert (checked.status_code, body(checked)["code"]) == (403, "forbidden")
    recorded = as_seller.post(
        "/shops/shop-1/coupons/redeem",
        {"code": "SUMMER10", "buyer_id": "b", "order_id": "o", "order_total": "30"},
    )
    assert recorded.status_code == 403
    assert not Redemption.objects.exists()


# --- the marketplace at checkout ---------------------------------------------------------------


def test_the_integration_checks_a_code(api: Api, coupon: Coupon) -> None:
    answer = post(
        api,
        "/shops/shop-1/coupons/check",
        {"code": "summer10", "buyer_id": "buyer-1", "order_total": "35", "listing_ids": []},
    )
    assert answer.status_code == 200, answer.content
    assert body(answer) == {
        "code": "SUMMER10",
        "coupon_id": coupon.id,
        "discount": "3.50",
        "total_after": "31.50",
        "currency": "EUR",
        "uses_left": 5,
    }


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"code": "WINTER"}, 404, "coupon_not_found"),
        ({"order_total": "19.99"}, 409, "coupon_minimum_not_met"),
        ({"order_total": "-1"}, 422, "invalid_order"),
        ({"order_total": "ten"}, 422, "invalid_payload"),
        ({"code": ""}, 422, "invalid_order"),
        ({"listing_ids": ["someone-elses"]}, 422, "invalid_order"),
    ],
)
def test_refusals_have_stable_codes(
    api: Api, coupon: Coupon, payload: dict[str, Any], status: int, code: str
) -> None:
    data = {"code": "SUMMER10", "buyer_id": "buyer-1", "order_total": "35", **payload}
    answer = post(api, "/shops/shop-1/coupons/check", data)
    assert (answer.status_code, body(answer)["code"]) == (status, code)
    assert set(body(answer)) == {"code", "message", "fields"}


def test_recording_a_use_is_idempotent_per_order(api: Api, coupon: Coupon) -> None:
    data = {"code": "Summer10", "buyer_id": "mp-77", "order_id": "order-9", "order_total": "40"}
    first = post(api, "/shops/shop-1/coupons/redeem", data)
    assert first.status_code == 201, first.content
    assert first["Comptoir-Outcome"] == "created"
    use = body(first)
    assert (use["order_id"], use["buyer_id"], use["discount"], use["order_total"]) == (
        "order-9",
        "mp-77",
        "4.00",
        "40.00",
    )
    again = post(api, "/shops/shop-1/coupons/redeem", {**data, "order_total": "80"})
    assert again.status_code == 200
    assert again["Comptoir-Outcome"] == "unchanged"
    assert body(again) == use
    coupon.refresh_from_db()
    assert coupon.uses == 1
    assert body(post(api, "/shops/shop-1/coupons/check", data))["uses_left"] == 4


def test_a_refused_use_writes_nothing(api: Api, coupon: Coupon) -> None:
    data = {"code": "SUMMER10", "buyer_id": "mp-new", "order_id": "o-1", "order_total": "5"}
    answer = post(api, "/shops/shop-1/coupons/redeem", data)
    assert (answer.status_code, body(answer)["code"]) == (409, "coupon_minimum_not_met")
    missing = post(api, "/shops/shop-1/coupons/redeem", {"code": "SUMMER10"})
    assert missing.status_code == 422
    assert set(body(missing)["fields"]) == {"buyer_id", "order_id", "order_total"}
    assert not Redemption.objects.exists()
    assert not User.objects.filter(external_id="mp-new").exists()


def test_suspended_promotions(api: Api, coupon: Coupon, staff: User, shop: Shop) -> None:
    suspend_promotions(shop, staff)
    data = {"code": "SUMMER10", "buyer_id": "b", "order_id": "o-1", "order_total": "50"}
    for path in ("/shops/shop-1/coupons/check", "/shops/shop-1/coupons/redeem"):
        answer = post(api, path, data)
        assert (answer.status_code, body(answer)["code"]) == (409, "promotions_suspended")
    created = post(api, "/shops/shop-1/coupons", {**NEW_COUPON, "code": "OTHER"})
    assert (created.status_code, body(created)["code"]) == (409, "promotions_suspended")


def test_the_integration_manages_codes_too(api: Api, shop: Shop, frozen: datetime) -> None:
    created = post(api, "/shops/shop-1/coupons", NEW_COUPON)
    assert created.status_code == 201, created.content
    assert [c["code"] for c in body(api.get("/shops/shop-1/coupons"))["items"]] == ["Summer-10"]
    assert api.get("/shops/nope/coupons").status_code == 404


# --- the list of uses ------------------------------------------------------------------------


def _uses(shop: Shop, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        coupon_redeem(
            shop=shop, code="SUMMER10", buyer_id=f"b{i}", order_id=f"o{i}", order_total=Decimal(50)
        )


def test_the_uses_are_paged_latest_first_in_a_fixed_number_of_queries(
    as_seller: Client_, api: Api, coupon: Coupon, shop: Shop
) -> None:
    Coupon.objects.filter(pk=coupon.pk).update(usage_limit=None, per_buyer_limit=None)
    path = f"/shops/shop-1/coupons/{coupon.id}/redemptions"
    _uses(shop, 3)
    as_seller.get(path)  # warm the token's user and permissions
    with CaptureQueriesContext(connection) as few:
        assert len(body(as_seller.get(path, limit=2))["items"]) == 2
    _uses(shop, 30, start=3)
    with CaptureQueriesContext(connection) as many:
        page = body(as_seller.get(path, limit=20))
    assert len(many) == len(few)
    # the token with its user, the shop (membership), the coupon, the page with its buyers
    assert len(many) == 4, [q["sql"] for q in many.captured_queries]
    assert [r["order_id"] for r in page["items"][:3]] == ["o32", "o31", "o30"]
    assert page["items"][0]["buyer_id"] == "b32"
    rest = body(as_seller.get(path, limit=20, cursor=page["next_cursor"]))
    assert len(rest["items"]) == 13
    assert rest["next_cursor"] is None
    assert len(body(api.get(path))["items"]) == 33


# --- sales -------------------------------------------------------------------------------------


def test_a_seller_runs_a_sale_and_the_marketplace_reads_the_price(
    as_seller: Client_, api: Api, listing: Listing, frozen: datetime
) -> None:
    created = as_seller.post(
        "/shops/shop-1/sales",
        {
            "name": "Aprons",
            "discount_kind": "amount",
            "amount": "5",
            "ends_at": (NOW + timedelta(days=2)).isoformat(),
            "all_listings": False,
            "listing_ids": ["listing-1"],
        },
    )
    assert created.status_code == 201, created.content
    sale = body(created)
    assert (sale["listing_ids"], sale["status"], sale["starts_at"][:19]) == (
        ["listing-1"],
        "active",
        "2026-06-15T12:00:00",
    )
    priced = body(api.get("/shops/shop-1/listings/listing-1/price"))
    assert priced == {
        "listing_id": "listing-1",
        "currency": "EUR",
        "price": "35.00",
        "sale_price": "30.00",
        "discount": "5.00",
        "sale": {"id": sale["id"], "name": "Aprons", "ends_at": sale["ends_at"]},
    }
    assert [
        s["id"] for s in body(as_seller.get("/shops/shop-1/sales", state="active"))["items"]
    ] == [sale["id"]]
    assert body(as_seller.get("/shops/shop-1/sales", state="ended"))["items"] == []

    ended = as_seller.post(f"/shops/shop-1/sales/{sale['id']}/end")
    assert (ended.status_code, body(ended)["status"]) == (200, "ended")
    again = as_seller.post(f"/shops/shop-1/sales/{sale['id']}/end")
    assert (again.status_code, body(again)["code"]) == (409, "sale_ended")
    priced = body(api.get("/shops/shop-1/listings/listing-1/price"))
    assert (priced["sale_price"], priced["sale"]) == ("35.00", None)
    assert api.get("/shops/shop-1/listings/nope/price").status_code == 404


def test_an_invalid_sale_names_its_fields(as_seller: Client_, frozen: datetime) -> None:
    answer = as_seller.post(
        "/shops/shop-1/sales",
        {"name": "", "discount_kind": "percent", "amount": "0", "ends_at": "2026-06-01T00:00:00Z",
         "all_listings": False, "listing_ids": ["nope"]},
    )  # fmt: skip
    assert (answer.status_code, body(answer)["code"]) == (422, "invalid_sale")
    assert body(answer)["fields"] == {
        "name": "required",
        "amount": "not_positive",
        "ends_at": "ends_before_start",
        "listing_ids": "unknown_listing",
    }
    assert not Sale.objects.exists()


def test_the_sales_list_takes_a_fixed_number_of_queries(
    as_seller: Client_, listing: Listing, frozen: datetime
) -> None:
    def create(n: int) -> None:
        for i in range(n):
            as_seller.post(
                "/shops/shop-1/sales",
                {"name": f"S{i}", "discount_kind": "percent", "amount": "5",
                 "ends_at": "2026-07-01T00:00:00Z", "all_listings": i % 2 == 0,
                 "listing_ids": ["listing-1"]},
            )  # fmt: skip

    create(2)
    with CaptureQueriesContext(connection) as few:
        as_seller.get("/shops/shop-1/sales")
    create(10)
    with CaptureQueriesContext(connection) as many:
        items = body(as_seller.get("/shops/shop-1/sales"))["items"]
    assert len(items) == 12
    assert len(many) == len(few)


def test_the_api_is_documented(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/shops/{shop_id}/coupons",
        "/api/v1/shops/{shop_id}/coupons/check",
        "/api/v1/shops/{shop_id}/coupons/redeem",
        "/api/v1/shops/{shop_id}/coupons/{coupon_id}",
        "/api/v1/shops/{shop_id}/coupons/{coupon_id}/disable",
        "/api/v1/shops/{shop_id}/coupons/{coupon_id}/redemptions",
        "/api/v1/shops/{shop_id}/sales",
        "/api/v1/shops/{shop_id}/sales/{sale_id}/end",
        "/api/v1/shops/{shop_id}/listings/{listing_id}/price",
    ):
        assert path in schema["paths"], path
