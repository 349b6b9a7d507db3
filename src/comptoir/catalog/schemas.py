"""API shapes for listings and shipping profiles."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn


class DayRange(BodyIn):
    min: int = Field(ge=0, le=365)
    max: int = Field(ge=0, le=365)


class ShippingProfileIn(BodyIn):
    name: str = Field(min_length=1, max_length=120)
    origin_country: str = Field("FR", min_length=2, max_length=2)
    processing_days: DayRange
    delivery_days: DayRange = Field(description="The carrier's estimate, in days.")
    cost: Decimal = Field(Decimal("0"), ge=0, max_digits=10, decimal_places=2)


class ShippingProfileOut(Schema):
    id: str = Field(alias="external_id")
    name: str
    origin_country: str
    processing_days: DayRange
    delivery_days: DayRange
    cost: Decimal
    updated_at: datetime

    @staticmethod
    def resolve_processing_days(obj: object) -> dict[str, int]:
        return {"min": obj.processing_days_min, "max": obj.processing_days_max}  # type: ignore[attr-defined]

    @staticmethod
    def resolve_delivery_days(obj: object) -> dict[str, int]:
        return {"min": obj.delivery_days_min, "max": obj.delivery_days_max}  # type: ignore[attr-defined]


class ListingIn(BodyIn):
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    specifications: dict[str, str] = Field(
        default_factory=dict, examples=[{"size": "M", "colour": "indigo", "material": "linen"}]
    )
    price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)
    currency: str | None = Field(None, min_length=3, max_length=3)
    quantity: int = Field(1, ge=0, le=2**31 - 1)
    state: Literal["active", "inactive", "sold_out"] = "active"
    shipping_profile_id: str | None = Field(None, description="A shipping profile of this shop.")
    processing_days: DayRange | None = Field(None, description="Overrides the profile's.")
    private_for: str | None = Field(
        None, description="Buyer id: makes this a private custom listing for that buyer."
    )


class ListingOut(Schema):
    id: str = Field(alias="external_id")
    shop_id: str = Field(alias="shop.external_id")
    title: str
    description: str
    specifications: dict[str, str]
    price: Decimal
    currency: str
    quantity: int
    state: str
    shipping_profile_id: str | None = Field(None, alias="shipping_profile.external_id")
    processing_days: DayRange | None
    private_for: str | None = Field(None, alias="private_for.external_id")
    in_search: bool
    updated_at: datetime

    @staticmethod
    def resolve_processing_days(obj: object) -> dict[str, int] | None:
        days = obj.processing_days()  # type: ignore[attr-defined]
        return {"min": days[0], "max": days[1]} if days else None

    @staticmethod
    def resolve_in_search(obj: object) -> bool:
        return bool(obj.shop.in_search and obj.state == "active" and obj.private_for_id is None)  # type: ignore[attr-defined]
