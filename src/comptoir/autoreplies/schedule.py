"""When an auto-reply is due: the weekly, temporary and vacation rules, as pure values.

No Django, no ORM: plain values in, plain values out. Problems are returned as codes with
data (`Problem`); the caller turns them into text in the reader's language.

The rules:

- weekly auto-reply: the seller chooses the days and the hours they are available; at least
  `MIN_DAYS` days a week, each with at least `MIN_MINUTES_PER_DAY` available minutes. A
  buyer writing outside the available hours gets the auto-reply;
- temporary auto-reply: on for a period of `TEMPORARY_MIN` to `TEMPORARY_MAX`, both
  included; while it is on it replaces the weekly one, which resumes when it ends;
- vacation mode: no length limit; it beats both.

Time-zone rules
---------------

- Availability is local wall-clock time in the shop's zone (IANA name): an instant is
  available when its wall time, read in the shop's zone, lies in one of the spans of that
  local weekday (spans are half-open, ``[start, end)`` in minutes since local midnight;
  ``end == 1440`` means up to the end of the day).
- Spring forward (a gap): a local boundary that does not exist takes effect at the first
  instant after the gap, since the local time jumps over it. A span ending at 02:30 on the
  night Paris goes from 02:00 to 03:00 ends at 03:00 local (01:00 UTC); one starting at
  02:30 starts then too.
- Fall back (an ambiguous hour): a boundary in the repeated hour takes effect at its first
  occurrence (fold=0). The wall time is then read again as the hour repeats, so each
  repeated wall time belongs to whichever span covers it, both times. Example: a span
  ending at 02:30 on the night Paris goes from 03:00 back to 02:00 makes the shop
  unavailable at 02:30 CEST, available again at 02:00 CET (the instant the clocks go
  back) and unavailable from 02:30 CET.
- Vacation dates are dates in the shop's zone, both included: vacation runs from local
  midnight of `starts_on` to local midnight after `ends_on`. A midnight that does not
  exist (e.g. America/Santiago, Asia/Beirut on some nights) is taken at the first instant
  after the gap; an ambiguous one at its first occurrence.
- Temporary periods are instants (aware datetimes), active on ``[starts_at, ends_at)``;
  their length is elapsed time, not wall-clock time.
- Every datetime given must be aware (`ValueError` otherwise); every datetime returned is
  aware, in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import TypeAlias
from zoneinfo import ZoneInfo

MIN_DAYS = 4
MIN_MINUTES_PER_DAY = 8 * 60
TEMPORARY_MIN = timedelta(hours=1)
TEMPORARY_MAX = timedelta(days=5)

DAY_MINUTES = 24 * 60
WEEKDAYS = range(7)

# How far the weekly schedule is searched for a change: a week of wall time, plus margin
# for a skipped hour (or, as in Pacific/Apia in 2011, a skipped day).
WEEKLY_HORIZON = timedelta(days=9)
# Offset changes are looked for by sampling the zone this often, then bisecting. No zone
# changes its offset twice within an hour.
_SAMPLE = timedelta(hours=1)
_TICK = timedelta(microseconds=1)
_MINUTE_US = 60 * 1_000_000


@dataclass(frozen=True)
class Span:
    """Available from `start` to `end`, in minutes since local midnight (end excluded).

    Valid spans have ``0 <= start < end <= 1440``; invalid ones can be built so that
    `check_week` can say what is wrong with them.
    """

    start: int
    end: int

    def covers(self, minute_us: int) -> bool:
        """Whether a time of day, in microseconds since local midnight, is in the span."""
        return self.start * _MINUTE_US <= minute_us < self.end * _MINUTE_US


# Weekday (0 = Monday … 6 = Sunday) -> the spans available that day. A day absent or
# with no spans is not chosen: not available at all.
Week: TypeAlias = Mapping[int, tuple[Span, ...]]


@dataclass(frozen=True)
class Problem:
    """A rule broken. `code` is one of:

    - ``too_few_days``: fewer than `MIN_DAYS` days chosen;
    - ``too_few_hours``: a chosen `day` has fewer than `MIN_MINUTES_PER_DAY` available
      minutes (`minutes` says how many);
    - ``overlap``: two spans of `day` overlap;
    - ``empty_span``: a span of `day` does not end after it starts;
    - ``out_of_day``: a span of `day` is outside 0..1440, or `day` is not a weekday 0..6;
    - ``too_short`` / ``too_long``: a temporary period under `TEMPORARY_MIN` / over
      `TEMPORARY_MAX`;
    - ``ends_before_start``: a temporary period that does not end after it starts.
    """

    code: str
    day: int | None = None
    minutes: int | None = None


# --- checking what the seller asks for ---------------------------------------------------


def _chosen(week: Week) -> list[int]:
    return sorted(day for day, spans in week.items() if spans)


def _day_problems(day: int, spans: tuple[Span, ...]) -> list[Problem]:
    problems: list[Problem] = []
    if day not in WEEKDAYS or any(s.start < 0 or s.end > DAY_MINUTES for s in spans):
        problems.append(Problem("out_of_day", day=day))
    if any(s.start >= s.end for s in spans):
        problems.append(Problem("empty_span", day=day))
    # Overlaps and hours are judged on the spans as far as they are within the day, so
    # that a span running past midnight is not also reported as too short.
    clipped = (Span(max(s.start, 0), min(s.end, DAY_MINUTES)) for s in spans)
    proper = sorted((s for s in clipped if s.start < s.end), key=lambda s: s.start)
    if any(later.start < earlier.end for earlier, later in pairwise(proper)):
        problems.append(Problem("overlap", day=day))
    minutes = _union_minutes(proper)
    if minutes < MIN_MINUTES_PER_DAY:
        problems.append(Problem("too_few_hours", day=day, minutes=minutes))
    return problems


def _union_minutes(spans: Iterable[Span]) -> int:
    """Minutes covered by non-empty spans sorted by start, counting overlaps once."""
    total, reached = 0, 0
    for span in spans:
        start = max(span.start, reached)
        if span.end > start:
            total += span.end - start
            reached = span.end
    return total


def check_week(week: Week) -> list[Problem]:
    """What is wrong with a weekly schedule; empty when it can be saved.

    Only chosen days (with at least one span) are checked and counted.
    """
    chosen = _chosen(week)
    problems: list[Problem] = []
    if len(chosen) < MIN_DAYS:
        problems.append(Problem("too_few_days"))
    for day in chosen:
        problems.extend(_day_problems(day, week[day]))
    return problems


def _require_aware(*moments: datetime) -> None:
    for moment in moments:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"an aware datetime is needed, not {moment!r}")


def check_temporary(starts_at: datetime, ends_at: datetime) -> list[Problem]:
    """What is wrong with a temporary period; empty when it can be saved.

    Both bounds included: exactly `TEMPORARY_MIN` and exactly `TEMPORARY_MAX` are fine.
    """
    _require_aware(starts_at, ends_at)
    length = ends_at.astimezone(UTC) - starts_at.astimezone(UTC)
    if length <= timedelta(0):
        return [Problem("ends_before_start")]
    if length < TEMPORARY_MIN:
        return [Problem("too_short")]
    if length > TEMPORARY_MAX:
        return [Problem("too_long")]
    return []


def copy_to_all_days(week: Week, source: int) -> dict[int, tuple[Span, ...]]:
    """Copy to all days: the source day's spans on every chosen day.

    The chosen days stay the same; unchosen ones stay unchosen (and are left out).
    """
    spans = week.get(source, ())
    if not spans:
        raise ValueError(f"day {source} is not chosen: it has no hours to copy")
    return {day: tuple(spans) for day in _chosen(week)}


# --- what is due when ---------------------------------------------------------------------


@dataclass(frozen=True)
class Vacation:
    """Vacation mode is on. Dates in the shop's zone, both included; None = open-ended."""

    starts_on: date | None = None
    ends_on: date | None = None


