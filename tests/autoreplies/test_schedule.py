"""The pure auto-reply schedule: the marketplace's rules, precedence, and time zones."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from comptoir.autoreplies.schedule import (
    MIN_DAYS,
    MIN_MINUTES_PER_DAY,
    Problem,
    Reply,
    Settings,
    Span,
    Temporary,
    Vacation,
    Week,
    check_temporary,
    check_week,
    copy_to_all_days,
    due,
    local_instant,
    next_change,
)

TICK = timedelta(microseconds=1)
PARIS = "Europe/Paris"
NINE_TO_SIX = (Span(9 * 60, 18 * 60),)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def every_day(*spans: Span) -> dict[int, tuple[Span, ...]]:
    return dict.fromkeys(range(7), spans)


def changes(settings: Settings, after: datetime, count: int) -> list[tuple[datetime, Reply | None]]:
    """The next `count` changes from `after`, with what is due from each one on."""
    found: list[tuple[datetime, Reply | None]] = []
    for _ in range(count):
        moment = next_change(settings, after)
        assert moment is not None
        found.append((moment, due(settings, moment)))
        after = moment
    return found


# --- the rules ----------------------------------------------------------------------------


def test_three_days_are_refused() -> None:
    week = {0: NINE_TO_SIX, 2: NINE_TO_SIX, 4: NINE_TO_SIX, 5: ()}
    assert check_week(week) == [Problem("too_few_days")]


def test_four_days_are_enough_and_unchosen_days_do_not_count() -> None:
    week = {0: NINE_TO_SIX, 1: NINE_TO_SIX, 2: NINE_TO_SIX, 3: NINE_TO_SIX, 6: ()}
    assert check_week(week) == []


def test_seven_and_a_half_hours_on_a_day_are_refused() -> None:
    week = {0: NINE_TO_SIX, 1: NINE_TO_SIX, 2: (Span(9 * 60, 16 * 60 + 30),), 3: NINE_TO_SIX}
    assert check_week(week) == [Problem("too_few_hours", day=2, minutes=450)]


def test_eight_hours_exactly_are_accepted() -> None:
    week = every_day(Span(9 * 60, 17 * 60))
    assert check_week(week) == []


def test_two_spans_adding_to_eight_hours_are_accepted() -> None:
    week = {day: (Span(14 * 60, 18 * 60), Span(8 * 60, 12 * 60)) for day in range(4)}
    assert check_week(week) == []


def test_spans_that_touch_do_not_overlap() -> None:
    week = {day: (Span(0, 300), Span(300, 600)) for day in range(4)}
    assert check_week(week) == []


def test_overlapping_spans_are_refused_naming_the_day() -> None:
    week = every_day(Span(9 * 60, 18 * 60))
    week[3] = (Span(8 * 60, 14 * 60), Span(13 * 60, 19 * 60))
    assert check_week(week) == [Problem("overlap", day=3)]


def test_broken_spans_are_refused_naming_the_day() -> None:
    week = every_day(Span(0, 1440))
    week[1] = (Span(600, 600), Span(0, 600))
    week[4] = (Span(-30, 600), Span(900, 1441))
    assert check_week(week) == [
        Problem("empty_span", day=1),
        Problem("out_of_day", day=4),
    ]
    assert check_week({**every_day(Span(0, 1440)), 7: NINE_TO_SIX}) == [
        Problem("out_of_day", day=7)
    ]


def test_a_short_day_counts_its_available_minutes() -> None:
    week = every_day(NINE_TO_SIX[0])
    week[6] = (Span(0, 60), Span(120, 180))
    assert check_week(week) == [Problem("too_few_hours", day=6, minutes=120)]


@pytest.mark.parametrize(
    ("length", "problems"),
    [
        (timedelta(days=5), []),
        (timedelta(days=5, minutes=1), [Problem("too_long")]),
        (timedelta(days=5, microseconds=1), [Problem("too_long")]),
        (timedelta(hours=1), []),
        (timedelta(minutes=59), [Problem("too_short")]),
        (timedelta(0), [Problem("ends_before_start")]),
        (timedelta(hours=-2), [Problem("ends_before_start")]),
    ],
)
def test_temporary_lasts_one_hour_to_five_days(length: timedelta, problems: list[Problem]) -> None:
    start = utc(2026, 5, 4, 9, 0)
    assert check_temporary(start, start + length) == problems


def test_temporary_length_is_elapsed_time_across_dst() -> None:
    paris = ZoneInfo(PARIS)
    # Five days on the calendar, but 4 days 23 hours: the clocks go forward on the 29th.
    spring = datetime(2026, 3, 27, 12, tzinfo=paris), datetime(2026, 4, 1, 12, tzinfo=paris)
    assert check_temporary(*spring) == []
    # Five days on the calendar, but 5 days 1 hour: the clocks go back on the 25th.
    autumn = datetime(2026, 10, 22, 12, tzinfo=paris), datetime(2026, 10, 27, 12, tzinfo=paris)
    assert check_temporary(*autumn) == [Problem("too_long")]


def test_naive_datetimes_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_temporary(datetime(2026, 1, 1), datetime(2026, 1, 2))
    with pytest.raises(ValueError, match="aware"):
        due(Settings(PARIS), datetime(2026, 1, 1))


def test_copy_to_all_days_copies_to_the_chosen_days_only() -> None:
    monday = (Span(8 * 60, 12 * 60), Span(13 * 60, 17 * 60))
    week = {0: monday, 1: NINE_TO_SIX, 3: (Span(0, 1440),), 4: NINE_TO_SIX, 5: ()}
    assert copy_to_all_days(week, 0) == {0: monday, 1: monday, 3: monday, 4: monday}
    with pytest.raises(ValueError, match="not chosen"):
        copy_to_all_days(week, 5)


# --- precedence ---------------------------------------------------------------------------


WORKING_WEEK: Week = dict.fromkeys(range(5), NINE_TO_SIX)  # Monday to Friday, 9 to 6


def test_vacation_beats_temporary_beats_weekly() -> None:
    sunday = utc(2026, 5, 3, 12)  # outside the weekly hours
    temporary = Temporary(sunday - timedelta(hours=2), sunday + timedelta(hours=2))
    vacation = Vacation(date(2026, 5, 1), date(2026, 5, 3))
    assert due(Settings(PARIS, week=WORKING_WEEK), sunday) is Reply.WEEKLY
    assert due(Settings(PARIS, WORKING_WEEK, temporary), sunday) is Reply.TEMPORARY
    assert due(Settings(PARIS, WORKING_WEEK, temporary, vacation), sunday) is Reply.VACATION
    assert due(Settings(PARIS, vacation=vacation), sunday) is Reply.VACATION
    assert due(Settings(PARIS), sunday) is None


def test_weekly_applies_again_when_the_temporary_one_ends() -> None:
    friday_evening = utc(2026, 5, 8, 20)  # 22:00 in Paris
    temporary = Temporary(utc(2026, 5, 8, 10), friday_evening)
    settings = Settings(PARIS, WORKING_WEEK, temporary)
    assert due(settings, utc(2026, 5, 8, 11)) is Reply.TEMPORARY  # even in working hours
    assert next_change(settings, utc(2026, 5, 8, 11)) == friday_evening
    assert due(settings, friday_evening - TICK) is Reply.TEMPORARY
    assert due(settings, friday_evening) is Reply.WEEKLY
    # ...until Monday 9:00 in Paris.
    assert next_change(settings, friday_evening) == utc(2026, 5, 11, 7)


def test_temporary_in_working_hours_gives_way_to_no_reply() -> None:
    temporary = Temporary(utc(2026, 5, 5, 8), utc(2026, 5, 5, 10))
    settings = Settings(PARIS, WORKING_WEEK, temporary)
    assert changes(settings, utc(2026, 5, 5, 7, 30), 3) == [
        (utc(2026, 5, 5, 8), Reply.TEMPORARY),
        (utc(2026, 5, 5, 10), None),
        (utc(2026, 5, 5, 16), Reply.WEEKLY),  # 18:00 in Paris
    ]


def test_vacation_dates_are_local_and_inclusive() -> None:
    vacation = Vacation(date(2026, 6, 1), date(2026, 6, 3))
    settings = Settings("Asia/Kolkata", vacation=vacation)
    start, end = utc(2026, 5, 31, 18, 30), utc(2026, 6, 3, 18, 30)
    assert due(settings, start - TICK) is None
    assert due(settings, start) is Reply.VACATION
    assert due(settings, end - TICK) is Reply.VACATION
    assert due(settings, end) is None
    assert next_change(settings, start - timedelta(days=3)) == start
    assert next_change(settings, start) == end
    assert next_change(settings, end) is None


def test_open_ended_vacation_never_changes() -> None:
    settings = Settings(PARIS, WORKING_WEEK, vacation=Vacation(starts_on=date(2026, 6, 1)))
    assert next_change(settings, utc(2026, 7, 1)) is None
    assert due(Settings(PARIS, vacation=Vacation()), utc(2025, 1, 1)) is Reply.VACATION
    later = Settings(PARIS, WORKING_WEEK, vacation=Vacation(starts_on=date(2026, 6, 1)))
    assert next_change(later, utc(2026, 5, 31, 18)) == utc(2026, 5, 31, 22)


def test_vacation_starting_on_a_midnight_that_does_not_exist() -> None:
    # Santiago went from 00:00 to 01:00 on 2022-09-11 (04:00 UTC); Beirut on 2021-03-28.
    santiago = Settings("America/Santiago", vacation=Vacation(date(2022, 9, 11), date(2022, 9, 11)))
    start = utc(2022, 9, 11, 4)
    assert local_instant(datetime(2022, 9, 11), ZoneInfo("America/Santiago")) == start
    assert local_instant(datetime(2022, 9, 11, 0, 30), ZoneInfo("America/Santiago")) == start
    assert due(santiago, start - TICK) is None
    assert due(santiago, start) is Reply.VACATION
    assert next_change(santiago, start - timedelta(days=1)) == start
    assert next_change(santiago, start) == utc(2022, 9, 12, 3)  # midnight at -3
    beirut = Settings("Asia/Beirut", vacation=Vacation(date(2021, 3, 28)))
    assert next_change(beirut, utc(2021, 3, 27, 12)) == utc(2021, 3, 27, 22)
    # And Beirut went back from 00:00 to 23:00 on 2021-10-31: that midnight came once.
    beirut = Settings("Asia/Beirut", vacation=Vacation(ends_on=date(2021, 10, 30)))
    assert next_change(beirut, utc(2021, 10, 30, 12)) == utc(2021, 10, 30, 22)


# --- daylight saving time -----------------------------------------------------------------


def test_paris_spring_forward_a_span_ending_in_the_gap() -> None:
    # Sunday 2026-03-29, 02:00 CET becomes 03:00 CEST (01:00 UTC). Available until 02:30,
    # a time that does not exist that night: the auto-reply starts when the clocks jump.
    settings = Settings(PARIS, every_day(Span(0, 150), Span(10 * 60, 1440)))
    assert due(settings, utc(2026, 3, 29, 1) - TICK) is None  # 01:59:59.999999 CET
    assert due(settings, utc(2026, 3, 29, 1)) is Reply.WEEKLY  # 03:00 CEST
    assert changes(settings, utc(2026, 3, 28, 23), 3) == [
        (utc(2026, 3, 29, 1), Reply.WEEKLY),
        (utc(2026, 3, 29, 8), None),  # 10:00 CEST
        (utc(2026, 3, 30, 0, 30), Reply.WEEKLY),  # 02:30 CEST on Monday
    ]
    # The Saturday before, 02:30 CET is 01:30 UTC.
    assert next_change(settings, utc(2026, 3, 28, 0)) == utc(2026, 3, 28, 1, 30)


def test_paris_spring_forward_a_span_starting_in_the_gap() -> None:
    settings = Settings(PARIS, every_day(Span(150, 1440)))
    assert next_change(settings, utc(2026, 3, 28, 23)) == utc(2026, 3, 29, 1)
    assert due(settings, utc(2026, 3, 29, 1)) is None


def test_paris_working_hours_move_in_utc_across_dst() -> None:
    settings = Settings(PARIS, every_day(NINE_TO_SIX[0]))
    assert changes(settings, utc(2026, 3, 28, 12), 4) == [
        (utc(2026, 3, 28, 17), Reply.WEEKLY),  # 18:00 CET
        (utc(2026, 3, 29, 7), None),  # 09:00 CEST
        (utc(2026, 3, 29, 16), Reply.WEEKLY),
        (utc(2026, 3, 30, 7), None),
    ]
    assert changes(settings, utc(2026, 10, 24, 12), 2) == [
        (utc(2026, 10, 24, 16), Reply.WEEKLY),  # 18:00 CEST
        (utc(2026, 10, 25, 8), None),  # 09:00 CET
    ]


def test_paris_fall_back_the_repeated_hour_is_read_twice() -> None:
    # Sunday 2026-10-25, 03:00 CEST becomes 02:00 CET (01:00 UTC). Available until 02:30:
    # the first 02:30 (00:30 UTC) starts the auto-reply, the clocks going back to 02:00 make
    # the shop available again, and the second 02:30 (01:30 UTC) starts it again.
    settings = Settings(PARIS, every_day(Span(0, 150), Span(10 * 60, 1440)))
    assert changes(settings, utc(2026, 10, 24, 22, 15), 4) == [
        (utc(2026, 10, 25, 0, 30), Reply.WEEKLY),
        (utc(2026, 10, 25, 1), None),
        (utc(2026, 10, 25, 1, 30), Reply.WEEKLY),
        (utc(2026, 10, 25, 9), None),  # 10:00 CET
    ]


def test_paris_fall_back_a_boundary_before_the_repeated_hour_happens_once() -> None:
    settings = Settings(PARIS, every_day(Span(0, 90), Span(10 * 60, 1440)))
    assert changes(settings, utc(2026, 10, 24, 22, 15), 2) == [
        (utc(2026, 10, 24, 23, 30), Reply.WEEKLY),  # 01:30 CEST
        (utc(2026, 10, 25, 9), None),
    ]


def test_new_york_both_ways() -> None:
    # 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    settings = Settings("America/New_York", every_day(Span(0, 150), Span(12 * 60, 1440)))
    assert changes(settings, utc(2026, 3, 8, 5), 2) == [
        (utc(2026, 3, 8, 7), Reply.WEEKLY),
        (utc(2026, 3, 8, 16), None),  # 12:00 EDT
    ]
    # 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00 UTC.
    settings = Settings("America/New_York", every_day(Span(0, 90), Span(12 * 60, 1440)))
    assert changes(settings, utc(2026, 11, 1, 4), 4) == [
        (utc(2026, 11, 1, 5, 30), Reply.WEEKLY),  # 01:30 EDT
        (utc(2026, 11, 1, 6), None),  # 01:00 EST
        (utc(2026, 11, 1, 6, 30), Reply.WEEKLY),  # 01:30 EST
        (utc(2026, 11, 1, 17), None),  # 12:00 EST
    ]


def test_kolkata_half_hour_offset() -> None:
    settings = Settings("Asia/Kolkata", every_day(NINE_TO_SIX[0]))
    assert due(settings, utc(2026, 1, 15, 3, 30) - TICK) is Reply.WEEKLY
    assert changes(settings, utc(2026, 1, 15, 0), 2) == [
        (utc(2026, 1, 15, 3, 30), None),
        (utc(2026, 1, 15, 12, 30), Reply.WEEKLY),
    ]
    # 18:30 UTC on Sunday is already Monday 00:00 in Kolkata.
    weekdays = Settings("Asia/Kolkata", {day: (Span(0, 1440),) for day in range(5)})
    assert due(weekdays, utc(2026, 1, 18, 18, 29)) is Reply.WEEKLY
    assert due(weekdays, utc(2026, 1, 18, 18, 30)) is None
    assert next_change(weekdays, utc(2026, 1, 18, 12)) == utc(2026, 1, 18, 18, 30)


def test_st_johns_half_hour_offset_and_dst() -> None:
    settings = Settings("America/St_Johns", every_day(NINE_TO_SIX[0]))
    assert next_change(settings, utc(2026, 1, 15, 0)) == utc(2026, 1, 15, 12, 30)  # -3:30
    assert next_change(settings, utc(2026, 7, 15, 0)) == utc(2026, 7, 15, 11, 30)  # -2:30
    # 2026-03-08: 02:00 NST becomes 03:00 NDT at 05:30 UTC.
    night = Settings("America/St_Johns", every_day(Span(0, 150), Span(12 * 60, 1440)))
    assert changes(night, utc(2026, 3, 8, 3, 30), 2) == [
        (utc(2026, 3, 8, 5, 30), Reply.WEEKLY),
        (utc(2026, 3, 8, 14, 30), None),  # 12:00 NDT
    ]


def test_adelaide_half_hour_offset_and_dst() -> None:
    settings = Settings("Australia/Adelaide", every_day(NINE_TO_SIX[0]))
    assert next_change(settings, utc(2026, 1, 14, 12)) == utc(2026, 1, 14, 22, 30)  # +10:30
    assert next_change(settings, utc(2026, 7, 14, 12)) == utc(2026, 7, 14, 23, 30)  # +9:30
    # 2026-04-05: 03:00 ACDT becomes 02:00 ACST at 16:30 UTC on the 4th.
    night = Settings("Australia/Adelaide", every_day(Span(0, 150), Span(12 * 60, 1440)))
    assert changes(night, utc(2026, 4, 4, 15), 4) == [
        (utc(2026, 4, 4, 16), Reply.WEEKLY),  # 02:30 ACDT
        (utc(2026, 4, 4, 16, 30), None),  # 02:00 ACST
        (utc(2026, 4, 4, 17), Reply.WEEKLY),  # 02:30 ACST
        (utc(2026, 4, 5, 2, 30), None),  # 12:00 ACST
    ]
    # 2026-10-04: 02:00 ACST becomes 03:00 ACDT at 16:30 UTC on the 3rd.
    assert changes(night, utc(2026, 10, 3, 15), 2) == [
        (utc(2026, 10, 3, 16, 30), Reply.WEEKLY),
        (utc(2026, 10, 4, 1, 30), None),  # 12:00 ACDT
    ]


def test_weekly_that_never_changes() -> None:
    assert next_change(Settings(PARIS, every_day(Span(0, 1440))), utc(2026, 3, 1)) is None
    assert next_change(Settings(PARIS, {}), utc(2026, 3, 1)) is None
    assert due(Settings(PARIS, {}), utc(2026, 3, 1)) is Reply.WEEKLY
    assert next_change(Settings(PARIS), utc(2026, 3, 1)) is None


# --- properties ---------------------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "America/St_Johns",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "America/Santiago",  # DST at midnight
    "Asia/Beirut",  # DST at midnight
]
FIRST, LAST = datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 12, 31, tzinfo=UTC)


def _dst_days(zone: str) -> list[datetime]:
    """The UTC days in which the zone's offset changes, found by plain daily sampling."""
    tz = ZoneInfo(zone)
    days, day = [], FIRST
    while day < LAST:
        following = day + timedelta(days=1)
        if day.astimezone(tz).utcoffset() != following.astimezone(tz).utcoffset():
            days.append(day)
        day = following
    return days


