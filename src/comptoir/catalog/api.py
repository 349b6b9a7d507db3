"""Integration API: listings and shipping profiles, by the marketplace's ids."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from comptoir.accounts.auth import require_integration
from comptoir.catalog.models import Listing, ShippingProfile
from comptoir.catalog.schemas import ListingIn, ListingOut, ShippingProfileIn, ShippingProfileOut
from comptoir.catalog.services import listing_upsert, shipping_profile_upsert
from comptoir.core.api import ERRORS, PageOf, Paging, answer, one_or_404, page_of
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["catalog"])


def listings() -> QuerySet[Listing]:
    return Listing.objects.select_related("shop", "shipping_profile", "private_for")


@router.put(
    "/shops/{shop_id}/shipping-profiles/{profile_id}",
    response={200: ShippingProfileOut, 201: ShippingProfileOut, **ERRORS},
    summary="Create or update a shipping profile",
)
def profile_put(
    request: HttpRequest,
    response: HttpResponse,
    shop_id: str,
    profile_id: str,
    payload: ShippingProfileIn,
) -> Status[ShippingProfile]:
    require_integration(request)
    profile, outcome = shipping_profile_upsert(
        shop=get_shop_by_external_id(shop_id),
        external_id=profile_id,
        name=payload.name,
        origin_country=payload.origin_country,
        processing_days=(payload.processing_days.min, payload.processing_days.max),
        delivery_days=(payload.delivery_days.min, payload.delivery_days.max),
        cost=payload.cost,
    )
    return Status(answer(response, outcome), profile)


@router.get(
    "/shops/{shop_id}/shipping-profiles/{profile_id}",
    response={200: ShippingProfileOut, **ERRORS},
    summary="Read a shipping profile",
)
def profile_read(request: HttpRequest, shop_id: str, profile_id: str) -> ShippingProfile:
    require_integration(request)
    return one_or_404(
        ShippingProfile.objects.all(),
        "shipping_profile_not_found",
        _("No such shipping profile in this shop."),
        shop=get_shop_by_external_id(shop_id),
        external_id=profile_id,
    )


@router.put(
    "/shops/{shop_id}/listings/{listing_id}",
    response={200: ListingOut, 201: ListingOut, **ERRORS},
    summary="Create or update a listing",
)
def listing_put(
    request: HttpRequest,
    response: HttpResponse,
    shop_id: str,
    listing_id: str,
    payload: ListingIn,
) -> Status[Listing]:
    require_integration(request)
    days = payload.processing_days
    listing, outcome = listing_upsert(
        shop=get_shop_by_external_id(shop_id),
        external_id=listing_id,
        title=payload.title,
        description=payload.description,
        specifications=payload.specifications,
        price=payload.price,
        currency=payload.currency,
        quantity=payload.quantity,
        state=payload.state,
        shipping_profile_external_id=payload.shipping_profile_id,
        processing_days=(days.min, days.max) if days else None,
        private_for_external_id=payload.private_for,
    )
    return Status(answer(response, outcome), listings().get(pk=listing.pk))


@router.get(
    "/shops/{shop_id}/listings/{listing_id}",
    response={200: ListingOut, **ERRORS},
    summary="Read a listing",
)
def listing_read(request: HttpRequest, shop_id: str, listing_id: str) -> Listing:
    require_integration(request)
    return one_or_404(
        listings(),
        "listing_not_found",
        _("No such listing in this shop."),
        shop=get_shop_by_external_id(shop_id),
        external_id=listing_id,
    )


@router.get(
    "/shops/{shop_id}/listings",
    response={200: PageOf[ListingOut], **ERRORS},
    summary="List a shop's listings",
)
def listing_list(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, object]:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    return page_of(listings().filter(shop=shop), order=("id",), paging=paging)