@dataclass(frozen=True)
class Temporary:
    """A temporary auto-reply that is on, active on ``[starts_at, ends_at)``."""

    starts_at: datetime
    ends_at: datetime

    def __post_init__(self) -> None:
        _require_aware(self.starts_at, self.ends_at)


@dataclass(frozen=True)
class Settings:
    """A shop's auto-replies: only those switched on are given."""

    time_zone: str
    week: Week | None = None
    temporary: Temporary | None = None
    vacation: Vacation | None = None


class Reply(StrEnum):
    VACATION = "vacation"
    TEMPORARY = "temporary"
    WEEKLY = "weekly"


def _offset(zone: ZoneInfo, at: datetime) -> timedelta:
    offset = at.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def _wall(zone: ZoneInfo, at: datetime) -> datetime:
    """The naive local wall time of an instant."""
    return at.astimezone(zone).replace(tzinfo=None, fold=0)


def _first_offset_change(zone: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The instant in (low, high] where the offset of `low` gives way to another.

    `low` and `high` must have different offsets, with a single change between them.
    """
    before = _offset(zone, low)
    while high - low > _TICK:
        middle = low + (high - low) // 2
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def local_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) a naive local wall time stands for, by the rules above.

    Ambiguous: its first occurrence. Non-existent (in a gap): the first instant after the
    gap.
    """
    candidates = [wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1)]
    real = [moment for moment in candidates if _wall(zone, moment) == wall]
    if real:
        return min(real)
    return _first_offset_change(zone, min(candidates), max(candidates))


def _midnight(day: date, zone: ZoneInfo) -> datetime | None:
    """The instant local `day` begins; None when out of datetime's range."""
    try:
        return local_instant(datetime.combine(day, time()), zone)
    except OverflowError:
        return None


@dataclass(frozen=True)
class _Window:
    """A half-open period of instants; None = unbounded on that side."""

    start: datetime | None
    end: datetime | None

    def __contains__(self, at: datetime) -> bool:
        return (self.start is None or self.start <= at) and (self.end is None or at < self.end)

    @property
    def empty(self) -> bool:
        return self.start is not None and self.end is not None and self.start >= self.end


