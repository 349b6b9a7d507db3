"""From stored rows to the pure schedule's plain values."""

from __future__ import annotations

from typing import Any

from comptoir.autoreplies.models import AutoReplySettings
from comptoir.autoreplies.schedule import Settings, Span, Temporary, Vacation, Week
from comptoir.shops.models import Shop


def week_from_json(raw: dict[str, Any]) -> Week:
    return {
        int(day): tuple(Span(start=int(a), end=int(b)) for a, b in spans)
        for day, spans in raw.items()
        if spans
    }


def week_to_json(week: Week) -> dict[str, list[list[int]]]:
    return {
        str(day): [[s.start, s.end] for s in sorted(spans, key=lambda s: s.start)]
        for day, spans in sorted(week.items())
        if spans
    }


def schedule_settings(shop: Shop, stored: AutoReplySettings | None) -> Settings:
    vacation = None
    if shop.vacation_mode:
        vacation = Vacation(starts_on=shop.vacation_starts_on, ends_on=shop.vacation_ends_on)
    week = temporary = None
    if stored is not None:
        if stored.weekly_on and stored.weekly_text:
            week = week_from_json(stored.week)
        if (
            stored.temporary_on
            and stored.temporary_text
            and stored.temporary_starts_at is not None
            and stored.temporary_ends_at is not None
        ):
            temporary = Temporary(
                starts_at=stored.temporary_starts_at, ends_at=stored.temporary_ends_at
            )
    return Settings(time_zone=shop.time_zone, week=week, temporary=temporary, vacation=vacation)
