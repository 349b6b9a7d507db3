"""API shapes for shops, their members and policies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn

ShopStatus = Literal["active", "paused", "suspended", "revoked"]
Section = Literal["shipping", "payment", "returns", "privacy", "more_info"]


class PolicyIn(BodyIn):
    section: Section
    options: dict[str, Any] = Field(
        default_factory=dict,
        description="Template options of the section, e.g. returns: "
        '{"accepts_returns": true, "window_days": 30}.',
    )
    text: str = Field("", max_length=10_000, description="The seller's own words.")


class PolicyOut(Schema):
    section: str
    options: dict[str, Any]
    text: str


class ShopIn(BodyIn):
    name: str = Field(min_length=1, max_length=120)
    time_zone: str = Field("UTC", description="IANA name, e.g. Europe/Paris.")
    currency: str = Field("EUR", min_length=3, max_length=3)
    status: ShopStatus = "active"
    searchable: bool = Field(True, description="False when staff removed the shop from search.")
    about: str = ""
    vacation_mode: bool = False
    vacation_message: str = ""
    vacation_starts_on: date | None = None
    vacation_ends_on: date | None = None
    payout_hold: bool = False
    policies: list[PolicyIn] | None = Field(
        None, description="Sections to set; omitted sections are left as they are."
    )
    embed_origins: list[str] | None = Field(
        None,
        description="The shop's own websites that may show its contact form in a frame, as "
        "origins: https://www.example.com (http or https, a host, an optional port, no "
        "path), at most 10. Omitted or null: left as it is (the seller can also set it "
        "in the Shop Manager); [] removes them all.",
        examples=[["https://www.atelier-lune.fr"]],
    )


class ShopOut(Schema):
    id: str = Field(alias="external_id", description="The marketplace's id.")
    name: str
    slug: str
    time_zone: str
    currency: str
    status: ShopStatus = Field(
        description="The shop's status as buyers and sellers see it: the marketplace's, "
        "unless a Trust & Safety measure in force pauses or revokes the shop "
        "(`status_measure` then names it)."
    )
    status_measure: Literal["pause_shop", "revocation"] | None = Field(
        description="The Trust & Safety measure that sets `status`; null when `status` is "
        "the marketplace's own."
    )
    status_until: date | None = Field(
        description="The day that measure stops; null when it lasts until lifted."
    )
    marketplace_status: ShopStatus = Field(description="The status as the marketplace last set it.")
    searchable: bool
    in_search: bool
    about: str
    vacation_mode: bool
    vacation_message: str
    vacation_starts_on: date | None
    vacation_ends_on: date | None
    payout_hold: bool = Field(description="As the marketplace set it.")
    payouts_held: bool = Field(
        description="Payouts must wait: the marketplace's hold or a Trust & Safety measure."
    )
    accepts_orders: bool = Field(
        description="False when the shop is not active or staff paused or revoked it."
    )
    staff_measures: list[str] = Field(
        description="Trust & Safety measures in force: search_removal, pause_shop, "
        "payout_hold, no_promotions, revocation."
    )
    first_sale_at: datetime | None
    embed_origins: list[str] = Field(
        description="Origins that may show the shop's contact form in a frame, normalised."
    )
    policies: list[PolicyOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.standing.status)

    @staticmethod
    def resolve_marketplace_status(obj: Any) -> str:
        return str(obj.status)

    @staticmethod
    def resolve_status_measure(obj: Any) -> str | None:
        return obj.standing.measure or None

    @staticmethod
    def resolve_status_until(obj: Any) -> date | None:
        return obj.standing.until

    @staticmethod
    def resolve_policies(obj: Any) -> list[Any]:
        order = {
            s: i for i, s in enumerate(("shipping", "payment", "returns", "privacy", "more_info"))
        }
        return sorted(obj.policies.all(), key=lambda p: order.get(p.section, 99))


class MemberIn(BodyIn):
    role: Literal["owner", "staff"] = "staff"
    email: str = ""
    display_name: str = Field("", max_length=150)


class MemberOut(Schema):
    user_id: str | None = Field(None, alias="user.external_id")
    display_name: str = Field(alias="user.display_name")
    email: str = Field(alias="user.email")
    role: str
