"""The figures in words, for the web pages, the API and the CSV export alike."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from django.utils import formats
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from comptoir.messaging.subjects import display_subject
from comptoir.responsiveness import rules
from comptoir.responsiveness.models import FirstMessage
from comptoir.responsiveness.selectors import (
    Dashboard,
    DayPoint,
    PeriodFigures,
    Status,
    left_out_because,
    status,
)


def band_text(band: rules.Band | str | None) -> str:
    """The buyer-facing sentence ("" when the shop has too few answers to tell)."""
    texts = {
        rules.Band.HOUR: _("Usually responds within an hour"),
        rules.Band.HOURS: _("Usually responds within a few hours"),
        rules.Band.DAY: _("Usually responds within 24 hours"),
        rules.Band.DAYS: _("Usually responds within a few days"),
    }
    return texts.get(rules.Band(band), "") if band else ""


def duration_text(value: timedelta | None) -> str:
    """A length of time as a person says it: "42 min", "3 h 05 min", "2 days 4 h"."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return _("under a minute")
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
    days, hours = divmod(hours, 24)
    return ngettext("%(d)d day %(h)d h", "%(d)d days %(h)d h", days) % {"d": days, "h": hours}


def percent_text(value: Fraction | None) -> str:
    """One decimal, rounded half up by the rules, with the reader's decimal mark."""
    if value is None:
        return "—"
    mark = str(formats.get_format("DECIMAL_SEPARATOR"))
    return f"{rules.one_decimal_percent(value).replace('.', mark)} %"


CRITERIA = {
    rules.Criterion.RESPONSE_RATE: lambda: (
        _("Response rate of at least %(share)s")
        % {"share": _whole_percent(rules.MIN_RESPONSE_RATE)}
    ),
    rules.Criterion.ON_TIME_SHIPPING: lambda: (
        _("At least %(share)s of orders shipped on time with tracking")
        % {"share": _whole_percent(rules.MIN_ON_TIME_SHIPPING)}
    ),
    rules.Criterion.RATING: lambda: (
        _("Average rating of at least %(rating)s")
        % {"rating": formats.number_format(float(rules.MIN_RATING), 1)}
    ),
    rules.Criterion.ORDERS: lambda: _("At least %(n)d orders") % {"n": rules.MIN_ORDERS},
    rules.Criterion.SHOP_AGE: lambda: (
        _("At least %(n)d days since the first sale") % {"n": rules.MIN_SHOP_AGE_DAYS}
    ),
}


def _whole_percent(value: Fraction) -> str:
    return f"{int(value * 100)} %"


def _figure(check: rules.Check) -> str:
    value = check.value
    if value is None:
        if check.criterion == rules.Criterion.SHOP_AGE:
            return _("no sale yet")
        return _("nothing to judge yet")
    if check.criterion in (rules.Criterion.RESPONSE_RATE, rules.Criterion.ON_TIME_SHIPPING):
        return percent_text(Fraction(value))
    if check.criterion == rules.Criterion.RATING:
        hundredths = int(Fraction(value) * 100 + Fraction(1, 2))  # rounded half up
        return formats.number_format(Decimal(hundredths) / 100, 2)
    if check.criterion == rules.Criterion.ORDERS:
        return ngettext("%(n)d order", "%(n)d orders", int(value)) % {"n": value}
    return ngettext("%(n)d day", "%(n)d days", int(value)) % {"n": value}


def _needed(check: rules.Check) -> str:
    n = check.needed
    if check.met or n is None:
        return "" if check.met else _("Needs a first sale.")
    texts = {
        rules.Criterion.RESPONSE_RATE: lambda: ngettext(
            "%(n)d more first message answered within 24 hours",
            "%(n)d more first messages answered within 24 hours",
            n,
        ),
        rules.Criterion.ON_TIME_SHIPPING: lambda: ngettext(
            "%(n)d more order shipped on time with tracking",
            "%(n)d more orders shipped on time with tracking",
            n,
        ),
        rules.Criterion.RATING: lambda: ngettext(
            "%(n)d more 5-star review", "%(n)d more 5-star reviews", n
        ),
        rules.Criterion.ORDERS: lambda: ngettext("%(n)d more order", "%(n)d more orders", n),
        rules.Criterion.SHOP_AGE: lambda: ngettext("%(n)d more day", "%(n)d more days", n),
    }
    return texts[check.criterion]() % {"n": n}


def check_row(check: rules.Check) -> dict[str, Any]:
    value = check.value
    return {
        "criterion": str(check.criterion),
        "label": CRITERIA[check.criterion](),
        "met": check.met,
        "value": None if value is None else float(value),
        "figure": _figure(check),
        "needed": check.needed,
        "needed_text": _needed(check),
    }


def period_data(figures: PeriodFigures) -> dict[str, Any]:
    record = figures.record
    average = Fraction(record.rating_sum, record.ratings) if record.ratings else None
    return {
        "start": figures.period.start,
        "end": figures.period.end,
        "last_day": figures.period.last_day,
        "so_far": figures.period.so_far,
        "answered": figures.rate.answered,
        "counted": figures.rate.counted,
        "pending": figures.pending,
        "response_rate": None if figures.rate.value is None else float(figures.rate.value),
        "response_rate_text": percent_text(figures.rate.value),
        "response_time_seconds": _seconds(figures.response.mean),
        "response_time_text": duration_text(figures.response.mean),
        "spans": figures.response.spans,
        "orders": record.orders,
        "due_orders": record.due_orders or 0,
        "on_time": record.shipped_on_time_with_tracking,
        "ratings": record.ratings,
        "average_rating": None if average is None else float(average),
        "checks": [check_row(c) for c in figures.checks],
        "top_seller": figures.top_seller,
    }


def _seconds(value: timedelta | None) -> float | None:
    return None if value is None else value.total_seconds()


def day_data(point: DayPoint) -> dict[str, Any]:
    return {
        "day": point.day,
        "answered": point.answered,
        "counted": point.counted,
        "response_rate": None if point.rate is None else float(point.rate),
        "spans": point.spans,
        "median_seconds": _seconds(point.median),
    }


def dashboard_data(board: Dashboard, *, daily: bool = True) -> dict[str, Any]:
    """The dashboard's figures; `daily=False` leaves out the 90 daily points (the web page
    draws them from the chart instead)."""
    return {
        "shop_id": board.shop.external_id,
        "as_of": board.now,
        "response_time_seconds": _seconds(board.response_time.mean),
        "response_time_text": duration_text(board.response_time.mean),
        "response_time_spans": board.response_time.spans,
        "band": board.band and str(board.band),
        "band_text": band_text(board.band),
        "current": period_data(board.current),
        "previous": period_data(board.previous),
        "daily": [day_data(p) for p in board.daily] if daily else [],
    }


STATUS_TEXTS = {
    Status.ANSWERED: lambda: _("Answered within 24 hours"),
    Status.LATE: lambda: _("Answered late"),
    Status.UNANSWERED: lambda: _("Not answered within 24 hours"),
    Status.PENDING: lambda: _("Waiting (less than 24 hours)"),
    Status.LEFT_OUT: lambda: _("Left out"),
}
REASON_TEXTS = {
    "spam": lambda: _("marked as spam"),
    "no_response_needed": lambda: _("marked “no response needed”"),
}


def answered_by_text(first: FirstMessage) -> str:
    if first.answered_at is None:
        return ""
    if first.answered_automatically:
        return _("Auto-reply")
    user = first.answered_by
    return str(user) if user is not None else _("A shop member")


def first_message_data(first: FirstMessage, now: datetime) -> dict[str, Any]:
    """One row of the breakdown."""
    conversation = first.conversation
    state = status(first, now)
    buyer = conversation.buyer
    return {
        "conversation_id": first.conversation_id,
        "subject": display_subject(conversation),
        "buyer": str(buyer) if buyer is not None else conversation.visitor_name,
        "received_at": first.received_at,
        "answer_by": first.deadline,
        "answered_at": first.answered_at,
        "answered_by": answered_by_text(first),
        "automatic": first.answered_automatically,
        "within_24_hours": state == Status.ANSWERED,
        "counted": state in (Status.ANSWERED, Status.LATE, Status.UNANSWERED),
        "status": state,
        "status_text": STATUS_TEXTS[state](),
        "left_out_because": left_out_because(first),
        "left_out_text": ", ".join(REASON_TEXTS[r]() for r in left_out_because(first)),
    }


# --- the chart's days ---------------------------------------------------------------


@lru_cache(maxsize=4096)
def _date_text(language: str, day: date) -> str:
    """A day as the reader's language writes it (the same 90 days come back on every view:
    formatting them anew was a third of the page's time)."""
    return date_format(day, "DATE_FORMAT")


@lru_cache(maxsize=4096)
def _rate_template(language: str, counted: int) -> str:
    return ngettext(
        "%(answered)d of %(counted)d first message answered within 24 hours (%(rate)s)",
        "%(answered)d of %(counted)d first messages answered within 24 hours (%(rate)s)",
        counted,
    )


@lru_cache(maxsize=4096)
def _median_template(language: str, spans: int) -> str:
    return ngettext(
        "median response time %(time)s (%(n)d reply)",
        "median response time %(time)s (%(n)d replies)",
        spans,
    )


def day_titles(points: list[DayPoint]) -> list[str]:
    """What hovering each day of the chart tells."""
    language = get_language()
    no_first, no_reply = _("no first message counted"), _("no reply")
    line = _("%(day)s: %(rate)s; %(median)s")
    titles = []
    for point in points:
        rate = no_first
        if point.counted:
            rate = _rate_template(language, point.counted) % {
                "answered": point.answered,
                "counted": point.counted,
                "rate": percent_text(point.rate),
            }
        median = no_reply
        if point.median is not None:
            median = _median_template(language, point.spans) % {
                "time": duration_text(point.median),
                "n": point.spans,
            }
        day = _date_text(language, point.day)
        titles.append(line % {"day": day, "rate": rate, "median": median})
    return titles