def _vacation_window(vacation: Vacation, zone: ZoneInfo) -> _Window:
    start = end = None
    if vacation.starts_on is not None:
        start = _midnight(vacation.starts_on, zone)
    if vacation.ends_on is not None:
        try:
            end = _midnight(vacation.ends_on + timedelta(days=1), zone)
        except OverflowError:
            end = None
    return _Window(start, end)


def _temporary_window(temporary: Temporary) -> _Window:
    return _Window(temporary.starts_at.astimezone(UTC), temporary.ends_at.astimezone(UTC))


def available(week: Week, zone: ZoneInfo, at: datetime) -> bool:
    """Whether the instant's local wall time falls in an available span of its weekday."""
    local = at.astimezone(zone)
    minute_us = (
        (local.hour * 60 + local.minute) * 60 + local.second
    ) * 1_000_000 + local.microsecond
    return any(span.covers(minute_us) for span in week.get(local.weekday(), ()))


def due(settings: Settings, at: datetime) -> Reply | None:
    """The auto-reply a buyer's first message sent at `at` gets, if any.

    Vacation (on, and `at` within its dates) beats temporary (`at` in its period) beats
    weekly (`at`'s local wall time outside every available span of its weekday).
    """
    _require_aware(at)
    at = at.astimezone(UTC)
    zone = ZoneInfo(settings.time_zone)
    if settings.vacation is not None and at in _vacation_window(settings.vacation, zone):
        return Reply.VACATION
    if settings.temporary is not None and at in _temporary_window(settings.temporary):
        return Reply.TEMPORARY
    if settings.week is not None and not available(settings.week, zone, at):
        return Reply.WEEKLY
    return None


def _offset_changes(zone: ZoneInfo, start: datetime, stop: datetime) -> list[datetime]:
    """The instants in (start, stop] where the zone's offset changes."""
    changes: list[datetime] = []
    moment, offset = start, _offset(zone, start)
    while moment < stop:
        step = min(moment + _SAMPLE, stop)
        following = _offset(zone, step)
        if following != offset:
            changes.append(_first_offset_change(zone, moment, step))
            offset = following
        moment = step
    return changes


def _weekly_boundaries(
    week: Week, zone: ZoneInfo, start: datetime, stop: datetime
) -> list[datetime]:
    """Every instant in (start, stop] where availability may change, in order.

    Between two changes of offset, wall time runs evenly, so it crosses a span boundary
    (or a midnight) at the instant boundary minus offset. The changes of offset themselves
    are candidates too: the wall time jumps there.
    """
    changes = _offset_changes(zone, start, stop)
    edges = [start, *changes, stop]
    found: set[datetime] = set(changes)
    for low, high in pairwise(edges):
        offset = _offset(zone, low)
        first = (low + offset).date()
        last = (high + offset).date()
        day = first
        while day <= last:
            midnight = datetime.combine(day, time(), tzinfo=UTC) - offset
            minutes = {0}
            for span in week.get(day.weekday(), ()):
                minutes.update((span.start, span.end))
            for minute in minutes:
                moment = midnight + timedelta(minutes=minute)
                if low <= moment < high:
                    found.add(moment)
            day += timedelta(days=1)
    return sorted(moment for moment in found if start < moment <= stop)


def _next_weekly_change(
    week: Week, zone: ZoneInfo, after: datetime, stop: datetime
) -> datetime | None:
    now = available(week, zone, after)
    for moment in _weekly_boundaries(week, zone, after, stop):
        if available(week, zone, moment) != now:
            return moment
    return None


def next_change(settings: Settings, after: datetime) -> datetime | None:
    """The first instant t > after where ``due(settings, t) != due(settings, after)``.

    None when it never changes: an open-ended vacation, or a weekly schedule whose state
    stays the same for a whole week (all available, or no hours at all) with no temporary
    or vacation period still to come.
    """
    _require_aware(after)
    after = after.astimezone(UTC)
    zone = ZoneInfo(settings.time_zone)
    current = due(settings, after)
    vacation = None
    if settings.vacation is not None:
        vacation = _vacation_window(settings.vacation, zone)
    if current is Reply.VACATION:
        assert vacation is not None
        return vacation.end
    # Fixed instants still to come where vacation or the temporary reply takes over.
    takeovers: list[datetime] = []
    vacation_start = vacation.start if vacation is not None and not vacation.empty else None
    if vacation_start is not None and vacation_start > after:
        takeovers.append(vacation_start)
    if current is Reply.TEMPORARY:
        assert settings.temporary is not None
        takeovers.append(settings.temporary.ends_at.astimezone(UTC))
        return min(takeovers)
    if settings.temporary is not None:
        temporary = _temporary_window(settings.temporary)
        if not temporary.empty and temporary.start is not None and temporary.start > after:
            takeovers.append(temporary.start)
    takeover = min(takeovers, default=None)
    if settings.week is not None:
        stop = after + WEEKLY_HORIZON
        if takeover is not None:
            stop = min(stop, takeover)
        change = _next_weekly_change(settings.week, zone, after, stop)
        if change is not None:
            return change
    return takeover
