"""API shapes for orders."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn

OrderStatus = Literal["paid", "shipped", "delivered", "cancelled"]


class BuyerIn(BodyIn):
    id: str = Field(min_length=1, max_length=64, description="The buyer's marketplace id.")
    email: str = ""
    display_name: str = Field("", max_length=150)
    language: str = ""


class ItemIn(BodyIn):
    listing_id: str | None = Field(None, description="A listing of this shop, if any.")
    title: str = Field(min_length=1, max_length=200)
    quantity: int = Field(1, ge=1, le=2**31 - 1)
    unit_price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)
    personalisation: str = ""


class OrderIn(BodyIn):
    buyer: BuyerIn
    status: OrderStatus
    ordered_at: datetime
    items: list[ItemIn] = Field(min_length=1)
    ship_by: date | None = Field(None, description="Computed from the listings when omitted.")
    estimated_delivery_on: date | None = Field(
        None, description="Computed from the shipping profile when omitted."
    )
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    tracking_carrier: str = ""
    tracking_number: str = ""
    currency: str | None = Field(None, min_length=3, max_length=3)
    shipping_address: dict[str, Any] = Field(default_factory=dict)
    buyer_first_message_at: datetime | None = Field(
        None,
        description="For imported history: when the buyer first wrote to the shop about "
        "this order (case eligibility counts from it).",
    )
    marketing_consent: bool | None = Field(
        None,
        description="What the buyer chose at checkout about news and offers from the shop; "
        "null or absent leaves their consent unchanged. Recorded with the order's id at "
        "`ordered_at`; re-sending the order records nothing new, and never undoes a later "
        "choice of the buyer's (e.g. an unsubscribe).",
    )


class BuyerOut(Schema):
    id: str | None = Field(None, alias="external_id")
    email: str
    display_name: str


class ItemOut(Schema):
    listing_id: str | None = Field(None, alias="listing.external_id")
    title: str
    quantity: int
    unit_price: Decimal
    personalisation: str


class AwaitingBuyerOut(Schema):
    missing: str = Field(description="personalisation, address, phone or other")
    detail: str = Field(description="The shop's question in its own words.")
    since: datetime
    ship_by: date


class OrderOut(Schema):
    id: str = Field(alias="external_id")
    shop_id: str = Field(alias="shop.external_id")
    buyer: BuyerOut
    status: str
    ordered_at: datetime
    ship_by: date
    estimated_delivery_on: date | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    cancelled_at: datetime | None
    tracking_carrier: str
    tracking_number: str
    total: Decimal
    currency: str
    buyer_email: str
    shipping_address: dict[str, Any]
    buyer_first_message_at: datetime | None
    items: list[ItemOut]
    awaiting_buyer: AwaitingBuyerOut | None = Field(
        None, description="What the shop waits for from the buyer before shipping, if anything."
    )
    updated_at: datetime

    @staticmethod
    def resolve_awaiting_buyer(obj: Any) -> dict[str, Any] | None:
        if obj.awaiting_buyer_since is None:
            return None
        return {
            "missing": obj.awaiting_buyer,
            "detail": obj.awaiting_buyer_detail,
            "since": obj.awaiting_buyer_since,
            "ship_by": obj.ship_by,
        }

    @staticmethod
    def resolve_items(obj: Any) -> list[Any]:
        return list(obj.items.all())


class CaseEligibilityOut(Schema):
    eligible: bool
    code: str = Field(description="`eligible`, or why not.")
    opens_at: datetime | None = Field(description="The earliest instant a case may be opened.")
    closes_at: datetime = Field(description="After this instant no case may be opened.")


class NoteIn(BodyIn):
    visibility: Literal["private", "customer"]
    body: str = Field(max_length=5_000)


class NoteOut(Schema):
    id: int
    visibility: str
    body: str
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return str(obj.author) if obj.author is not None else None
