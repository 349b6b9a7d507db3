"""API shapes for accounts: who am I, and my tokens."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from comptoir.core.schemas import BodyIn


class MembershipOut(Schema):
    shop_id: str = Field(description="The shop's marketplace id.")
    shop_name: str
    role: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    language: str
    time_zone: str
    memberships: list[MembershipOut]
    trust_and_safety: bool
    marketplace_integration: bool


class TokenIn(BodyIn):
    name: str = Field(min_length=1, max_length=100, examples=["Order sync"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The first characters after `cpt_`, to recognise it.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedTokenOut(TokenOut):
    secret: str = Field(description="Shown once: Comptoir keeps only a hash.")
