"""Coupon codes through the real services: creating, the rules at checkout at every edge,
and recording a use (atomic, idempotent per order, nothing written when refused)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import Conflict, NotFound
from comptoir.promotions.coupons import (
    coupon_check,
    coupon_disable,
    coupon_redeem,
    coupon_update,
)
from comptoir.promotions.models import Coupon, Redemption
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.promotions.offers.conftest import HOUR, NOW, make_coupon, refused, suspend_promotions

pytestmark = pytest.mark.django_db


def check(shop: Shop, code: str = "SUMMER10", total: str = "50.00", buyer: str = "buyer-1") -> Any:
    return coupon_check(shop=shop, code=code, buyer_id=buyer, order_total=Decimal(total))


def redeem(
    shop: Shop, order: str, total: str = "50.00", buyer: str = "buyer-1", code: str = "SUMMER10"
) -> tuple[Redemption, bool]:
    return coupon_redeem(
        shop=shop, code=code, buyer_id=buyer, order_id=order, order_total=Decimal(total)
    )


# --- creating ----------------------------------------------------------------------------------


def test_a_seller_creates_a_code(coupon: Coupon, seller: User) -> None:
    assert coupon.code == "SUMMER10"
    assert coupon.uses == 0
    assert coupon.created_by == seller


def test_codes_are_unique_per_shop_whatever_their_case(shop: Shop, coupon: Coupon) -> None:
    error = refused("coupon_code_taken", make_coupon, shop, code="summer10")
    assert isinstance(error, Conflict)
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    assert make_coupon(other, code="summer10").code == "summer10"  # stored as typed


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"code": "AB"}, {"code": "too_short"}),
        ({"code": "A" * 41}, {"code": "too_long"}),
        ({"code": "SUMMER 10"}, {"code": "invalid_characters"}),
        ({"code": "ÉTÉ10"}, {"code": "invalid_characters"}),
        ({"code": ""}, {"code": "required"}),
        ({"amount": Decimal("0")}, {"amount": "not_positive"}),
        ({"amount": Decimal("101")}, {"amount": "over_100"}),
        ({"discount_kind": "amount", "amount": Decimal("5.001")}, {"amount": "too_many_decimals"}),
        ({"discount_kind": "gift"}, {"discount_kind": "invalid_choice"}),
        ({"usage_limit": 0, "per_buyer_limit": 0},
         {"usage_limit": "at_least_one", "per_buyer_limit": "at_least_one"}),
        ({"minimum_order": Decimal("-1")}, {"minimum_order": "negative"}),
        ({"ends_at": NOW - HOUR}, {"ends_at": "ends_before_start"}),
        ({"starts_at": NOW - 3 * HOUR, "ends_at": NOW - HOUR}, {"ends_at": "in_the_past"}),
    ],
)  # fmt: skip
def test_invalid_settings_write_nothing(
    shop: Shop, frozen: datetime, values: dict[str, Any], fields: dict[str, str]
) -> None:
    error = refused("invalid_coupon", make_coupon, shop, **values)
    assert error.status == 422
    assert error.fields == fields
    assert not Coupon.objects.exists()


def test_a_code_starts_now_when_no_start_is_given(shop: Shop, frozen: datetime) -> None:
    assert make_coupon(shop, code="NOW-1", starts_at=None).starts_at == NOW


def test_a_shop_with_promotions_suspended_cannot_create_codes_and_its_codes_stop(
    shop: Shop, coupon: Coupon, staff: User
) -> None:
    suspend_promotions(shop, staff)
    refused("promotions_suspended", make_coupon, shop, code="WINTER")
    refused("promotions_suspended", check, shop)
    refused("promotions_suspended", redeem, shop, "o-1")
    assert not Redemption.objects.exists()


# --- checking at checkout ---------------------------------------------------------------------


def test_a_valid_code_gives_its_discount(shop: Shop, coupon: Coupon) -> None:
    checked = check(shop, total="35.00")
    assert checked.coupon == coupon
    assert checked.discount == Decimal("3.50")
    assert checked.total_after == Decimal("31.50")
    assert checked.uses_left == 5


@pytest.mark.parametrize("typed", ["summer10", "Summer10", " SUMMER10 "])
def test_codes_match_whatever_the_case(shop: Shop, coupon: Coupon, typed: str) -> None:
    assert check(shop, code=typed).coupon == coupon


def test_another_shops_code_is_not_found(shop: Shop, coupon: Coupon) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    error = refused("coupon_not_found", check, other)
    assert isinstance(error, NotFound)
    refused("coupon_not_found", check, shop, code="WINTER10")


def test_the_window_to_the_second(shop: Shop, coupon: Coupon) -> None:
    second = timedelta(seconds=1)
    with clock.frozen_at(coupon.starts_at - second):
        refused("coupon_not_started", check, shop)
    with clock.frozen_at(coupon.starts_at):
        assert check(shop).discount == Decimal("5.00")
    assert coupon.ends_at is not None
    with clock.frozen_at(coupon.ends_at - second):
        assert check(shop).discount == Decimal("5.00")
    with clock.frozen_at(coupon.ends_at):
        refused("coupon_expired", check, shop)
        refused("coupon_expired", redeem, shop, "o-late")


def test_the_minimum_order_is_met_when_equal(shop: Shop, coupon: Coupon) -> None:
    assert check(shop, total="20.00").total_after == Decimal("18.00")
    error = refused("coupon_minimum_not_met", check, shop, total="19.99")
    assert "20.00 EUR" in error.message


def test_a_turned_off_code_stops_at_once(shop: Shop, coupon: Coupon) -> None:
    coupon_disable(shop=shop, coupon_id=coupon.id)
    refused("coupon_disabled", check, shop)
    refused("coupon_disabled", redeem, shop, "o-1")
    again = coupon_disable(shop=shop, coupon_id=coupon.id)  # twice is fine
    assert again.disabled_at == NOW


def test_the_usage_limit(shop: Shop, coupon: Coupon) -> None:
    for n in range(5):
        redeem(shop, f"o-{n}", buyer=f"b-{n}")
    refused("coupon_used_up", check, shop, buyer="b-new")
    refused("coupon_used_up", redeem, shop, "o-6", buyer="b-new")
    coupon.refresh_from_db()
    assert coupon.uses == 5 == Redemption.objects.filter(coupon=coupon).count()


def test_the_per_buyer_limit(shop: Shop, coupon: Coupon) -> None:
    redeem(shop, "o-1")
    assert check(shop).uses_left == 4
    redeem(shop, "o-2")
    refused("coupon_buyer_limit_reached", check, shop)
    refused("coupon_buyer_limit_reached", redeem, shop, "o-3")
    assert check(shop, buyer="buyer-2").uses_left == 3


def test_checking_writes_nothing(shop: Shop, coupon: Coupon) -> None:
    check(shop, buyer="never-seen")
    assert not User.objects.filter(external_id="never-seen").exists()
    coupon.refresh_from_db()
    assert coupon.uses == 0


def test_listings_of_the_order_must_be_the_shops(shop: Shop, coupon: Coupon, listing: Any) -> None:
    ok = coupon_check(
        shop=shop, code="summer10", buyer_id="b", order_total=Decimal(35), listing_ids=["listing-1"]
    )
    assert ok.discount == Decimal("3.50")
    error = refused(
        "invalid_order", coupon_check, shop=shop, code="summer10", buyer_id="b",
        order_total=Decimal(35), listing_ids=["listing-1", "elsewhere"],
    )  # fmt: skip
    assert error.fields == {"listing_ids": "unknown_listing"}


# --- recording a use ---------------------------------------------------------------------------


def test_recording_a_use_counts_it(shop: Shop, coupon: Coupon, buyer: User) -> None:
    redemption, created = redeem(shop, "o-1", total="35.00")
    assert created
    assert (redemption.buyer, redemption.order_external_id) == (buyer, "o-1")
    assert (redemption.order_total, redemption.discount, redemption.at) == (
        Decimal("35.00"),
        Decimal("3.50"),
        NOW,
    )
    coupon.refresh_from_db()
    assert coupon.uses == 1


def test_recording_the_same_order_again_returns_the_first_use(shop: Shop, coupon: Coupon) -> None:
    first, _ = redeem(shop, "o-1", total="35.00")
    again, created = redeem(shop, "o-1", total="99.00", buyer="someone-else")
    assert not created
    assert again.id == first.id
    assert again.order_total == Decimal("35.00")
    coupon.refresh_from_db()
    assert coupon.uses == 1
    coupon_disable(shop=shop, coupon_id=coupon.id)
    assert redeem(shop, "o-1")[0].id == first.id  # even once the code is off


def test_an_unknown_buyer_is_created_like_orders_do(shop: Shop, coupon: Coupon) -> None:
    redemption, _ = redeem(shop, "o-1", buyer="mp-buyer-77")
    assert redemption.buyer.external_id == "mp-buyer-77"
    assert not redemption.buyer.has_usable_password()


def test_a_refused_use_writes_nothing(shop: Shop, coupon: Coupon) -> None:
    refused("coupon_minimum_not_met", redeem, shop, "o-1", total="5.00", buyer="new-buyer")
    error = refused("invalid_order", redeem, shop, "", total="-1", buyer="")
    assert error.fields == {
        "order_id": "required",
        "order_total": "negative",
        "buyer_id": "required",
    }
    assert not Redemption.objects.exists()
    assert not User.objects.filter(external_id="new-buyer").exists()
    coupon.refresh_from_db()
    assert coupon.uses == 0


# --- changing ----------------------------------------------------------------------------------


def test_a_seller_changes_the_settings(shop: Shop, coupon: Coupon) -> None:
    changed = coupon_update(
        shop=shop, coupon_id=coupon.id, changes={"usage_limit": None, "amount": Decimal("15")}
    )
    assert (changed.usage_limit, changed.amount) == (None, Decimal("15"))
    assert check(shop, total="20.00").discount == Decimal("3.00")


def test_the_usage_limit_cannot_go_below_the_uses(shop: Shop, coupon: Coupon) -> None:
    redeem(shop, "o-1")
    redeem(shop, "o-2", buyer="b2")
    error = refused("invalid_coupon", coupon_update, shop=shop, coupon_id=coupon.id,
                    changes={"usage_limit": 1})  # fmt: skip
    assert error.fields == {"usage_limit": "below_uses"}
    assert (
        coupon_update(shop=shop, coupon_id=coupon.id, changes={"usage_limit": 2}).usage_limit == 2
    )
    refused("coupon_used_up", check, shop, buyer="b3")


def test_the_code_and_a_turned_off_coupon_cannot_change(shop: Shop, coupon: Coupon) -> None:
    error = refused("invalid_coupon", coupon_update, shop=shop, coupon_id=coupon.id,
                    changes={"code": "OTHER"})  # fmt: skip
    assert error.fields == {"code": "not_editable"}
    coupon_disable(shop=shop, coupon_id=coupon.id)
    refused("coupon_disabled", coupon_update, shop=shop, coupon_id=coupon.id,
            changes={"amount": Decimal(5)})  # fmt: skip


def test_another_shops_coupon_cannot_be_changed(shop: Shop, coupon: Coupon) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    refused("coupon_not_found", coupon_disable, shop=other, coupon_id=coupon.id)
    refused("coupon_not_found", coupon_update, shop=other, coupon_id=coupon.id, changes={})
