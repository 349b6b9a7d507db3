"""Auto-replies and vacation mode through the API, for the shop's members."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from comptoir.accounts.models import User
from comptoir.autoreplies.models import AutoReplySettings
from comptoir.autoreplies.schedule import due, next_change
from comptoir.autoreplies.services import temporary_set, weekly_set
from comptoir.autoreplies.settings import schedule_settings
from comptoir.core import clock
from comptoir.core.api import ERRORS
from comptoir.core.schemas import BodyIn
from comptoir.shops.access import member_viewer
from comptoir.shops.models import Shop
from comptoir.shops.services import vacation_set

router = Router(tags=["auto-replies"])


class WeeklyIn(BodyIn):
    on: bool
    text: str = Field("", max_length=5_000)
    saved_reply_id: int | None = None
    week: dict[int, list[tuple[int, int]]] = Field(
        default_factory=dict,
        description="Weekday (0 = Monday) to available time ranges, in minutes since "
        'midnight in the shop\'s time zone, e.g. {"0": [[540, 1080]]} for 9:00–18:00.',
    )


class TemporaryIn(BodyIn):
    on: bool
    text: str = Field("", max_length=5_000)
    saved_reply_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class VacationIn(BodyIn):
    on: bool
    message: str = Field("", max_length=5_000)
    starts_on: date | None = None
    ends_on: date | None = None


class AutoRepliesOut(Schema):
    weekly: dict[str, Any]
    temporary: dict[str, Any]
    vacation: dict[str, Any]
    due_now: str | None = Field(description="vacation, temporary, weekly, or null")
    next_change: datetime | None


def _shop(request: HttpRequest, shop_id: str) -> Shop:
    user = request.user
    assert isinstance(user, User)
    shop = member_viewer(user, external_id=shop_id).shop
    assert shop is not None
    return shop


def _out(shop: Shop) -> dict[str, Any]:
    stored = AutoReplySettings.objects.filter(shop=shop).first()
    now = clock.now()
    plan = schedule_settings(shop, stored)
    reply = due(plan, now)
    return {
        "weekly": {
            "on": bool(stored and stored.weekly_on),
            "text": stored.weekly_text if stored else "",
            "week": stored.week if stored else {},
        },
        "temporary": {
            "on": bool(stored and stored.temporary_on),
            "text": stored.temporary_text if stored else "",
            "starts_at": stored.temporary_starts_at if stored else None,
            "ends_at": stored.temporary_ends_at if stored else None,
        },
        "vacation": {
            "on": shop.vacation_mode,
            "message": shop.vacation_message,
            "starts_on": shop.vacation_starts_on,
            "ends_on": shop.vacation_ends_on,
        },
        "due_now": reply.value if reply else None,
        "next_change": next_change(plan, now),
    }


@router.get("/shops/{shop_id}/auto-replies", response={200: AutoRepliesOut, **ERRORS})
def auto_replies(request: HttpRequest, shop_id: str) -> dict[str, Any]:
    return _out(_shop(request, shop_id))


@router.put("/shops/{shop_id}/auto-replies/weekly", response={200: AutoRepliesOut, **ERRORS})
def weekly_put(request: HttpRequest, shop_id: str, payload: WeeklyIn) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    weekly_set(
        shop=shop,
        on=payload.on,
        text=payload.text,
        week=payload.week,
        saved_reply_id=payload.saved_reply_id,
    )
    return _out(shop)


@router.put("/shops/{shop_id}/auto-replies/temporary", response={200: AutoRepliesOut, **ERRORS})
def temporary_put(request: HttpRequest, shop_id: str, payload: TemporaryIn) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    temporary_set(
        shop=shop,
        on=payload.on,
        text=payload.text,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        saved_reply_id=payload.saved_reply_id,
    )
    return _out(shop)


@router.put("/shops/{shop_id}/vacation", response={200: AutoRepliesOut, **ERRORS})
def vacation_put(request: HttpRequest, shop_id: str, payload: VacationIn) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    vacation_set(
        shop=shop,
        on=payload.on,
        message=payload.message,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return _out(shop)