DST_DAYS = {zone: _dst_days(zone) for zone in ZONES}
# Minutes of the day where the zones above change their clocks, to draw often.
NICE_MINUTES = [0, 30, 60, 90, 120, 150, 165, 180, 210, 225, 540, 1080, 1380, 1410, 1440]

minutes = st.one_of(st.integers(0, 1440), st.sampled_from(NICE_MINUTES))


@st.composite
def instants(draw: st.DrawFn, zone: str) -> datetime:
    """Anywhere in 2025–2027, or within two days of a change of offset."""
    some = st.datetimes(
        min_value=FIRST.replace(tzinfo=None),
        max_value=LAST.replace(tzinfo=None),
        timezones=st.just(UTC),
    )
    if not DST_DAYS[zone] or draw(st.booleans()):
        return draw(some)
    day = draw(st.sampled_from(DST_DAYS[zone]))
    return day + timedelta(
        minutes=draw(st.integers(-2 * 1440, 3 * 1440)),
        microseconds=draw(st.sampled_from([0, 0, 1, 999_999, 59_999_999])),
    )


@st.composite
def valid_days(draw: st.DrawFn) -> tuple[Span, ...]:
    """A day that follows the rules: one span of 8 hours or more, maybe more around it."""
    start = draw(st.one_of(st.integers(0, 960), st.sampled_from([0, 60, 120, 150, 540])))
    end = draw(st.one_of(st.integers(start + 480, 1440), st.just(1440)))
    spans = [Span(start, end)]
    if start >= 1 and draw(st.booleans()):
        a = draw(st.integers(0, start - 1))
        spans.append(Span(a, draw(st.integers(a + 1, start))))
    if end <= 1439 and draw(st.booleans()):
        b = draw(st.integers(end + 1, 1440))
        spans.append(Span(draw(st.integers(end, b - 1)), b))
    return tuple(draw(st.permutations(spans)))


