"""Shop Manager → Messages → Auto-reply, and Shop settings → Vacation mode."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.autoreplies.models import AutoReplySettings
from comptoir.autoreplies.schedule import due, next_change
from comptoir.autoreplies.services import temporary_set, weekly_set
from comptoir.autoreplies.settings import schedule_settings
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.models import SavedReply
from comptoir.shops.access import member_viewer
from comptoir.shops.models import Shop
from comptoir.shops.services import vacation_set


def _shop(request: HttpRequest, shop_id: int) -> Shop:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    try:
        shop = member_viewer(user, shop_id=shop_id).shop
    except NotFound as exc:
        raise Http404(exc.message) from exc
    assert shop is not None
    return shop


def _minutes(value: str, *, end: bool = False) -> int | None:
    """ "HH:MM" to minutes since midnight; an end of "00:00" is the end of the day."""
    if not value:
        return None
    hours, _sep, minutes = value.partition(":")
    total = int(hours) * 60 + int(minutes or 0)
    return 1440 if end and total == 0 else total


def _clock(minutes: int) -> str:
    return "00:00" if minutes == 1440 else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _week_from_post(post: Any) -> dict[int, list[tuple[int, int]]]:
    week: dict[int, list[tuple[int, int]]] = {}
    for day in range(7):
        if not post.get(f"day{day}"):
            continue
        spans = []
        for n in (1, 2):
            start = _minutes(post.get(f"from{day}_{n}", ""))
            stop = _minutes(post.get(f"to{day}_{n}", ""), end=True)
            if start is not None and stop is not None:
                spans.append((start, stop))
        week[day] = spans
    return week


def _rows(week: dict[int, list[tuple[int, int]]]) -> list[dict[str, Any]]:
    rows = []
    for day in range(7):
        spans = week.get(day, [])
        pairs = [(_clock(a), _clock(b)) for a, b in spans] + [("", "")] * (2 - len(spans))
        rows.append({"day": day, "name": WEEKDAYS[day], "on": day in week, "spans": pairs[:2]})
    return rows


def _local(value: str, zone: str) -> datetime | None:
    if not value:
        return None
    return timezone.make_aware(datetime.fromisoformat(value), ZoneInfo(zone))


@login_required
def auto_reply(request: HttpRequest, shop_id: int) -> HttpResponse:
    shop = _shop(request, shop_id)
    stored, _created = AutoReplySettings.objects.get_or_create(shop=shop)
    week = {int(d): [tuple(s) for s in spans] for d, spans in stored.week.items()}
    errors: dict[str, str] = {}
    if request.method == "POST":
        post = request.POST
        posted_week = _week_from_post(post)
        saved = post.get("saved_reply", "")
        saved_id = int(saved) if saved.isdigit() else None
        if post.get("copy", "").isdigit():
            source = posted_week.get(int(post["copy"]), [])
            week = {day: list(source) for day in posted_week}
        else:
            try:
                if "save_weekly" in post:
                    week = posted_week
                    weekly_set(
                        shop=shop,
                        on=bool(post.get("weekly_on")),
                        text=post.get("weekly_text", ""),
                        week=posted_week,
                        saved_reply_id=saved_id,
                    )
                else:
                    temporary_set(
                        shop=shop,
                        on=bool(post.get("temporary_on")),
                        text=post.get("temporary_text", ""),
                        starts_at=_local(post.get("starts_at", ""), shop.time_zone),
                        ends_at=_local(post.get("ends_at", ""), shop.time_zone),
                        saved_reply_id=saved_id,
                    )
                messages.success(request, _("Auto-reply saved."))
                return redirect("autoreplies:auto_reply", shop.id)
            except (DomainError, ValueError) as exc:
                errors["weekly" if "save_weekly" in post else "temporary"] = (
                    exc.message if isinstance(exc, DomainError) else _("Some fields are not valid.")
                )
    stored.refresh_from_db()
    plan = schedule_settings(shop, stored)
    now = clock.now()
    zone = ZoneInfo(shop.time_zone)
    context = {
        "shop": shop,
        "stored": stored,
        "rows": _rows(week),
        "errors": errors,
        "saved_replies": SavedReply.objects.filter(shop=shop).order_by("title"),
        "due_now": due(plan, now),
        "next_change": next_change(plan, now),
        "starts_local": stored.temporary_starts_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        if stored.temporary_starts_at
        else "",
        "ends_local": stored.temporary_ends_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
        if stored.temporary_ends_at
        else "",
        "post": request.POST if request.method == "POST" else None,
    }
    status = 400 if errors else 200
    return render(request, "autoreplies/auto_reply.html", context, status=status)


@login_required
def vacation(request: HttpRequest, shop_id: int) -> HttpResponse:
    shop = _shop(request, shop_id)
    error = ""
    if request.method == "POST":
        try:
            starts = request.POST.get("starts_on") or None
            ends = request.POST.get("ends_on") or None
            vacation_set(
                shop=shop,
                on=bool(request.POST.get("on")),
                message=request.POST.get("message", ""),
                starts_on=date.fromisoformat(starts) if starts else None,
                ends_on=date.fromisoformat(ends) if ends else None,
            )
            messages.success(request, _("Vacation mode saved."))
            return redirect("autoreplies:vacation", shop.id)
        except (DomainError, ValueError) as exc:
            error = exc.message if isinstance(exc, DomainError) else _("Some fields are not valid.")
    status = 400 if error else 200
    return render(
        request, "autoreplies/vacation.html", {"shop": shop, "error": error}, status=status
    )
