"""Marketing consent through the API.

- The marketplace's integration (`marketplace_integration` permission) reports and reads a
  buyer's consent to a shop, both by the marketplace's own ids. Orders carry it too
  (`marketing_consent` on `PUT /shops/{shop_id}/orders/{order_id}`).
- A buyer reads and changes their own consents (`/me/consents`): every shop they could
  hear from (see `overview`).
- A shop's members read counts only: sellers never get a list of who withdrew.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import AwareDatetime

from comptoir.accounts.access import request_user
from comptoir.accounts.auth import require_integration
from comptoir.accounts.models import User
from comptoir.consent import overview
from comptoir.consent.models import Source
from comptoir.consent.reported import consent_reported
from comptoir.consent.services import consent_set
from comptoir.core.api import ERRORS, one_or_404
from comptoir.core.schemas import BodyIn
from comptoir.shops.access import readable_shop
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["consent"])


class ConsentIn(BodyIn):
    given: bool = Field(description="true: the buyer agrees to news and offers from the shop.")
    source: Literal["checkout", "import", "api"]
    reference: str = Field(
        "", max_length=100, description="Your reference for the record, e.g. the order id."
    )
    at: AwareDatetime | None = Field(
        None,
        description="When the buyer chose (now when omitted). A choice dated before the "
        "buyer's latest change records nothing: the newer choice stands.",
    )


class ChangeOut(Schema):
    given: bool
    source: str
    at: datetime
    reference: str


class ConsentOut(Schema):
    given: bool
    changed_at: datetime | None = Field(description="null: the buyer was never asked.")
    source: str | None = Field(description="checkout, account, unsubscribe, api or import.")
    history: list[ChangeOut]


class MyConsentIn(BodyIn):
    given: bool


class MyConsentOut(Schema):
    shop_id: str | None = Field(description="The shop's marketplace id.")
    shop_name: str
    given: bool
    changed_at: datetime | None = Field(description="null: you were never asked.")
    source: str | None


class SummaryOut(Schema):
    consenting: int = Field(description="Past buyers who agree to news and offers.")
    past_buyers: int


def _buyer_by_external_id(buyer_id: str) -> User:
    return one_or_404(
        User.objects.all(), "buyer_not_found", _("No such buyer."), external_id=buyer_id
    )


def _pair_out(record: overview.PairRecord) -> ConsentOut:
    return ConsentOut(
        given=record.given,
        changed_at=record.changed_at,
        source=record.source,
        history=[
            ChangeOut(given=c.given, source=c.source, at=c.at, reference=c.reference)
            for c in record.history
        ],
    )


def _mine_out(choice: overview.ShopChoice) -> MyConsentOut:
    return MyConsentOut(
        shop_id=choice.shop.external_id,
        shop_name=choice.shop.name,
        given=choice.given,
        changed_at=choice.changed_at,
        source=choice.source or None,
    )


# --- the marketplace's integration -------------------------------------------------------


@router.put(
    "/shops/{shop_id}/buyers/{buyer_id}/consent",
    response={200: ConsentOut, **ERRORS},
    summary="Report a buyer's marketing consent to a shop",
    description="Idempotent: reporting where consent already stands records nothing. "
    "Unknown ids answer 404 shop_not_found / buyer_not_found.",
)
def consent_put(
    request: HttpRequest, shop_id: str, buyer_id: str, payload: ConsentIn
) -> ConsentOut:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    buyer = _buyer_by_external_id(buyer_id)
    consent_reported(
        buyer_id=buyer.id,
        shop_id=shop.id,
        given=payload.given,
        source=payload.source,
        reference=payload.reference,
        at=payload.at,
    )
    return _pair_out(overview.pair_record(buyer_id=buyer.id, shop_id=shop.id))


@router.get(
    "/shops/{shop_id}/buyers/{buyer_id}/consent",
    response={200: ConsentOut, **ERRORS},
    summary="Read a buyer's marketing consent to a shop, with every change",
)
def consent_get(request: HttpRequest, shop_id: str, buyer_id: str) -> ConsentOut:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    buyer = _buyer_by_external_id(buyer_id)
    return _pair_out(overview.pair_record(buyer_id=buyer.id, shop_id=shop.id))


# --- the buyer ------------------------------------------------------------------------------


@router.get(
    "/me/consents",
    response={200: list[MyConsentOut], **ERRORS},
    summary="My marketing consents: every shop I answered or bought from",
)
def my_consents(request: HttpRequest) -> list[MyConsentOut]:
    return [_mine_out(c) for c in overview.buyer_choices(buyer_id=request_user(request).id)]


@router.put(
    "/me/consents/{shop_id}",
    response={200: MyConsentOut, **ERRORS},
    summary="Agree to, or stop, news and offers from a shop",
    description="Only for a shop on my list (404 shop_not_found for any other). Takes "
    "effect at once.",
)
def my_consent_put(request: HttpRequest, shop_id: str, payload: MyConsentIn) -> MyConsentOut:
    user = request_user(request)
    shop = overview.buyer_shop(buyer_id=user.id, external_id=shop_id)
    consent_set(buyer_id=user.id, shop_id=shop.id, given=payload.given, source=Source.ACCOUNT)
    return _mine_out(overview.buyer_choice(buyer_id=user.id, shop=shop))


# --- the shop -------------------------------------------------------------------------------


@router.get(
    "/shops/{shop_id}/consents/summary",
    response={200: SummaryOut, **ERRORS},
    summary="How many past buyers agree to news and offers (counts only)",
    description="For the shop's members. Who withdrew is the buyer's business: no list.",
)
def consent_summary(request: HttpRequest, shop_id: str) -> SummaryOut:
    shop, _member = readable_shop(request_user(request), external_id=shop_id)
    found = overview.shop_summary(shop_id=shop.id)
    return SummaryOut(consenting=found.consenting, past_buyers=found.past_buyers)