@st.composite
def valid_weeks(draw: st.DrawFn) -> dict[int, tuple[Span, ...]]:
    days = draw(st.sets(st.integers(0, 6), min_size=MIN_DAYS))
    return {day: draw(valid_days()) for day in days}


spans_any = st.builds(Span, st.one_of(minutes, st.integers(-60, 1500)), minutes)
days_any = st.lists(spans_any, max_size=3).map(tuple)
near_limit_days = st.integers(0, 900).flatmap(
    lambda start: st.integers(start + 470, start + 490).map(lambda end: (Span(start, end),))
)


@st.composite
def any_weeks(draw: st.DrawFn) -> dict[int, tuple[Span, ...]]:
    """Weeks that may or may not follow the rules, often close to them."""
    kind = draw(st.sampled_from(["random", "tweaked", "tweaked", "valid"]))
    if kind == "random":
        keys = st.one_of(st.integers(0, 6), st.sampled_from([-1, 7]))
        return draw(st.dictionaries(keys, days_any, max_size=8))
    week = draw(valid_weeks())
    if kind == "tweaked":
        day = draw(st.integers(0, 6))
        week[day] = draw(st.one_of(days_any, near_limit_days, valid_days()))
    return week


def follows_the_rules(week: Week) -> bool:
    """The rules, stated again without the module's help."""
    chosen = {day: spans for day, spans in week.items() if spans}
    if len(chosen) < 4:
        return False
    for day, spans in chosen.items():
        if not 0 <= day <= 6:
            return False
        if not all(0 <= s.start < s.end <= 1440 for s in spans):
            return False
        if any(a.start < b.end and b.start < a.end for a, b in combinations(spans, 2)):
            return False
        if sum(s.end - s.start for s in spans) < 8 * 60:
            return False
    return True


