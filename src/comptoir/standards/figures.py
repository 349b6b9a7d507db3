"""Every shop's standards figures on one day, gathered set-based for the evaluation.

Three statements whatever the number of shops: the responsiveness `Day` rollups of the
widest window (orders placed, orders due and shipped on time, first messages answered
and missed), the cases, and the 1–2 star reviews. No query per shop; the rows are folded
into `rules.ShopFigures` in one pass.

A shipment is late when the order was not shipped with tracking by the end of its ship-by
date in the shop's time zone: the same rule as the top-seller criterion (responsiveness).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from comptoir.cases.models import Case
from comptoir.orders.models import Order
from comptoir.responsiveness.models import Day
from comptoir.responsiveness.rules import utc_day
from comptoir.reviews.models import Review
from comptoir.standards.rules import DEFAULTS, Share, ShopFigures, Thresholds

LOW_STARS = 2


@dataclass
class _Tally:
    window_orders: int = 0
    window_dissatisfied: int = 0
    dissatisfied_on: list[date] = field(default_factory=list)
    late: list[int] = field(default_factory=lambda: [0, 0])
    unanswered: list[int] = field(default_factory=lambda: [0, 0])
    weekly_orders: list[int] = field(default_factory=list)
    weekly_late: list[list[int]] = field(default_factory=list)
    weekly_unanswered: list[list[int]] = field(default_factory=list)
    non_delivery_cases: int = 0
    not_as_described_cases: int = 0
    low_reviews: int = 0


def _dissatisfied(
    shop_ids: Sequence[int] | None, tallies: dict[int, _Tally], since: date, today: date
) -> dict[int, tuple[int, date, date]]:
    """order id -> (shop, day the order was placed, day it first went wrong): a case of any
    kind or a 1–2 star review, whichever came first. Counts, in `tallies`, the cases of each
    type and the low reviews that happened since `since`."""
    cases = Case.objects.all()
    reviews = Review.objects.filter(stars__lte=LOW_STARS)
    if shop_ids is not None:
        cases, reviews = cases.filter(shop_id__in=shop_ids), reviews.filter(shop_id__in=shop_ids)
    found: dict[int, tuple[int, date, date]] = {}
    rows = [
        *cases.exclude(order__status=Order.Status.CANCELLED).values_list(
            "order_id", "shop_id", "order__ordered_at", "opened_at", "type"
        ),
        *reviews.values_list("order_id", "shop_id", "order__ordered_at", "reviewed_at", "stars"),
    ]
    for order_id, shop_id, ordered_at, at, what in rows:
        day = utc_day(at)
        if day > today:  # an evaluation of a past day sees that day's history only
            continue
        if day >= since:
            tally = tallies[shop_id]
            if what == Case.Type.NON_DELIVERY:
                tally.non_delivery_cases += 1
            elif what == Case.Type.NOT_AS_DESCRIBED:
                tally.not_as_described_cases += 1
            elif isinstance(what, int):
                tally.low_reviews += 1
        known = found.get(order_id)
        if known is None or day < known[2]:
            found[order_id] = (shop_id, utc_day(ordered_at), day)
    return found


def gather(
    today: date, t: Thresholds = DEFAULTS, shop_ids: Sequence[int] | None = None
) -> dict[int, ShopFigures]:
    """The figures of every shop with any activity in the windows (or of `shop_ids`)."""
    weeks = t.surge_baseline_weeks + 1
    surge_start = today - timedelta(days=weeks * t.surge_days - 1)
    rate_start = today - timedelta(days=t.rate_window_days - 1)
    late_start = today - timedelta(days=t.late_window_days)
    unanswered_start = today - timedelta(days=t.unanswered_window_days - 1)
    since = min(surge_start, rate_start, late_start, unanswered_start)

    tallies: dict[int, _Tally] = defaultdict(
        lambda: _Tally(
            weekly_orders=[0] * weeks,
            weekly_late=[[0, 0] for _ in range(weeks)],
            weekly_unanswered=[[0, 0] for _ in range(weeks)],
        )
    )
    days = Day.objects.filter(day__gte=since, day__lte=today)
    if shop_ids is not None:
        days = days.filter(shop_id__in=shop_ids)
    columns = ("shop_id", "day", "orders", "due_orders", "on_time", "answered", "missed")
    for shop_id, day, orders, due, on_time, answered, missed in days.values_list(*columns).iterator(
        chunk_size=10_000
    ):
        tally = tallies[shop_id]
        if day >= rate_start:
            tally.window_orders += orders
        if late_start <= day < today:  # an order due today may still ship today
            tally.late[0] += due - on_time
            tally.late[1] += due
        if day >= unanswered_start:
            tally.unanswered[0] += missed
            tally.unanswered[1] += answered + missed
        if day >= surge_start:
            week = weeks - 1 - (today - day).days // t.surge_days  # oldest first
            tally.weekly_orders[week] += orders
            if day < today:
                tally.weekly_late[week][0] += due - on_time
                tally.weekly_late[week][1] += due
            tally.weekly_unanswered[week][0] += missed
            tally.weekly_unanswered[week][1] += answered + missed

    for shop_id, ordered_on, went_wrong in _dissatisfied(
        shop_ids, tallies, rate_start, today
    ).values():
        tally = tallies[shop_id]
        tally.dissatisfied_on.append(went_wrong)
        if rate_start <= ordered_on <= today:
            tally.window_dissatisfied += 1

    return {
        shop_id: ShopFigures(
            window_orders=tally.window_orders,
            window_dissatisfied=tally.window_dissatisfied,
            dissatisfied_on=sorted(tally.dissatisfied_on),
            late=Share(*tally.late),
            unanswered=Share(*tally.unanswered),
            weekly_orders=tally.weekly_orders,
            weekly_late=[Share(*w) for w in tally.weekly_late],
            weekly_unanswered=[Share(*w) for w in tally.weekly_unanswered],
            non_delivery_cases=tally.non_delivery_cases,
            not_as_described_cases=tally.not_as_described_cases,
            low_reviews=tally.low_reviews,
        )
        for shop_id, tally in tallies.items()
    }
