"""The 90-day chart of the Responsiveness page as plain geometry, drawn by the template as SVG.

Pure: no database, no templates, no translation. The caller hands over the daily points
(``selectors.DayPoint`` or anything shaped like it) and, if it wants hover texts, one
title per point; the template turns the returned numbers into ``<svg>`` elements.

* Bars: the day's response rate (first messages answered within 24 hours / counted), on a
  0–100 % scale on the left. A day with nothing counted is a gap, not 0 %; a real 0 % is
  drawn as a thin bar so the two can be told apart.
* Line: the median length of the spans closed that day, in hours, on its own scale on the
  right, whose top is the smallest "round" number of hours at or above the longest median
  (1, 2, 3, 6, 12, 24 … 168 h); longer medians are drawn at the top and marked clipped.
  A day without a closed span breaks the line.
* The 95 % target of the top-seller programme as a horizontal line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Protocol

from comptoir.responsiveness.rules import MIN_RESPONSE_RATE

WIDTH = 720
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 52, 14, 32  # margins for the axes' labels
BAR_SHARE = 0.7  # of a day's slot
ZERO_BAR = 2.0  # height of a 0 % bar, so that it shows
DATE_EVERY = 14  # days between two date ticks, counted back from the last day
RATE_TICKS = (0, 25, 50, 75, 100)
# (top of the time scale, tick step), in hours.
TIME_SCALES = (
    (1, 0.25),
    (2, 0.5),
    (3, 1),
    (6, 1),
    (12, 3),
    (24, 6),
    (48, 12),
    (72, 12),
    (96, 24),
    (168, 24),
)
EMPTY_SCALE = 24  # hours, when there is no median at all


class Point(Protocol):
    """One day of figures (``selectors.DayPoint`` has this shape)."""

    @property
    def day(self) -> date: ...
    @property
    def answered(self) -> int: ...
    @property
    def counted(self) -> int: ...
    @property
    def spans(self) -> int: ...
    @property
    def median(self) -> timedelta | None: ...


@dataclass(frozen=True)
class Column:
    """One day: its slot, its rate bar (``bar_height`` None: a gap) and its median point."""

    day: date
    x: float  # left of the day's slot
    width: float  # of the slot (the hover area)
    center: float
    bar_x: float
    bar_width: float
    bar_y: float | None
    bar_height: float | None
    rate: Fraction | None
    answered: int
    counted: int
    spans: int
    median: timedelta | None
    median_y: float | None
    clipped: bool  # the median is longer than the scale: drawn at its top
    title: str

    @property
    def gap(self) -> bool:
        return self.rate is None

    @property
    def zero(self) -> bool:
        return self.rate == 0

    @property
    def below_target(self) -> bool:
        return self.rate is not None and self.rate < MIN_RESPONSE_RATE


@dataclass(frozen=True)
class Tick:
    position: float  # y for value ticks, x for date ticks
    value: float


@dataclass(frozen=True)
class DateTick:
    x: float
    day: date


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float  # the plot area
    top: float
    right: float
    bottom: float
    columns: list[Column]
    rate_ticks: list[Tick]  # value in percent
    time_ticks: list[Tick]  # value in hours
    date_ticks: list[DateTick]
    time_max_hours: float
    target_percent: float
    target_y: float
    median_lines: list[str]  # SVG polyline "points", one per unbroken run of days
    rate_days: int  # days with something counted
    median_days: int  # days with a median

    @property
    def plot_width(self) -> float:
        return self.right - self.left

    @property
    def plot_height(self) -> float:
        return self.bottom - self.top

    @property
    def first_day(self) -> date | None:
        return self.columns[0].day if self.columns else None

    @property
    def last_day(self) -> date | None:
        return self.columns[-1].day if self.columns else None


def _r(value: float) -> float:
    return round(value, 2)


def time_scale(medians: Sequence[timedelta | None]) -> tuple[float, float]:
    """(top of the scale, tick step) in hours for these medians."""
    longest = max((m.total_seconds() / 3600 for m in medians if m is not None), default=None)
    if longest is None:
        top = EMPTY_SCALE
    else:
        top = next((t for t, _step in TIME_SCALES if longest <= t), TIME_SCALES[-1][0])
    return float(top), float(dict(TIME_SCALES)[top])


def daily_chart(points: Sequence[Point], titles: Sequence[str] | None = None) -> Chart:
    """The geometry of the chart for ``points`` (oldest first, one per day)."""
    if titles is not None and len(titles) != len(points):
        raise ValueError("one title per point")
    left, top = float(LEFT), float(TOP)
    right, bottom = float(WIDTH - RIGHT), float(HEIGHT - BOTTOM)
    plot_height = bottom - top
    slot = (right - left) / max(len(points), 1)
    bar_width = slot * BAR_SHARE
    time_top, time_step = time_scale([p.median for p in points])

    def rate_y(value: Fraction | float) -> float:
        return bottom - float(value) * plot_height

    def time_y(hours: float) -> float:
        return bottom - min(hours, time_top) / time_top * plot_height

    columns: list[Column] = []
    for i, point in enumerate(points):
        x = left + i * slot
        rate = Fraction(point.answered, point.counted) if point.counted else None
        bar_y = bar_height = None
        if rate is not None:
            bar_height = max(float(rate) * plot_height, ZERO_BAR)
            bar_y = bottom - bar_height
        median_y = None
        clipped = False
        if point.median is not None:
            hours = point.median.total_seconds() / 3600
            median_y = time_y(hours)
            clipped = hours > time_top
        columns.append(
            Column(
                day=point.day,
                x=_r(x),
                width=_r(slot),
                center=_r(x + slot / 2),
                bar_x=_r(x + (slot - bar_width) / 2),
                bar_width=_r(bar_width),
                bar_y=None if bar_y is None else _r(bar_y),
                bar_height=None if bar_height is None else _r(bar_height),
                rate=rate,
                answered=point.answered,
                counted=point.counted,
                spans=point.spans,
                median=point.median,
                median_y=None if median_y is None else _r(median_y),
                clipped=clipped,
                title=titles[i] if titles is not None else "",
            )
        )

    lines: list[str] = []
    run: list[str] = []
    for column in [*columns, None]:
        if column is not None and column.median_y is not None:
            run.append(f"{column.center:.2f},{column.median_y:.2f}")
            continue
        if len(run) > 1:  # a lone day is drawn as a dot by the template
            lines.append(" ".join(run))
        run = []

    ticks = round(time_top / time_step)
    last = len(columns) - 1
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        columns=columns,
        rate_ticks=[Tick(_r(rate_y(Fraction(p, 100))), p) for p in RATE_TICKS],
        time_ticks=[Tick(_r(time_y(n * time_step)), n * time_step) for n in range(ticks + 1)],
        date_ticks=[
            DateTick(columns[i].center, columns[i].day) for i in range(last, -1, -DATE_EVERY)
        ][::-1],
        time_max_hours=time_top,
        target_percent=float(MIN_RESPONSE_RATE * 100),
        target_y=_r(rate_y(MIN_RESPONSE_RATE)),
        median_lines=lines,
        rate_days=sum(1 for c in columns if c.rate is not None),
        median_days=sum(1 for c in columns if c.median is not None),
    )
