"""API shapes for cases."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn


class CaseIn(BodyIn):
    order_id: str
    type: Literal["non_delivery", "not_as_described", "damaged", "late"] = Field(
        description="`non_delivery` (not received) or `not_as_described` with its `variant`. "
        "Deprecated: `damaged` is stored as not_as_described / differs_from_listing, `late` "
        "as not_as_described / not_shipped_in_time."
    )
    variant: Literal[
        "", "differs_from_listing", "partial_delivery", "replacement_not_delivered",
        "not_shipped_in_time",
    ] = Field(
        "",
        description="Only for not_as_described (empty: differs_from_listing). "
        "not_shipped_in_time waits for the ship-by date, not the delivery estimate.",
    )  # fmt: skip
    status: Literal["open", "resolved", "closed", "escalated"] = "open"
    resolution: Literal["", "refund", "replacement", "no_action"] = Field(
        "", description="Required when resolved."
    )
    description: str = ""
    opened_at: datetime | None = Field(
        None, description="Defaults to now; the timing rule is checked at this instant."
    )


class CaseOut(Schema):
    id: str = Field(alias="external_id")
    shop_id: str = Field(alias="shop.external_id")
    order_id: str = Field(alias="order.external_id")
    buyer_id: str | None = Field(None, alias="buyer.external_id")
    type: str = Field(description="non_delivery or not_as_described")
    variant: str = Field(
        description="For not_as_described: differs_from_listing, partial_delivery, "
        "replacement_not_delivered or not_shipped_in_time; empty for non_delivery."
    )
    status: str
    resolution: str
    description: str
    opened_at: datetime
    escalated_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime


class VariantQuery(Schema):
    variant: Literal["", "not_shipped_in_time"] = Field(
        "",
        description="`not_shipped_in_time` asks about a case for an order not shipped within "
        "its processing time (it waits for the ship-by date); otherwise every other kind.",
    )
