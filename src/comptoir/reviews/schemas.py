"""API shapes for reviews."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn


class ReviewIn(BodyIn):
    order_id: str = Field(description="The reviewed order (one review per order).")
    stars: int = Field(ge=1, le=5)
    text: str = ""
    reviewed_at: datetime | None = None
    seller_reply: str = ""
    seller_replied_at: datetime | None = None


class ReviewOut(Schema):
    id: str = Field(alias="external_id")
    shop_id: str = Field(alias="shop.external_id")
    order_id: str = Field(alias="order.external_id")
    buyer_id: str | None = Field(None, alias="buyer.external_id")
    listing_id: str | None = Field(None, alias="listing.external_id")
    stars: int
    text: str
    reviewed_at: datetime
    seller_reply: str
    seller_replied_at: datetime | None
    updated_at: datetime
