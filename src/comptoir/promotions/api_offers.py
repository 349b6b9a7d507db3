"""Sales and coupon codes through the API.

A shop's members and the marketplace's integration manage its coupons and sales (shop
ids are the marketplace's; anyone else gets 404). At checkout the integration checks a
code (`/coupons/check`, reads only) and records its use once the order is placed
(`/coupons/redeem`, atomic and idempotent per order). Buyers are marketplace ids: an
unknown buyer on redeem is created, as orders create them.

Refusals are 409 with a stable code: promotions_suspended, coupon_disabled,
coupon_not_started, coupon_expired, coupon_used_up, coupon_buyer_limit_reached,
coupon_minimum_not_met, coupon_code_taken, sale_ended; an unknown code is 404
coupon_not_found; invalid fields are 422 with `fields`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from comptoir.accounts.access import request_user
from comptoir.accounts.auth import INTEGRATION_PERMISSION, require_integration
from comptoir.core.api import ERRORS, PageOf, Paging
from comptoir.core.errors import NotFound
from comptoir.core.schemas import BodyIn
from comptoir.core.upsert import Outcome
from comptoir.promotions import coupons, discounts, offers_selectors, sales
from comptoir.promotions.models import Coupon, Redemption, Sale
from comptoir.shops.access import member_viewer
from comptoir.shops.models import Shop
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["promotions"])

Kind = Literal["percent", "amount"]
Money = Decimal


class CouponIn(BodyIn):
    code: str = Field(
        description="3–40 letters, digits or dashes; unique in the shop whatever the case "
        "(stored as typed, matched upper-cased)."
    )
    discount_kind: Kind
    amount: Money = Field(description="Percent (up to 100) or an amount in the shop's currency.")
    starts_at: datetime | None = Field(None, description="Defaults to now.")
    ends_at: datetime | None = Field(None, description="The code stops working at this instant.")
    minimum_order: Money | None = Field(None, description="An order equal to it qualifies.")
    usage_limit: int | None = Field(
        None, le=2**31 - 1, description="Orders in all; null for no limit."
    )
    per_buyer_limit: int | None = Field(
        None, le=2**31 - 1, description="Orders per buyer; null for no limit."
    )


class CouponPatch(BodyIn):
    """Only the fields sent change; null removes an optional limit or end. The code cannot
    change (buyers may already have it)."""

    discount_kind: Kind | None = None
    amount: Money | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    minimum_order: Money | None = None
    usage_limit: int | None = Field(None, le=2**31 - 1)
    per_buyer_limit: int | None = Field(None, le=2**31 - 1)


class CouponOut(Schema):
    id: int
    code: str
    discount_kind: str
    amount: Decimal
    currency: str = Field(alias="shop.currency")
    minimum_order: Decimal | None
    usage_limit: int | None
    per_buyer_limit: int | None
    starts_at: datetime
    ends_at: datetime | None
    uses: int
    uses_left: int | None = Field(description="null when there is no usage limit")
    disabled_at: datetime | None
    status: str = Field(description="scheduled, active, ended, used_up or turned_off")
    created_at: datetime

    @staticmethod
    def resolve_uses_left(obj: Coupon) -> int | None:
        return discounts.uses_left(uses=obj.uses, usage_limit=obj.usage_limit)

    @staticmethod
    def resolve_status(obj: Coupon) -> str:
        return offers_selectors.coupon_state(obj)


class CheckIn(BodyIn):
    code: str = Field(description="As the buyer typed it (any case).")
    buyer_id: str = Field(description="The buyer's marketplace id.")
    order_total: Money = Field(description="In the shop's currency, before the code.")
    listing_ids: list[str] | None = Field(
        None, description="The order's listings (marketplace ids): they must be this shop's."
    )


class CouponCheckOut(Schema):
    code: str
    coupon_id: int
    discount: Decimal
    total_after: Decimal
    currency: str
    uses_left: int | None = Field(description="null when there is no usage limit")


class RedeemIn(BodyIn):
    code: str
    buyer_id: str = Field(description="The buyer's marketplace id (created if unknown).")
    order_id: str = Field(description="The marketplace order id: one use per order.")
    order_total: Money = Field(description="In the shop's currency, before the code.")


class RedemptionOut(Schema):
    id: int
    coupon_id: int
    order_id: str = Field(alias="order_external_id")
    buyer_id: str | None = Field(alias="buyer.external_id")
    order_total: Decimal
    discount: Decimal
    at: datetime


class SaleIn(BodyIn):
    name: str
    discount_kind: Kind
    amount: Money = Field(description="Percent (up to 100) or an amount in the shop's currency.")
    starts_at: datetime | None = Field(None, description="Defaults to now.")
    ends_at: datetime
    all_listings: bool = True
    listing_ids: list[str] = Field(
        default_factory=list, description="Marketplace listing ids, when not all listings."
    )


class SaleOut(Schema):
    id: int
    name: str
    discount_kind: str
    amount: Decimal
    all_listings: bool
    listing_ids: list[str]
    starts_at: datetime
    ends_at: datetime
    ended_early_at: datetime | None
    status: str = Field(description="scheduled, active or ended")
    created_at: datetime

    @staticmethod
    def resolve_listing_ids(obj: Sale) -> list[str]:
        return sorted(listing.external_id for listing in obj.listings.all())

    @staticmethod
    def resolve_status(obj: Sale) -> str:
        return offers_selectors.sale_state(obj)


class SalesQuery(Paging):
    state: offers_selectors.SaleFilter = "all"


class SaleBrief(Schema):
    id: int
    name: str
    ends_at: datetime


class PriceOut(Schema):
    listing_id: str
    currency: str
    price: Decimal
    sale_price: Decimal = Field(description="What the buyer pays now (the price without a sale)")
    discount: Decimal
    sale: SaleBrief | None = Field(description="The sale that applies (the best running one)")


def _shop(request: HttpRequest, shop_id: str) -> Shop:
    """The shop for one of its members (one query) or for the marketplace's integration."""
    user = request_user(request)
    try:
        shop = member_viewer(user, external_id=shop_id).shop
    except NotFound:
        if user.has_perm(INTEGRATION_PERMISSION):
            return get_shop_by_external_id(shop_id)
        raise
    assert shop is not None
    return shop


