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


def visible_listings(viewer: User | None) -> QuerySet[Listing]:
    """Listings a viewer may open: public ones, their own custom ones, their shop's.

    Trust & Safety staff see all of them.
    """
    qs = Listing.objects.exclude(shop__status=Shop.Status.REVOKED).exclude(shop__staff_revoked=True)
    if viewer is not None and viewer.is_authenticated:
        if viewer.is_trust_and_safety:
            return Listing.objects.all()
        return qs.filter(
            Q(private_for__isnull=True) | Q(private_for=viewer) | Q(shop__memberships__user=viewer)
        ).distinct()
    return qs.filter(private_for__isnull=True)


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
