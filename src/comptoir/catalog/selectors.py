"""Reads on the catalog, filtered by who is looking."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.errors import NotFound
from comptoir.shops.models import Shop


def listings_in_search() -> QuerySet[Listing]:
    """What buyers find: active public listings of shops that are open, searchable and not away."""
    return Listing.objects.filter(
        state=Listing.State.ACTIVE,
        private_for__isnull=True,
        shop__status=Shop.Status.ACTIVE,
        shop__searchable=True,
        shop__vacation_mode=False,
        shop__staff_search_removal=False,
        shop__staff_paused=False,
        shop__staff_revoked=False,
    )


def _listings_of_shops_not_revoked() -> QuerySet[Listing]:
    return Listing.objects.exclude(shop__status=Shop.Status.REVOKED).exclude(
        shop__staff_revoked=True
    )


def visible_listings(viewer: User | None) -> QuerySet[Listing]:
    """Listings a viewer may open: public ones, their own custom ones, their shop's.

    Trust & Safety staff see all of them. Asking about one is narrower:
    `listings_buyers_may_ask_about`.
    """
    qs = _listings_of_shops_not_revoked()
    if viewer is not None and viewer.is_authenticated:
        if viewer.is_trust_and_safety:
            return Listing.objects.all()
        return qs.filter(
            Q(private_for__isnull=True) | Q(private_for=viewer) | Q(shop__memberships__user=viewer)
        ).distinct()
    return qs.filter(private_for__isnull=True)


def listings_buyers_may_ask_about(buyer: User) -> QuerySet[Listing]:
    """Listings a person may ask about as a buyer: public ones and custom ones made for them.

    The one rule for starting a listing inquiry (API and web). Narrower than what
    `visible_listings` lets people read: Trust & Safety read every listing, a shop its own
    custom listings, but asking about another buyer's custom listing is for nobody.
    """
    return _listings_of_shops_not_revoked().filter(
        Q(private_for__isnull=True) | Q(private_for_id=buyer.id)
    )


def get_listing_to_ask_about(
    buyer: User, *, listing_id: int | None = None, external_id: str | None = None
) -> Listing:
    """The listing (by Comptoir's id or the marketplace's) if the buyer may ask about it;
    NotFound "listing_not_found" otherwise, as for a listing that does not exist."""
    qs = listings_buyers_may_ask_about(buyer).select_related("shop")
    if listing_id is not None:
        qs = qs.filter(id=listing_id)
    if external_id is not None:
        qs = qs.filter(external_id=external_id)
    listing = qs.first() if listing_id is not None or external_id is not None else None
    if listing is None:
        raise NotFound("listing_not_found", _("No such listing."))
    return listing


def get_listing_for(viewer: User | None, listing_id: int) -> Listing:
    listing = (
        visible_listings(viewer)
        .select_related("shop", "shipping_profile")
        .filter(id=listing_id)
        .first()
    )
    if listing is None:
        raise NotFound("listing_not_found", _("No such listing."))
    return listing


def shop_listings(shop: Shop, viewer: User | None) -> QuerySet[Listing]:
    return (
        visible_listings(viewer)
        .filter(shop=shop, state=Listing.State.ACTIVE)
        .select_related("shipping_profile")
        .order_by("-created_at", "-id")
    )
