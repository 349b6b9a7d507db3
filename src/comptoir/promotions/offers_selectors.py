"""Reads on a shop's sales and coupon codes. The caller has already resolved the shop
through an access helper (a member's viewer, or the marketplace's integration), so every
read here is filtered by that shop: another shop's coupon or sale is simply not found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.core.errors import NotFound
from comptoir.core.pagination import Page, keyset_page
from comptoir.promotions import discounts
from comptoir.promotions.models import Coupon, Redemption, Sale
from comptoir.shops.models import Shop


def coupon_not_found() -> NotFound:
    return NotFound("coupon_not_found", _("No such coupon code in this shop."))


def shop_coupons(shop: Shop) -> QuerySet[Coupon]:
    return Coupon.objects.filter(shop=shop)


def get_coupon(shop: Shop, coupon_id: int, *, lock: bool = False) -> Coupon:
    qs = shop_coupons(shop)
    if lock:
        qs = qs.select_for_update()
    coupon = qs.filter(pk=coupon_id).first()
    if coupon is None:
        raise coupon_not_found()
    coupon.shop = shop  # already at hand: no query to read its currency
    return coupon


def coupon_by_code(shop: Shop, code: str, *, lock: bool = False) -> Coupon:
    """The shop's coupon whose code is `code` in any case (the unique index is on the
    upper-cased code, so this is one index lookup)."""
    qs = shop_coupons(shop).alias(code_upper=Upper("code")).filter(code_upper=code.strip().upper())
    if lock:
        qs = qs.select_for_update()
    coupon = qs.first()
    if coupon is None:
        raise coupon_not_found()
    coupon.shop = shop  # already at hand: no query to read its currency
    return coupon


def terms_of(coupon: Coupon) -> discounts.CouponTerms:
    return discounts.CouponTerms(
        starts_at=coupon.starts_at,
        ends_at=coupon.ends_at,
        disabled=coupon.disabled_at is not None,
        uses=coupon.uses,
        usage_limit=coupon.usage_limit,
        per_buyer_limit=coupon.per_buyer_limit,
        minimum_order=coupon.minimum_order,
    )


def coupon_state(coupon: Coupon, now: datetime | None = None) -> str:
    """scheduled, active, ended, used_up or turned_off."""
    return discounts.coupon_state(terms_of(coupon), now=now or clock.now())


def coupons_page(shop: Shop, *, cursor: str | None, limit: int) -> Page[Coupon]:
    """The shop's coupons, newest first."""
    return keyset_page(shop_coupons(shop), order=("-id",), cursor=cursor, limit=limit)


def redemptions_page(coupon: Coupon, *, cursor: str | None, limit: int) -> Page[Redemption]:
    """Who used the code, latest first, with the buyer in the same query."""
    qs = Redemption.objects.filter(coupon=coupon).select_related("buyer")
    return keyset_page(qs, order=("-id",), cursor=cursor, limit=limit)


# --- sales ---------------------------------------------------------------------------------

SaleFilter = Literal["all", "active", "scheduled", "ended"]


def shop_sales(shop: Shop) -> QuerySet[Sale]:
    return Sale.objects.filter(shop=shop)


def get_sale(shop: Shop, sale_id: int, *, lock: bool = False) -> Sale:
    qs = shop_sales(shop)
    if lock:
        qs = qs.select_for_update()
    sale = qs.filter(pk=sale_id).first()
    if sale is None:
        raise NotFound("sale_not_found", _("No such sale in this shop."))
    return sale


def _running(now: datetime) -> Q:
    return Q(starts_at__lte=now, ends_at__gt=now, ended_early_at__isnull=True)


def sales_page(
    shop: Shop, *, state: SaleFilter = "all", cursor: str | None, limit: int
) -> Page[Sale]:
    """The shop's sales, newest first, with their chosen listings (one more query)."""
    now = clock.now()
    qs = shop_sales(shop)
    if state == "active":
        qs = qs.filter(_running(now))
    elif state == "scheduled":
        qs = qs.filter(starts_at__gt=now, ended_early_at__isnull=True)
    elif state == "ended":
        qs = qs.filter(Q(ends_at__lte=now) | Q(ended_early_at__isnull=False))
    qs = qs.prefetch_related("listings")
    return keyset_page(qs, order=("-id",), cursor=cursor, limit=limit)


def sale_state(sale: Sale, now: datetime | None = None) -> str:
    return discounts.sale_state(
        starts_at=sale.starts_at,
        ends_at=sale.ends_at,
        ended_early_at=sale.ended_early_at,
        now=now or clock.now(),
    )


@dataclass(frozen=True)
class ListingPrice:
    """A listing's price now: the sale price when a sale applies (the best one)."""

    listing: Listing
    price: Decimal
    currency: str
    sale: Sale | None
    discount: Decimal
    sale_price: Decimal


def listing_price(shop: Shop, listing_external_id: str) -> ListingPrice:
    """The price a buyer pays now: the running sale that takes the most off wins (ties:
    the one created first). While the shop's promotions are suspended no sale applies."""
    listing = Listing.objects.filter(shop=shop, external_id=listing_external_id).first()
    if listing is None:
        raise NotFound("listing_not_found", _("No such listing in this shop."))
    best: Sale | None = None
    best_off = discounts.ZERO
    if shop.may_send_promotions:
        running = (
            shop_sales(shop)
            .filter(_running(clock.now()))
            .filter(Q(all_listings=True) | Q(listings=listing))
            .distinct()
            .order_by("id")
        )
        for sale in running:
            off = discounts.discount(
                kind=sale.discount_kind, amount=sale.amount, total=listing.price
            )
            if off > best_off:
                best, best_off = sale, off
    return ListingPrice(
        listing=listing,
        price=listing.price,
        currency=listing.currency,
        sale=best,
        discount=best_off,
        sale_price=discounts.cents(listing.price) - best_off,
    )
