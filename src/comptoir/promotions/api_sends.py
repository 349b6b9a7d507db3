"""Sends to past buyers, single marketing messages and follow-ups through the API.

For a shop's members, under /shops/{shop_id} (the marketplace's shop id); anyone else
gets 404. Marketing reaches only buyers who agreed: the audience endpoint says how many
are left out before anything is sent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from comptoir.accounts.models import User
from comptoir.core.api import ERRORS, PageOf, Paging
from comptoir.core.schemas import BodyIn
from comptoir.promotions import followups, sends, sends_selectors
from comptoir.promotions.audiences import (
    AudienceSpec,
    audience_check,
    audience_preview,
    listing_id_of,
)
from comptoir.promotions.models import Campaign, FollowUp, FollowUpSettings, Recipient
from comptoir.shops.access import Viewer, member_viewer
from comptoir.shops.models import Shop

router = Router(tags=["promotions"])

AudienceKind = Literal["all", "listing", "dates", "loyal"]


def _viewer(request: HttpRequest, shop_id: str) -> Viewer:
    user = request.user
    assert isinstance(user, User)
    return member_viewer(user, external_id=shop_id)


def _shop(viewer: Viewer) -> Shop:
    assert viewer.shop is not None
    return viewer.shop


# --- audiences -------------------------------------------------------------------------------


class AudienceQuery(Schema):
    audience: AudienceKind = "all"
    listing_id: str = Field("", description="the marketplace's listing id (audience=listing)")
    bought_from: date | None = Field(None, description="first day, in the shop's time zone")
    bought_until: date | None = Field(None, description="last day, included")
    min_orders: int | None = Field(None, description="loyal: at least this many orders")


class AudienceOut(Schema):
    audience_size: int = Field(description="past buyers in the audience")
    consenting: int = Field(description="who agreed to receive news and offers: they get it")
    left_out: int = Field(description="who have not agreed (or withdrew): they do not")


def _spec(shop: Shop, q: AudienceQuery) -> AudienceSpec:
    spec = AudienceSpec(
        kind=q.audience,
        listing_id=listing_id_of(shop=shop, external_id=q.listing_id)
        if q.audience == "listing"
        else None,
        bought_from=q.bought_from,
        bought_until=q.bought_until,
        min_orders=q.min_orders,
    )
    return audience_check(shop=shop, spec=spec)


@router.get(
    "/shops/{shop_id}/audience",
    response={200: AudienceOut, **ERRORS},
    summary="Preview an audience of past buyers: how many would get a send",
)
def audience(request: HttpRequest, shop_id: str, q: Query[AudienceQuery]) -> dict[str, int]:
    shop = _shop(_viewer(request, shop_id))
    preview = audience_preview(shop=shop, spec=_spec(shop, q))
    return {
        "audience_size": preview.audience_size,
        "consenting": preview.consenting,
        "left_out": preview.left_out,
    }


# --- sends -----------------------------------------------------------------------------------


class SendIn(AudienceQuery):
    subject: str
    body: str
    coupon_id: int | None = Field(None, description="one of the shop's usable coupon codes")
    draft: bool = Field(False, description="keep it as a draft instead of sending now")


class SendOut(Schema):
    id: int
    status: str = Field(description="draft, sending, waiting, sent, cancelled")
    status_text: str
    subject: str
    body: str
    audience: str = Field(description="all, listing, dates, loyal, or single (one buyer)")
    listing_id: str | None
    bought_from: date | None
    bought_until: date | None
    min_orders: int | None
    coupon_id: int | None
    coupon_code: str | None
    audience_size: int
    left_out: int
    sent: int
    withdrawn: int
    to_send: int
    percent: int = Field(description="of the buyers who agreed, how many were reached")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def send_out(campaign: Campaign) -> dict[str, Any]:
    _done, _total, percent = sends.progress(campaign)
    return {
        "id": campaign.id,
        "status": campaign.status,
        "status_text": str(Campaign.Status(campaign.status).label),
        "subject": campaign.subject,
        "body": campaign.body,
        "audience": campaign.audience,
        "listing_id": campaign.audience_listing.external_id if campaign.audience_listing else None,
        "bought_from": campaign.audience_from,
        "bought_until": campaign.audience_to,
        "min_orders": campaign.audience_min_orders,
        "coupon_id": campaign.coupon_id,
        "coupon_code": campaign.coupon.code if campaign.coupon else None,
        "audience_size": campaign.audience_size,
        "left_out": campaign.left_out,
        "sent": campaign.sent,
        "withdrawn": campaign.withdrawn,
        "to_send": campaign.to_send,
        "percent": percent,
        "created_at": campaign.created_at,
        "started_at": campaign.started_at,
        "finished_at": campaign.finished_at,
    }


def _read(shop: Shop, send_id: int) -> dict[str, Any]:
    return send_out(sends_selectors.get_send(shop, send_id))


@router.get(
    "/shops/{shop_id}/sends",
    response={200: PageOf[SendOut], **ERRORS},
    summary="The shop's sends to past buyers, newest first",
)
def sends_list(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, Any]:
    shop = _shop(_viewer(request, shop_id))
    page = sends_selectors.sends_page(shop, cursor=paging.cursor, limit=paging.limit)
    return {"items": [send_out(c) for c in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/shops/{shop_id}/sends",
    response={201: SendOut, **ERRORS},
    summary="Create a send to past buyers and start it (unless draft)",
)
def send_create(request: HttpRequest, shop_id: str, payload: SendIn) -> Status[dict[str, Any]]:
    viewer = _viewer(request, shop_id)
    shop = _shop(viewer)
    spec = AudienceSpec(
        kind=payload.audience,
        listing_id=listing_id_of(shop=shop, external_id=payload.listing_id)
        if payload.audience == "listing"
        else None,
        bought_from=payload.bought_from,
        bought_until=payload.bought_until,
        min_orders=payload.min_orders,
    )
    data = sends.SendInput(
        subject=payload.subject, body=payload.body, audience=spec, coupon_id=payload.coupon_id
    )
    campaign = sends.send_new(viewer=viewer, data=data, draft=payload.draft)
    return Status(201, _read(shop, campaign.id))


@router.get(
    "/shops/{shop_id}/sends/{int:send_id}",
    response={200: SendOut, **ERRORS},
    summary="One send: its status and progress",
)
def send_read(request: HttpRequest, shop_id: str, send_id: int) -> dict[str, Any]:
    return _read(_shop(_viewer(request, shop_id)), send_id)


@router.post(
    "/shops/{shop_id}/sends/{int:send_id}/start",
    response={200: SendOut, **ERRORS},
    summary="Start a draft send",
)
def send_start(request: HttpRequest, shop_id: str, send_id: int) -> dict[str, Any]:
    viewer = _viewer(request, shop_id)
    sends.send_start(viewer=viewer, campaign_id=send_id)
    return _read(_shop(viewer), send_id)


@router.post(
    "/shops/{shop_id}/sends/{int:send_id}/cancel",
    response={200: SendOut, **ERRORS},
    summary="Stop a send: nobody else gets it",
)
def send_cancel(request: HttpRequest, shop_id: str, send_id: int) -> dict[str, Any]:
    viewer = _viewer(request, shop_id)
    sends.send_cancel(viewer=viewer, campaign_id=send_id)
    return _read(_shop(viewer), send_id)


class RecipientsQuery(Paging):
    status: Literal["", "pending", "sent", "left_out", "withdrawn"] = ""


class RecipientOut(Schema):
    buyer_name: str
    status: str = Field(description="pending, sent, left_out (no consent), withdrawn")
    status_text: str
    at: datetime | None
    conversation_id: int | None


@router.get(
    "/shops/{shop_id}/sends/{int:send_id}/recipients",
    response={200: PageOf[RecipientOut], **ERRORS},
    summary="Who got a send, and who was left out and why",
)
def recipients(
    request: HttpRequest, shop_id: str, send_id: int, q: Query[RecipientsQuery]
) -> dict[str, Any]:
    campaign = sends_selectors.get_send(_shop(_viewer(request, shop_id)), send_id)
    page = sends_selectors.recipients_page(
        campaign, status=q.status, cursor=q.cursor, limit=q.limit
    )
    return {
        "items": [
            {
                "buyer_name": str(r.buyer),
                "status": r.status,
                "status_text": str(Recipient.Status(r.status).label),
                "at": r.at,
                "conversation_id": r.conversation_id,
            }
            for r in page.items
        ],
        "next_cursor": page.next_cursor,
    }


# --- one message to one buyer ------------------------------------------------------------------


class MarketingMessageIn(BodyIn):
    buyer_id: str = Field(description="the marketplace's buyer id")
    subject: str
    body: str


class MarketingMessageOut(Schema):
    send_id: int
    conversation_id: int
    message_id: int


@router.post(
    "/shops/{shop_id}/marketing-messages",
    response={201: MarketingMessageOut, **ERRORS},
    summary="News or an offer to one past buyer who agreed (counts against the daily cap)",
)
def marketing_message(
    request: HttpRequest, shop_id: str, payload: MarketingMessageIn
) -> Status[dict[str, int]]:
    campaign, message = sends.marketing_message_single(
        viewer=_viewer(request, shop_id),
        buyer_external_id=payload.buyer_id,
        subject=payload.subject,
        body=payload.body,
    )
    return Status(
        201,
        {
            "send_id": campaign.id,
            "conversation_id": message.conversation_id,
            "message_id": message.id,
        },
    )


# --- follow-ups ----------------------------------------------------------------------------------


class FollowUpSettingsIO(BodyIn):
    enabled: bool
    days_after_delivery: int = Field(description="1 to 60")
    body: str = Field(description="may use {buyer}, {order} and {shop}")


def _settings_out(stored: FollowUpSettings) -> dict[str, Any]:
    return {
        "enabled": stored.enabled,
        "days_after_delivery": stored.days_after_delivery,
        "body": stored.body,
    }


@router.get(
    "/shops/{shop_id}/follow-ups/settings",
    response={200: FollowUpSettingsIO, **ERRORS},
    summary="The shop's check-in after delivery",
)
def follow_up_settings(request: HttpRequest, shop_id: str) -> dict[str, Any]:
    return _settings_out(followups.follow_up_settings(_shop(_viewer(request, shop_id))))


@router.put(
    "/shops/{shop_id}/follow-ups/settings",
    response={200: FollowUpSettingsIO, **ERRORS},
    summary="Turn the check-in after delivery on or off, with its delay and text",
)
def follow_up_settings_set(
    request: HttpRequest, shop_id: str, payload: FollowUpSettingsIO
) -> dict[str, Any]:
    stored = followups.follow_up_settings_set(
        shop=_shop(_viewer(request, shop_id)),
        data=followups.FollowUpInput(
            enabled=payload.enabled,
            days_after_delivery=payload.days_after_delivery,
            body=payload.body,
        ),
    )
    return _settings_out(stored)


class FollowUpOut(Schema):
    order_id: str = Field(description="the marketplace's order id")
    buyer_name: str
    status: str = Field(description="sent, or skipped_case (a case was opened)")
    status_text: str
    at: datetime
    conversation_id: int | None


@router.get(
    "/shops/{shop_id}/follow-ups",
    response={200: PageOf[FollowUpOut], **ERRORS},
    summary="The shop's recent check-ins, newest first",
)
def follow_ups(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, Any]:
    shop = _shop(_viewer(request, shop_id))
    page = followups.follow_ups_page(shop, cursor=paging.cursor, limit=paging.limit)
    return {
        "items": [
            {
                "order_id": f.order.external_id,
                "buyer_name": str(f.order.buyer),
                "status": f.status,
                "status_text": str(FollowUp.Status(f.status).label),
                "at": f.at,
                "conversation_id": f.conversation_id,
            }
            for f in page.items
        ],
        "next_cursor": page.next_cursor,
    }
