"""API shapes for reviews."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn
from comptoir.reviews.replies import REPLY_MAX


class ReviewIn(BodyIn):
    order_id: str = Field(description="The reviewed order (one review per order).")
    stars: int = Field(ge=1, le=5)
    text: str = ""
    reviewed_at: datetime | None = None
    seller_reply: str | None = Field(
        None,
        description="The shop's reply when it was written on the marketplace; omitted or null "
        "leaves it as it is (the shop may have replied in Comptoir).",
    )
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
    seller_reply: str = Field(
        description="The shop's public reply; empty when none, or once Trust & Safety removed it."
    )
    seller_replied_at: datetime | None
    seller_reply_edited_at: datetime | None
    reply_editable_until: datetime | None = Field(
        description="Until when the shop may edit its reply (72 hours after it replied)."
    )
    reply_removed_at: datetime | None = Field(
        description="When Trust & Safety removed the reply; the shop may not reply again."
    )
    updated_at: datetime

    @staticmethod
    def resolve_seller_reply(obj: Any) -> str:
        return str(obj.shown_reply)


class ReviewReplyIn(BodyIn):
    text: str = Field(min_length=1, max_length=REPLY_MAX, description="The shop's public reply.")


class ReviewReplyRemovalIn(BodyIn):
    reason: str = Field(min_length=1, max_length=4000, description="Why the reply is removed.")