def _integration_shop(request: HttpRequest, shop_id: str) -> Shop:
    require_integration(request)
    return get_shop_by_external_id(shop_id)


def _coupon_out(coupon: Coupon, shop: Shop) -> Coupon:
    coupon.shop = shop
    return coupon


# --- coupons -----------------------------------------------------------------------------------


@router.get(
    "/shops/{shop_id}/coupons",
    response={200: PageOf[CouponOut], **ERRORS},
    summary="List a shop's coupon codes, newest first",
)
def coupon_list(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    page = offers_selectors.coupons_page(shop, cursor=paging.cursor, limit=paging.limit)
    return {"items": [_coupon_out(c, shop) for c in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/shops/{shop_id}/coupons",
    response={201: CouponOut, **ERRORS},
    summary="Create a coupon code",
    description="409 coupon_code_taken when the shop has the code in any case; 409 "
    "promotions_suspended while Trust & Safety suspend the shop's promotions.",
)
def coupon_create(request: HttpRequest, shop_id: str, payload: CouponIn) -> Status:
    shop = _shop(request, shop_id)
    coupon = coupons.coupon_create(
        shop=shop, actor=request_user(request), data=coupons.CouponInput(**payload.dict())
    )
    return Status(201, _coupon_out(coupon, shop))


@router.post(
    "/shops/{shop_id}/coupons/check",
    response={200: CouponCheckOut, **ERRORS},
    summary="Integration: does this code work on this order now, and what does it take off?",
    description="Reads only; record the use with `/coupons/redeem` once the order is "
    "placed (the code may run out in between). Refusals: 404 coupon_not_found, 409 "
    "promotions_suspended, coupon_disabled, coupon_not_started, coupon_expired, "
    "coupon_used_up, coupon_buyer_limit_reached, coupon_minimum_not_met.",
)
def coupon_check(request: HttpRequest, shop_id: str, payload: CheckIn) -> dict[str, Any]:
    shop = _integration_shop(request, shop_id)
    checked = coupons.coupon_check(
        shop=shop,
        code=payload.code,
        buyer_id=payload.buyer_id,
        order_total=payload.order_total,
        listing_ids=payload.listing_ids,
    )
    return {
        "code": checked.coupon.code,
        "coupon_id": checked.coupon.id,
        "discount": checked.discount,
        "total_after": checked.total_after,
        "currency": shop.currency,
        "uses_left": checked.uses_left,
    }


@router.post(
    "/shops/{shop_id}/coupons/redeem",
    response={200: RedemptionOut, 201: RedemptionOut, **ERRORS},
    summary="Integration: record that an order used a code (atomic, idempotent per order)",
    description="201 with the new use; 200 with the first use when the same order is "
    "recorded again (header `Comptoir-Outcome`: created or unchanged). The limits are "
    "checked again under a lock: a usage limit is never exceeded, however many orders "
    "arrive at once. Refusals as for `/coupons/check`.",
)
def coupon_redeem(
    request: HttpRequest, response: HttpResponse, shop_id: str, payload: RedeemIn
) -> Status:
    shop = _integration_shop(request, shop_id)
    redemption, created = coupons.coupon_redeem(
        shop=shop,
        code=payload.code,
        buyer_id=payload.buyer_id,
        order_id=payload.order_id,
        order_total=payload.order_total,
    )
    outcome = Outcome.CREATED if created else Outcome.UNCHANGED
    response["Comptoir-Outcome"] = outcome.value
    return Status(201 if created else 200, redemption)


@router.get(
    "/shops/{shop_id}/coupons/{coupon_id}",
    response={200: CouponOut, **ERRORS},
    summary="Read a coupon code",
)
def coupon_read(request: HttpRequest, shop_id: str, coupon_id: int) -> Coupon:
    shop = _shop(request, shop_id)
    return offers_selectors.get_coupon(shop, coupon_id)


@router.patch(
    "/shops/{shop_id}/coupons/{coupon_id}",
    response={200: CouponOut, **ERRORS},
    summary="Change a coupon's settings",
    description="Only the fields sent change; the code cannot. The usage limit cannot go "
    "below the uses counted (422, `usage_limit`: below_uses); a turned-off code cannot "
    "change (409 coupon_disabled).",
)
def coupon_update(
    request: HttpRequest, shop_id: str, coupon_id: int, payload: CouponPatch
) -> Coupon:
    shop = _shop(request, shop_id)
    coupon = coupons.coupon_update(
        shop=shop, coupon_id=coupon_id, changes=payload.dict(exclude_unset=True)
    )
    return _coupon_out(coupon, shop)


@router.post(
    "/shops/{shop_id}/coupons/{coupon_id}/disable",
    response={200: CouponOut, **ERRORS},
    summary="Turn a coupon code off for good (it stops working at once)",
)
def coupon_disable(request: HttpRequest, shop_id: str, coupon_id: int) -> Coupon:
    shop = _shop(request, shop_id)
    return _coupon_out(coupons.coupon_disable(shop=shop, coupon_id=coupon_id), shop)


@router.get(
    "/shops/{shop_id}/coupons/{coupon_id}/redemptions",
    response={200: PageOf[RedemptionOut], **ERRORS},
    summary="The orders that used a code, latest first",
)
def redemption_list(
    request: HttpRequest, shop_id: str, coupon_id: int, paging: Query[Paging]
) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    coupon = offers_selectors.get_coupon(shop, coupon_id)
    page = offers_selectors.redemptions_page(coupon, cursor=paging.cursor, limit=paging.limit)
    items: list[Redemption] = page.items
    return {"items": items, "next_cursor": page.next_cursor}


# --- sales -------------------------------------------------------------------------------------


@router.get(
    "/shops/{shop_id}/sales",
    response={200: PageOf[SaleOut], **ERRORS},
    summary="List a shop's sales, newest first (state: all, active, scheduled, ended)",
)
def sale_list(request: HttpRequest, shop_id: str, query: Query[SalesQuery]) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    page = offers_selectors.sales_page(
        shop, state=query.state, cursor=query.cursor, limit=query.limit
    )
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.post(
    "/shops/{shop_id}/sales",
    response={201: SaleOut, **ERRORS},
    summary="Create a sale on chosen listings or all of them",
    description="409 promotions_suspended while Trust & Safety suspend the shop's "
    "promotions (its existing sales then give no sale price until lifted).",
)
def sale_create(request: HttpRequest, shop_id: str, payload: SaleIn) -> Status:
    shop = _shop(request, shop_id)
    sale = sales.sale_create(
        shop=shop, actor=request_user(request), data=sales.SaleInput(**payload.dict())
    )
    return Status(
        201, offers_selectors.shop_sales(shop).prefetch_related("listings").get(pk=sale.pk)
    )


@router.post(
    "/shops/{shop_id}/sales/{sale_id}/end",
    response={200: SaleOut, **ERRORS},
    summary="End a sale now (409 sale_ended when it already has)",
)
def sale_end(request: HttpRequest, shop_id: str, sale_id: int) -> Sale:
    shop = _shop(request, shop_id)
    sale = sales.sale_end(shop=shop, sale_id=sale_id)
    return offers_selectors.shop_sales(shop).prefetch_related("listings").get(pk=sale.pk)


@router.get(
    "/shops/{shop_id}/listings/{listing_id}/price",
    response={200: PriceOut, **ERRORS},
    summary="The price a listing sells at now, with the sale that applies",
    description="The running sale that takes the most off wins. While the shop's "
    "promotions are suspended no sale applies.",
)
def listing_price(request: HttpRequest, shop_id: str, listing_id: str) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    found = offers_selectors.listing_price(shop, listing_id)
    return {
        "listing_id": found.listing.external_id,
        "currency": found.currency,
        "price": found.price,
        "sale_price": found.sale_price,
        "discount": found.discount,
        "sale": found.sale,
    }
