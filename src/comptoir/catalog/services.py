"""Writes on the catalog: the marketplace's listings and shipping profiles."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.services import buyer_upsert
from comptoir.catalog.models import Listing, ShippingProfile
from comptoir.core.errors import DomainError
from comptoir.core.upsert import Outcome, upsert
from comptoir.shops.models import Shop


def _check_range(errors: dict[str, str], name: str, low: int | None, high: int | None) -> None:
    if low is None and high is None:
        return
    if low is None or high is None:
        errors[name] = "needs_both_ends"
    elif low < 0 or high < low:
        errors[name] = "invalid_range"


@transaction.atomic
def shipping_profile_upsert(
    *,
    shop: Shop,
    external_id: str,
    name: str,
    processing_days: tuple[int, int],
    delivery_days: tuple[int, int],
    origin_country: str = "FR",
    cost: Decimal = Decimal("0"),
) -> tuple[ShippingProfile, Outcome]:
    errors: dict[str, str] = {}
    _check_range(errors, "processing_days", *processing_days)
    _check_range(errors, "delivery_days", *delivery_days)
    if cost < 0:
        errors["cost"] = "negative"
    other = ShippingProfile.objects.filter(external_id=external_id).exclude(shop=shop).exists()
    if other:
        errors["external_id"] = "belongs_to_another_shop"
    if errors:
        raise DomainError(
            "invalid_shipping_profile", _("The shipping profile is not valid."), fields=errors
        )
    return upsert(
        ShippingProfile,
        key={"external_id": external_id},
        values={
            "shop": shop,
            "name": name,
            "origin_country": origin_country.upper(),
            "processing_days_min": processing_days[0],
            "processing_days_max": processing_days[1],
            "delivery_days_min": delivery_days[0],
            "delivery_days_max": delivery_days[1],
            "cost": cost,
        },
    )


@transaction.atomic
def listing_upsert(
    *,
    shop: Shop,
    external_id: str,
    title: str,
    price: Decimal,
    description: str = "",
    specifications: Mapping[str, str] | None = None,
    currency: str | None = None,
    quantity: int = 1,
    state: str = Listing.State.ACTIVE,
    shipping_profile_external_id: str | None = None,
    processing_days: tuple[int, int] | None = None,
    private_for_external_id: str | None = None,
) -> tuple[Listing, Outcome]:
    errors: dict[str, str] = {}
    if price < 0:
        errors["price"] = "negative"
    if state not in Listing.State.values:
        errors["state"] = "invalid_choice"
    if processing_days is not None:
        _check_range(errors, "processing_days", *processing_days)
    specs = dict(specifications or {})
    if any(not isinstance(k, str) or not isinstance(v, str) for k, v in specs.items()):
        errors["specifications"] = "must_be_text"
    profile = None
    if shipping_profile_external_id:
        profile = ShippingProfile.objects.filter(
            shop=shop, external_id=shipping_profile_external_id
        ).first()
        if profile is None:
            errors["shipping_profile_id"] = "unknown_shipping_profile"
    if Listing.objects.filter(external_id=external_id).exclude(shop=shop).exists():
        errors["external_id"] = "belongs_to_another_shop"
    if errors:
        raise DomainError("invalid_listing", _("The listing is not valid."), fields=errors)
    private_for = (
        buyer_upsert(external_id=private_for_external_id) if private_for_external_id else None
    )
    return upsert(
        Listing,
        key={"external_id": external_id},
        values={
            "shop": shop,
            "title": title,
            "description": description,
            "specifications": specs,
            "price": price,
            "currency": (currency or shop.currency).upper(),
            "quantity": quantity,
            "state": state,
            "shipping_profile": profile,
            "processing_days_min": processing_days[0] if processing_days else None,
            "processing_days_max": processing_days[1] if processing_days else None,
            "private_for": private_for,
        },
    )
