"""The chart's geometry: gaps, scales, the target line, 90 days."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from comptoir.responsiveness import chart
from comptoir.responsiveness.chart import daily_chart, time_scale
from comptoir.responsiveness.selectors import DayPoint

START = date(2026, 3, 18)
H = timedelta(hours=1)


def days(n: int = 90, **on: tuple[int, int, timedelta | None]) -> list[DayPoint]:
    """`n` empty days from START; `on={"d3": (answered, counted, median)}` fills day 3."""
    filled = {int(k[1:]): v for k, v in on.items()}
    points = []
    for i in range(n):
        answered, counted, median = filled.get(i, (0, 0, None))
        spans = 1 if median is not None else 0
        points.append(DayPoint(START + timedelta(days=i), answered, counted, spans, median))
    return points


def test_ninety_days_make_ninety_columns_side_by_side_inside_the_plot() -> None:
    drawn = daily_chart(days())
    assert len(drawn.columns) == 90
    assert [c.day for c in drawn.columns] == [START + timedelta(days=i) for i in range(90)]
    xs = [c.x for c in drawn.columns]
    assert xs == sorted(xs)
    assert xs[0] == drawn.left
    assert drawn.columns[-1].x + drawn.columns[-1].width == pytest.approx(drawn.right, abs=0.02)
    assert all(0 < c.bar_width < c.width for c in drawn.columns)
    assert (drawn.first_day, drawn.last_day) == (START, START + timedelta(days=89))


def test_a_day_with_nothing_counted_is_a_gap_not_zero_percent() -> None:
    drawn = daily_chart(days(d0=(0, 0, None), d1=(0, 3, None), d2=(3, 3, None)))
    gap, zero, full = drawn.columns[:3]
    assert gap.gap
    assert gap.rate is None
    assert (gap.bar_y, gap.bar_height) == (None, None)
    # A real 0 %: drawn, thin, and marked as such.
    assert not zero.gap
    assert zero.zero
    assert zero.bar_height == chart.ZERO_BAR
    assert zero.bar_y == drawn.bottom - chart.ZERO_BAR
    assert (full.bar_y, full.bar_height) == (drawn.top, drawn.plot_height)
    assert drawn.rate_days == 2


def test_rates_are_on_a_0_to_100_percent_scale() -> None:
    drawn = daily_chart(days(d0=(1, 2, None), d1=(19, 20, None), d2=(3, 4, None)))
    half, ninety_five, three_quarters = drawn.columns[:3]
    assert half.bar_height == pytest.approx(drawn.plot_height / 2, abs=0.01)
    assert half.bar_y == pytest.approx(drawn.top + drawn.plot_height / 2, abs=0.01)
    assert ninety_five.bar_y == drawn.target_y  # exactly at the target: not below it
    assert not ninety_five.below_target
    assert three_quarters.below_target
    assert [t.value for t in drawn.rate_ticks] == [0, 25, 50, 75, 100]
    assert drawn.rate_ticks[0].position == drawn.bottom
    assert drawn.rate_ticks[-1].position == drawn.top


def test_the_target_line_sits_at_95_percent() -> None:
    drawn = daily_chart(days())
    assert drawn.target_percent == 95
    assert drawn.target_y == pytest.approx(drawn.bottom - 0.95 * drawn.plot_height, abs=0.01)
    assert drawn.top < drawn.target_y < drawn.rate_ticks[-2].position  # between 75 and 100 %


@pytest.mark.parametrize(
    ("longest", "top", "step"),
    [
        (None, 24, 6),
        (timedelta(minutes=20), 1, 0.25),
        (H, 1, 0.25),
        (H + timedelta(seconds=1), 2, 0.5),
        (5 * H, 6, 1),
        (20 * H, 24, 6),
        (30 * H, 48, 12),
        (400 * H, 168, 24),
    ],
)
def test_the_time_scale_is_the_next_round_number_of_hours(
    longest: timedelta | None, top: float, step: float
) -> None:
    assert time_scale([None, longest, None]) == (top, step)


def test_medians_are_drawn_on_their_own_scale_and_a_day_without_breaks_the_line() -> None:
    drawn = daily_chart(
        days(d0=(1, 1, 3 * H), d1=(1, 1, 6 * H), d3=(0, 0, H), d4=(0, 0, 2 * H), d6=(0, 0, H))
    )
    assert drawn.time_max_hours == 6
    assert [t.value for t in drawn.time_ticks] == [0, 1, 2, 3, 4, 5, 6]
    assert drawn.time_ticks[-1].position == drawn.top
    c = drawn.columns
    assert c[0].median_y == pytest.approx(drawn.bottom - drawn.plot_height / 2, abs=0.01)
    assert c[1].median_y == drawn.top
    assert c[2].median_y is None
    # Days 0–1 and 3–4 are two lines; day 6 stands alone (a dot only).
    assert len(drawn.median_lines) == 2
    assert drawn.median_lines[0] == (
        f"{c[0].center:.2f},{c[0].median_y:.2f} {c[1].center:.2f},{c[1].median_y:.2f}"
    )
    assert drawn.median_days == 5
    # The median does not need a rate, nor the rate a median.
    assert c[3].gap
    assert c[3].median_y is not None


def test_a_median_longer_than_the_scale_is_clipped_at_its_top() -> None:
    drawn = daily_chart(days(d0=(0, 0, 30 * 24 * H), d1=(0, 0, H)))
    assert drawn.time_max_hours == 168
    assert drawn.columns[0].median_y == drawn.top
    assert drawn.columns[0].clipped
    assert not drawn.columns[1].clipped


def test_date_ticks_every_two_weeks_ending_on_the_last_day() -> None:
    drawn = daily_chart(days())
    ticks = drawn.date_ticks
    assert ticks[-1].day == START + timedelta(days=89)
    assert [b.day - a.day for a, b in pairwise(ticks)] == [timedelta(days=14)] * (len(ticks) - 1)
    assert len(ticks) == 7
    assert ticks[0].day == START + timedelta(days=5)
    assert all(drawn.left <= t.x <= drawn.right for t in ticks)


def test_each_day_carries_its_title() -> None:
    points = days(5)
    drawn = daily_chart(points, [f"day {i}" for i in range(5)])
    assert [c.title for c in drawn.columns] == ["day 0", "day 1", "day 2", "day 3", "day 4"]
    with pytest.raises(ValueError, match="one title per point"):
        daily_chart(points, ["too few"])


def test_nothing_at_all_still_draws_the_axes() -> None:
    drawn = daily_chart(days())
    assert drawn.rate_days == drawn.median_days == 0
    assert drawn.median_lines == []
    assert drawn.time_max_hours == 24
    assert all(c.gap for c in drawn.columns)
