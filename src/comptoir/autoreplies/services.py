"""Saving a shop's auto-replies, checked against the marketplace's rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from comptoir.autoreplies.models import AutoReplySettings
from comptoir.autoreplies.schedule import Problem, Span, check_temporary, check_week
from comptoir.autoreplies.settings import week_to_json
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.models import SavedReply
from comptoir.shops.models import Shop

TEXT_MAX = 5_000
WeekInput = Mapping[int, Sequence[tuple[int, int]]]


def _day(day: int | None) -> str:
    return str(WEEKDAYS.get(day if day is not None else -1, ""))


def explain(problem: Problem) -> str:
    """A rule broken, in the reader's language, naming the day."""
    code, day = problem.code, _day(problem.day)
    if code == "too_few_days":
        return _("Choose at least 4 days a week.")
    if code == "too_few_hours":
        hours = (problem.minutes or 0) / 60
        return _("%(day)s: at least 8 hours a day are needed (%(hours)s h now).") % {
            "day": day,
            "hours": f"{hours:g}",
        }
    if code == "overlap":
        return _("%(day)s: the time ranges overlap.") % {"day": day}
    if code == "empty_span":
        return _("%(day)s: a time range ends before it starts.") % {"day": day}
    if code == "out_of_day":
        return _("%(day)s: times must be within the day.") % {"day": day}
    if code == "too_short":
        return _("A temporary auto-reply lasts at least 1 hour.")
    if code == "too_long":
        return _(
            "A temporary auto-reply lasts at most 5 days. For a longer absence, "
            "turn on vacation mode."
        )
    return _("The auto-reply ends before it starts.")


def _refuse(code: str, problems: list[Problem]) -> DomainError:
    fields: dict[str, str] = {}
    for problem in problems:
        key = f"week.{problem.day}" if problem.day is not None else problem.code
        fields.setdefault(key, problem.code)
    return DomainError(code, " ".join(explain(p) for p in problems), fields=fields)


def _text(shop: Shop, text: str, saved_reply_id: int | None) -> str:
    text = text.strip()
    if not text and saved_reply_id is not None:
        saved = SavedReply.objects.filter(shop=shop, id=saved_reply_id).first()
        if saved is None:
            raise NotFound("saved_reply_not_found", _("No such saved reply."))
        text = saved.body
    if len(text) > TEXT_MAX:
        raise DomainError(
            "text_too_long", _("Some fields are not valid."), fields={"text": "too_long"}
        )
    return text


def _settings(shop: Shop) -> AutoReplySettings:
    settings, _created = AutoReplySettings.objects.select_for_update().get_or_create(shop=shop)
    return settings


@transaction.atomic
def weekly_set(
    *, shop: Shop, on: bool, text: str, week: WeekInput, saved_reply_id: int | None = None
) -> AutoReplySettings:
    """The weekly auto-reply: the hours the seller is available, and the text for the rest."""
    spans = {day: tuple(Span(start=a, end=b) for a, b in ranges) for day, ranges in week.items()}
    chosen = {day: s for day, s in spans.items() if s}
    text = _text(shop, text, saved_reply_id)
    if on:
        problems = check_week(chosen)
        if problems:
            raise _refuse("invalid_week", problems)
        if not text:
            raise DomainError(
                "text_required", _("Write the auto-reply's text."), fields={"text": "required"}
            )
    settings = _settings(shop)
    settings.weekly_on, settings.weekly_text = on, text
    settings.week = week_to_json(chosen)
    settings.save()
    return settings


@transaction.atomic
def temporary_set(
    *,
    shop: Shop,
    on: bool,
    text: str,
    starts_at: datetime | None,
    ends_at: datetime | None,
    saved_reply_id: int | None = None,
) -> AutoReplySettings:
    """The temporary auto-reply, for an absence of 1 hour to 5 days.

    Times without a zone are read in the shop's time zone.
    """
    zone = ZoneInfo(shop.time_zone)
    if starts_at is not None and timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at, zone)
    if ends_at is not None and timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at, zone)
    text = _text(shop, text, saved_reply_id)
    if on:
        if starts_at is None or ends_at is None:
            raise DomainError(
                "period_required",
                _("Say from when until when the auto-reply is on."),
                fields={"starts_at": "required", "ends_at": "required"},
            )
        problems = check_temporary(starts_at, ends_at)
        if problems:
            raise _refuse("invalid_period", problems)
        if not text:
            raise DomainError(
                "text_required", _("Write the auto-reply's text."), fields={"text": "required"}
            )
    settings = _settings(shop)
    settings.temporary_on, settings.temporary_text = on, text
    settings.temporary_starts_at, settings.temporary_ends_at = starts_at, ends_at
    settings.save()
    return settings