@st.composite
def cases(draw: st.DrawFn, weekly_only: bool = False) -> tuple[Settings, datetime]:
    zone = draw(st.sampled_from(ZONES))
    after = draw(instants(zone))
    week = draw(st.one_of(st.none(), valid_weeks(), any_weeks()))
    if weekly_only:
        return Settings(zone, week=week if week is not None else draw(valid_weeks())), after
    # Temporary and vacation periods near `after`, on whole minutes, sometimes given in
    # the shop's zone (comparisons must not be fooled by a shared tzinfo).
    temporary = vacation = None
    base = after.replace(second=0, microsecond=0)
    if draw(st.booleans()):
        starts_at = base + timedelta(minutes=draw(st.integers(-3 * 1440, 3 * 1440)))
        ends_at = starts_at + timedelta(minutes=draw(st.integers(-60, 6 * 1440)))
        if draw(st.booleans()):
            tz = ZoneInfo(zone)
            starts_at, ends_at = starts_at.astimezone(tz), ends_at.astimezone(tz)
        temporary = Temporary(starts_at, ends_at)
    if draw(st.booleans()):
        today = after.astimezone(ZoneInfo(zone)).date()
        starts_on = ends_on = None
        if draw(st.integers(0, 4)):
            starts_on = today + timedelta(days=draw(st.integers(-6, 6)))
        if draw(st.integers(0, 4)):
            ends_on = (starts_on or today) + timedelta(days=draw(st.integers(-1, 6)))
        vacation = Vacation(starts_on, ends_on)
    return Settings(zone, week, temporary, vacation), after


fractions = st.lists(st.floats(0, 1, exclude_min=True, exclude_max=True), max_size=6)


@hsettings(max_examples=300, deadline=None)
@given(case=cases(), inside=fractions)
def test_due_is_constant_until_next_change_and_differs_there(
    case: tuple[Settings, datetime], inside: list[float]
) -> None:
    settings, after = case
    now = due(settings, after)
    change = next_change(settings, after)
    if change is None:
        for days in (1, 3, 8, 30, 400):
            assert due(settings, after + timedelta(days=days, minutes=days)) == now
        return
    assert change > after
    assert change.utcoffset() is not None
    assert due(settings, change) != now
    gap = change - after
    samples = [after + TICK, change - TICK, after + gap / 2]
    samples += [after + gap * fraction for fraction in inside]
    for moment in samples:
        if after < moment < change:
            assert due(settings, moment) == now, moment


def _first_change_by_scanning(
    settings: Settings, after: datetime, limit: timedelta
) -> datetime | None:
    """Every UTC minute after `after`: each boundary falls on a whole minute here."""
    now = due(settings, after)
    moment = after.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while moment <= after + limit:
        if due(settings, moment) != now:
            return moment
        moment += timedelta(minutes=1)
    return None


@hsettings(max_examples=25, deadline=None)
@given(case=cases())
def test_next_change_matches_a_minute_by_minute_scan(case: tuple[Settings, datetime]) -> None:
    settings, after = case
    limit = timedelta(days=2)
    scanned = _first_change_by_scanning(settings, after, limit)
    change = next_change(settings, after)
    if scanned is None:
        assert change is None or change > after + limit
    else:
        assert change == scanned


def _minute_grid(week: Week) -> set[tuple[int, int]]:
    return {
        (day, minute)
        for day in range(7)
        for span in week.get(day, ())
        for minute in range(max(span.start, 0), min(span.end, 1440))
    }


@hsettings(max_examples=150, deadline=None)
@given(case=cases(weekly_only=True))
def test_weekly_alone_changes_within_eight_days(case: tuple[Settings, datetime]) -> None:
    settings, after = case
    assert settings.week is not None
    grid = _minute_grid(settings.week)
    change = next_change(settings, after)
    if 0 < len(grid) < 7 * 1440:  # some minute available, some not
        assert change is not None
        assert change - after <= timedelta(days=8)
    else:
        assert change is None


@hsettings(max_examples=300, deadline=None)
@given(case=cases())
def test_weekly_follows_the_local_wall_clock(case: tuple[Settings, datetime]) -> None:
    settings, at = case
    local = at.astimezone(ZoneInfo(settings.time_zone))
    minute = local.hour * 60 + local.minute
    week: Mapping[int, tuple[Span, ...]] = settings.week or {}
    inside = any(s.start <= minute < s.end for s in week.get(local.weekday(), ()))
    reply = due(settings, at)
    if inside:
        assert reply is not Reply.WEEKLY
    if reply not in (Reply.VACATION, Reply.TEMPORARY):
        assert (reply is Reply.WEEKLY) == (settings.week is not None and not inside)


@hsettings(max_examples=400, deadline=None)
@given(week=any_weeks())
def test_check_week_accepts_exactly_the_weeks_that_follow_the_rules(
    week: dict[int, tuple[Span, ...]],
) -> None:
    problems = check_week(week)
    assert (problems == []) == follows_the_rules(week)
    chosen = [day for day, spans in week.items() if spans]
    assert (Problem("too_few_days") in problems) == (len(chosen) < MIN_DAYS)
    for problem in problems:
        if problem.code == "too_few_hours":
            assert problem.day is not None
            assert problem.minutes is not None
            assert problem.minutes < MIN_MINUTES_PER_DAY


@hsettings(max_examples=100, deadline=None)
@given(week=valid_weeks())
def test_valid_weeks_are_accepted_and_stay_valid_when_copied(
    week: dict[int, tuple[Span, ...]],
) -> None:
    assert check_week(week) == []
    source = next(iter(week))
    assert check_week(copy_to_all_days(week, source)) == []
