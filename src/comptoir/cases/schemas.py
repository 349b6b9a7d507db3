"""API shapes for cases."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn


class CaseIn(BodyIn):
    order_id: str
    type: Literal["non_delivery", "not_as_described", "damaged", "late"]
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
    type: str
    status: str
    resolution: str
    description: str
    opened_at: datetime
    escalated_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime
