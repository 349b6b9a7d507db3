"""Reading the figures: always from the daily rollups (and the few first messages whose
24 hours passed since the last settling), never from the messages themselves."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import DomainError
from comptoir.core.pagination import Page, keyset_page
from comptoir.responsiveness import history, rules
from comptoir.responsiveness.models import Day, FirstMessage
from comptoir.shops.access import readable_shop
from comptoir.shops.models import Shop

CHART_DAYS = 90
MAX_PERIOD_DAYS = 366


# --- access ---------------------------------------------------------------------------


def shop_for(user: User, *, shop_id: int | None = None, external_id: str | None = None) -> Shop:
    """A shop whose figures the user may read (`shops.access.readable_shop`)."""
    return readable_shop(user, shop_id=shop_id, external_id=external_id)[0]


# --- the dashboard --------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # day after the last
    so_far: bool  # the current period, counted up to now

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def current_period(today: date) -> Period:
    start, end = rules.current_programme_period(today)
    return Period(start, end, True)


def previous_period(today: date) -> Period:
    start, end = rules.programme_period(today)
    return Period(start, end, False)


def period_between(start: date, end: date, today: date) -> Period:
    """A period the seller picks (end exclusive), at most a year long."""
    if end <= start:
        raise DomainError(
            "invalid_period",
            _("The period must end after it starts."),
            fields={"end": "before_start"},
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError(
            "invalid_period",
            _("A period is at most %(n)d days long.") % {"n": MAX_PERIOD_DAYS},
            fields={"end": "too_long"},
        )
    return Period(start, end, end > today)


def period_asked(which: str, start: date | None, end: date | None, today: date) -> Period:
    """The period a reader asked for: `start`/`end` (either may be left out: today), else
    the previous one when `which` is "previous", else the current one."""
    if start is not None or end is not None:
        return period_between(start or today, end or today, today)
    if which == "previous":
        return previous_period(today)
    return current_period(today)


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    rate: rules.Rate
    pending: int  # first messages received in the period still within their 24 hours
    response: rules.ResponseTime  # spans closed in the period
    record: rules.ShopRecord
    checks: list[rules.Check]

    @property
    def top_seller(self) -> bool:
        return rules.is_top_seller(self.checks)


@dataclass(frozen=True)
class DayPoint:
    day: date
    answered: int
    counted: int
    spans: int
    median: timedelta | None

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.answered, self.counted) if self.counted else None


@dataclass(frozen=True)
class Dashboard:
    shop: Shop
    now: datetime
    response_time: rules.ResponseTime  # the buyer-facing figure: the last 90 days
    current: PeriodFigures
    previous: PeriodFigures
    daily: list[DayPoint]  # the last 90 days, oldest first

    @property
    def band(self) -> rules.Band | None:
        return self.response_time.band


_FIELDS = ("day", "spans", "span_total_us", "span_median_us", "answered", "missed", "orders",
           "due_orders", "on_time", "ratings", "rating_sum")  # fmt: skip


def _pending_per_day(shop: Shop, now: datetime) -> tuple[dict[date, int], dict[date, int]]:
    """The shop's pending first messages (not left out) per UTC day received, in one query
    over the partial index of pending rows: those past their 24 hours that the periodic
    job has not settled yet (they count as missed), and those still within them."""
    rows = FirstMessage.objects.filter(
        shop=shop,
        outcome=FirstMessage.Outcome.PENDING,
        spam=False,
        no_response_needed=False,
    ).values_list("received_at", "deadline")
    overdue: dict[date, int] = defaultdict(int)
    waiting: dict[date, int] = defaultdict(int)
    for received_at, deadline in rows:
        counts = overdue if deadline < now else waiting
        counts[rules.utc_day(received_at)] += 1
    return overdue, waiting


def _mean(total_us: int, spans: int) -> rules.ResponseTime:
    if not spans:
        return rules.ResponseTime(None, 0)
    return rules.ResponseTime(timedelta(microseconds=total_us / spans), spans)


def _period_figures(
    shop: Shop,
    period: Period,
    days: dict[date, dict[str, int]],
    overdue: dict[date, int],
    pending: dict[date, int],
    today: date,
) -> PeriodFigures:
    answered = counted = spans = total_us = orders = due = on_time = ratings = rating_sum = 0
    waiting = 0
    day = period.start
    while day < period.end:
        row = days.get(day)
        late = overdue.get(day, 0)
        waiting += pending.get(day, 0)
        if row is not None:
            answered += row["answered"]
            counted += row["answered"] + row["missed"]
            spans += row["spans"]
            total_us += row["span_total_us"]
            orders += row["orders"]
            ratings += row["ratings"]
            rating_sum += row["rating_sum"]
            if day < today:  # an order due today may still ship today
                due += row["due_orders"]
                on_time += row["on_time"]
        counted += late
        day += timedelta(days=1)
    rate = rules.Rate(answered, counted)
    first_sale = rules.utc_day(shop.first_sale_at) if shop.first_sale_at else None
    record = rules.ShopRecord(rate, orders, on_time, rating_sum, ratings, first_sale, due)
    checks = rules.top_seller(record, today if period.so_far else period.end)
    return PeriodFigures(period, rate, waiting, _mean(total_us, spans), record, checks)


def _medians_not_computed(shop: Shop, days: list[date]) -> dict[date, int]:
    """The medians of `days`, whose rows have spans but no median yet (replies add to a
    day and leave its median to the periodic job, decision 0016), from their spans: one
    query, none when every median is computed."""
    lengths = history.counted_span_lengths(shop.id, days)
    return {day: m for day, values in lengths.items() if (m := rules.median(values)) is not None}


def dashboard(shop: Shop, now: datetime) -> Dashboard:
    """Everything the Responsiveness page shows, in two queries whatever the history (three
    while a day's median waits for the periodic job)."""
    today = rules.utc_day(now)
    current, previous = current_period(today), previous_period(today)
    window_start, _end = rules.response_window(today)
    since = min(previous.start, window_start)
    days = {
        row["day"]: row
        for row in Day.objects.filter(
            shop=shop, day__gte=since, day__lte=max(today, current.last_day)
        ).values(*_FIELDS)
    }
    overdue, pending = _pending_per_day(shop, now)
    medians = _medians_not_computed(
        shop,
        [
            day
            for day, row in sorted(days.items())
            if day >= window_start and row["spans"] and row["span_median_us"] is None
        ],
    )
    spans = total_us = 0
    daily = []
    for offset in range(CHART_DAYS):
        day = window_start + timedelta(days=offset)
        row = days.get(day)
        late = overdue.get(day, 0)
        if row is None:
            daily.append(DayPoint(day, 0, late, 0, None))
            continue
        spans += row["spans"]
        total_us += row["span_total_us"]
        median = row["span_median_us"]
        if median is None:
            median = medians.get(day)
        daily.append(
            DayPoint(
                day,
                row["answered"],
                row["answered"] + row["missed"] + late,
                row["spans"],
                None if median is None else timedelta(microseconds=median),
            )
        )
    return Dashboard(
        shop=shop,
        now=now,
        response_time=_mean(total_us, spans),
        current=_period_figures(shop, current, days, overdue, pending, today),
        previous=_period_figures(shop, previous, days, overdue, pending, today),
        daily=daily,
    )


# --- buyer-facing: "usually responds within …" ----------------------------------------


def bands(shop_ids: Iterable[int], today: date) -> dict[int, rules.Band]:
    """The response band of each shop that has one, in one query for any number of shops."""
    ids = sorted(set(shop_ids))
    if not ids:
        return {}
    start, end = rules.response_window(today)
    rows = (
        Day.objects.filter(shop_id__in=ids, day__gte=start, day__lt=end, spans__gt=0)
        .values("shop_id")
        .annotate(n=Sum("spans"), total=Sum("span_total_us"))
        .values_list("shop_id", "n", "total")
    )
    found = {}
    for shop_id, n, total in rows:
        band = _mean(total, n).band
        if band is not None:
            found[shop_id] = band
    return found


# --- the breakdown --------------------------------------------------------------------


class Status:
    """Where a first message stands, as the breakdown shows it."""

    ANSWERED = "answered"
    LATE = "late"
    UNANSWERED = "unanswered"
    PENDING = "pending"
    LEFT_OUT = "left_out"


def status(first: FirstMessage, now: datetime) -> str:
    if first.excluded:
        return Status.LEFT_OUT
    if first.outcome == FirstMessage.Outcome.PENDING:
        return Status.UNANSWERED if first.deadline < now else Status.PENDING
    return str(first.outcome)


def left_out_because(first: FirstMessage) -> list[str]:
    return [
        name
        for name, on in (("spam", first.spam), ("no_response_needed", first.no_response_needed))
        if on
    ]


def first_messages(shop: Shop, period: Period) -> QuerySet[FirstMessage]:
    start, end = rules.utc_bounds(period.start, period.end)
    return (
        FirstMessage.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end)
        .select_related(
            "conversation__buyer", "conversation__order", "conversation__shop", "answered_by"
        )
        .order_by("received_at", "id")
    )


def breakdown_page(
    shop: Shop, period: Period, cursor: str | None, limit: int = 50
) -> Page[FirstMessage]:
    return keyset_page(
        first_messages(shop, period), order=("received_at", "id"), cursor=cursor, limit=limit
    )


def breakdown_rows(shop: Shop, period: Period, chunk: int = 2000) -> Iterator[FirstMessage]:
    """Every first message of the period, streamed in chunks (for the CSV export)."""
    return first_messages(shop, period).iterator(chunk_size=chunk)
