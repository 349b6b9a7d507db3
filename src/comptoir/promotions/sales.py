"""Sales: a price cut on chosen listings (or all of a shop's listings) between two
moments. A seller creates one and may end it early; the marketplace reads the price a
listing sells at now (`offers_selectors.listing_price`).

While Trust & Safety suspend a shop's promotions it cannot create sales, and its existing
sales stop applying (no sale price is given) until the suspension is lifted, if they have
not ended by then: a suspension stops every promotion at once, as it stops the codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.promotions import discounts
from comptoir.promotions.coupons import promotions_suspended
from comptoir.promotions.models import Sale
from comptoir.promotions.offers_selectors import get_sale
from comptoir.shops.models import Shop

NAME_MAX = 100


@dataclass(frozen=True)
class SaleInput:
    """A sale's settings. `listing_ids` are marketplace ids, used when not `all_listings`;
    `starts_at` None means now."""

    name: str
    discount_kind: str
    amount: Decimal
    ends_at: datetime
    starts_at: datetime | None = None
    all_listings: bool = True
    listing_ids: Sequence[str] = field(default_factory=tuple)


@transaction.atomic
def sale_create(*, shop: Shop, actor: User | None, data: SaleInput) -> Sale:
    now = clock.now()
    starts_at = data.starts_at or now
    name = data.name.strip()
    problems = discounts.offer_problems(kind=data.discount_kind, amount=data.amount)
    if not name:
        problems["name"] = "required"
    elif len(name) > NAME_MAX:
        problems["name"] = "too_long"
    if data.ends_at <= starts_at:
        problems["ends_at"] = "ends_before_start"
    elif data.ends_at <= now:
        problems["ends_at"] = "in_the_past"
    listings: list[Listing] = []
    if not data.all_listings:
        wanted = list(dict.fromkeys(data.listing_ids))
        listings = list(Listing.objects.filter(shop=shop, external_id__in=wanted))
        if not wanted:
            problems["listing_ids"] = "required"
        elif len(listings) != len(wanted):
            problems["listing_ids"] = "unknown_listing"
    if problems:
        raise DomainError("invalid_sale", _("Some fields are not valid."), fields=problems)
    if not shop.may_send_promotions:
        raise promotions_suspended()
    sale = Sale.objects.create(
        shop=shop,
        name=name,
        discount_kind=data.discount_kind,
        amount=discounts.cents(data.amount),
        all_listings=data.all_listings,
        starts_at=starts_at,
        ends_at=data.ends_at,
        created_by=actor,
    )
    if listings:
        sale.listings.set(listings)
    return sale


@transaction.atomic
def sale_end(*, shop: Shop, sale_id: int) -> Sale:
    """End a sale now (a scheduled one never starts). Ending is always allowed, even
    while promotions are suspended; an ended sale cannot be ended again (409 sale_ended)."""
    sale = get_sale(shop, sale_id, lock=True)
    now = clock.now()
    if sale.ended_early_at is not None or sale.ends_at <= now:
        raise Conflict("sale_ended", _("This sale has already ended."))
    sale.ended_early_at = now
    sale.save(update_fields=["ended_early_at", "updated_at"])
    return sale
