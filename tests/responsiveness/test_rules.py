"""The pure responsiveness rules: hand-computed examples and properties."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.responsiveness.rules import (
    Band,
    Check,
    Criterion,
    Event,
    FirstMessage,
    Outcome,
    Rate,
    ShopRecord,
    Side,
    Span,
    band,
    current_programme_period,
    is_top_seller,
    one_decimal_percent,
    outcome,
    programme_period,
    response_rate,
    response_time,
    top_seller,
    utc_bounds,
    waiting_spans,
)

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
H = timedelta(hours=1)
S = timedelta(seconds=1)
DAY = timedelta(days=1)


def buyer(at: datetime, excluded: bool = False) -> Event:
    return Event(at, Side.BUYER, excluded)


def shop(at: datetime) -> Event:
    return Event(at, Side.SHOP)


# --- waiting spans -------------------------------------------------------------------


def test_buyer_buyer_shop_is_one_span_from_the_first_buyer_message() -> None:
    events = [buyer(T0), buyer(T0 + H), shop(T0 + 3 * H)]
    assert waiting_spans(events) == [Span(T0, T0 + 3 * H, False)]


def test_buyer_shop_buyer_shop_is_two_spans() -> None:
    events = [buyer(T0), shop(T0 + H), buyer(T0 + 2 * H), shop(T0 + 5 * H)]
    assert waiting_spans(events) == [
        Span(T0, T0 + H, False),
        Span(T0 + 2 * H, T0 + 5 * H, False),
    ]


def test_shop_messages_without_open_span_open_nothing() -> None:
    assert waiting_spans([shop(T0), shop(T0 + H)]) == []
    assert waiting_spans([]) == []


def test_excluded_flag_comes_from_the_opening_message() -> None:
    events = [buyer(T0, excluded=True), buyer(T0 + H), shop(T0 + 2 * H)]
    events += [buyer(T0 + 3 * H), buyer(T0 + 4 * H, excluded=True), shop(T0 + 5 * H)]
    assert waiting_spans(events) == [
        Span(T0, T0 + 2 * H, True),
        Span(T0 + 3 * H, T0 + 5 * H, False),
    ]


def test_span_still_open_at_the_end() -> None:
    events = [buyer(T0), shop(T0 + H), buyer(T0 + 2 * H), buyer(T0 + 3 * H)]
    spans = waiting_spans(events)
    assert spans[-1] == Span(T0 + 2 * H, None, False)
    assert spans[-1].length is None
    assert spans[0].length == H


def test_events_are_put_in_time_order() -> None:
    assert waiting_spans([shop(T0 + H), buyer(T0)]) == [Span(T0, T0 + H, False)]


# --- response time -------------------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def closed(closed_at: datetime, length: timedelta, excluded: bool = False) -> Span:
    return Span(closed_at - length, closed_at, excluded)


def test_response_time_is_the_mean_of_recent_closed_counted_spans() -> None:
    spans = [
        closed(NOW, H),
        closed(NOW - DAY, 3 * H),
        closed(NOW - DAY, 100 * H, excluded=True),  # excluded
        Span(NOW - 2 * H, None, False),  # open
        closed(NOW - 90 * DAY, 50 * H),  # exactly 90 days ago: out
        closed(NOW - 90 * DAY + S, 2 * H),  # 90 days minus a second: in
        closed(NOW + S, 50 * H),  # after now: out
    ]
    result = response_time(spans, NOW)
    assert result.spans == 3
    assert result.mean == 2 * H
    assert result.band is None  # fewer than 5


def test_response_time_without_spans() -> None:
    result = response_time([], NOW)
    assert result.mean is None
    assert result.spans == 0
    assert result.band is None


def test_response_time_custom_window() -> None:
    spans = [closed(NOW - 2 * DAY, H), closed(NOW, 3 * H)]
    assert response_time(spans, NOW, window=DAY).mean == 3 * H


def test_response_time_band_with_five_spans() -> None:
    spans = [closed(NOW - i * H, (i + 1) * H) for i in range(5)]  # 1..5 h, mean 3 h
    result = response_time(spans, NOW)
    assert (result.mean, result.spans, result.band) == (3 * H, 5, Band.HOURS)


@pytest.mark.parametrize(
    ("mean", "expected"),
    [
        (timedelta(0), Band.HOUR),
        (H, Band.HOUR),
        (H + S, Band.HOURS),
        (6 * H, Band.HOURS),
        (6 * H + S, Band.DAY),
        (24 * H, Band.DAY),
        (24 * H + S, Band.DAYS),
        (30 * DAY, Band.DAYS),
    ],
)
def test_band_thresholds(mean: timedelta, expected: Band) -> None:
    assert band(mean, 5) is expected
    assert band(mean, 100) is expected


def test_band_needs_five_spans() -> None:
    assert band(H, 4) is None
    assert band(H, 0) is None
    assert band(None, 10) is None
    assert Band.HOURS.value == "within_a_few_hours"


# --- first messages ------------------------------------------------------------------


def test_answered_at_exactly_24_hours_is_answered() -> None:
    first = FirstMessage(T0, T0 + 24 * H)
    assert outcome(first, T0 + 24 * H) is Outcome.ANSWERED
    assert outcome(first, T0 + 30 * DAY) is Outcome.ANSWERED


def test_answered_one_second_after_24_hours_is_late() -> None:
    first = FirstMessage(T0, T0 + 24 * H + S)
    assert outcome(first, T0 + 24 * H) is Outcome.PENDING
    assert outcome(first, T0 + 24 * H + S) is Outcome.LATE


def test_unanswered_is_pending_until_24_hours_pass() -> None:
    first = FirstMessage(T0, None)
    assert outcome(first, T0) is Outcome.PENDING
    assert outcome(first, T0 + 24 * H) is Outcome.PENDING
    assert outcome(first, T0 + 24 * H + S) is Outcome.UNANSWERED


def test_quick_answer_counts_at_once_but_not_before_it_happens() -> None:
    first = FirstMessage(T0, T0 + H)
    assert outcome(first, T0 + H - S) is Outcome.PENDING
    assert outcome(first, T0 + H) is Outcome.ANSWERED


def test_excluded_first_message() -> None:
    for answered_at in (None, T0 + H, T0 + 3 * DAY):
        first = FirstMessage(T0, answered_at, excluded=True)
        assert outcome(first, T0 + 10 * DAY) is Outcome.EXCLUDED


# --- response rate -------------------------------------------------------------------

START = datetime(2026, 3, 1, tzinfo=UTC)
END = datetime(2026, 6, 1, tzinfo=UTC)


def test_response_rate_hand_computed() -> None:
    now = END + 10 * DAY
    firsts = [
        FirstMessage(START, START + H),  # answered
        FirstMessage(START + DAY, START + DAY + 24 * H),  # answered, exactly 24 h
        FirstMessage(START + 2 * DAY, START + 2 * DAY + 24 * H + S),  # late
        FirstMessage(START + 3 * DAY, None),  # unanswered
        FirstMessage(START + 4 * DAY, None, excluded=True),  # left out
        FirstMessage(START + 5 * DAY, START + 5 * DAY + H, excluded=True),  # left out
        FirstMessage(START - S, START + H),  # previous period
        FirstMessage(END, END + H),  # next period
    ]
    rate = response_rate(firsts, START, END, now)
    assert rate == Rate(answered=2, counted=4)
    assert rate.value == Fraction(1, 2)


def test_last_second_of_period_counts_in_that_period_even_if_answered_after_end() -> None:
    last = END - S
    firsts = [FirstMessage(last, last + 2 * H)]
    assert response_rate(firsts, START, END, END + DAY) == Rate(1, 1)
    assert response_rate(firsts, END, END + 90 * DAY, END + DAY) == Rate(0, 0)


def test_pending_not_counted_until_24_hours_pass() -> None:
    firsts = [FirstMessage(END - H, None), FirstMessage(END - 2 * H, END - H)]
    assert response_rate(firsts, START, END, END) == Rate(1, 1)
    assert response_rate(firsts, START, END, END - H + 24 * H) == Rate(1, 1)
    assert response_rate(firsts, START, END, END - H + 24 * H + S) == Rate(1, 2)


def test_rate_value_without_counted_messages() -> None:
    assert Rate(0, 0).value is None
    assert response_rate([], START, END, END).value is None


# --- programme -----------------------------------------------------------------------


def test_programme_period() -> None:
    assert programme_period(date(2026, 6, 1)) == (date(2026, 3, 1), date(2026, 6, 1))
    assert programme_period(date(2026, 6, 17)) == (date(2026, 3, 1), date(2026, 6, 1))
    assert programme_period(date(2026, 1, 1)) == (date(2025, 10, 1), date(2026, 1, 1))
    assert programme_period(date(2026, 2, 1)) == (date(2025, 11, 1), date(2026, 2, 1))


def test_current_programme_period() -> None:
    assert current_programme_period(date(2026, 6, 15)) == (date(2026, 4, 1), date(2026, 7, 1))
    assert current_programme_period(date(2026, 12, 31)) == (date(2026, 10, 1), date(2027, 1, 1))
    assert current_programme_period(date(2026, 1, 1)) == (date(2025, 11, 1), date(2026, 2, 1))
    # What is "so far" today is what the next 1st evaluates.
    assert programme_period(date(2026, 7, 1)) == current_programme_period(date(2026, 6, 15))


def test_utc_bounds() -> None:
    assert utc_bounds(date(2026, 3, 1), date(2026, 6, 1)) == (START, END)


GOOD = ShopRecord(
    rate=Rate(95, 100),
    orders=20,
    shipped_on_time_with_tracking=19,
    rating_sum=48,
    ratings=10,
    first_sale=date(2026, 1, 1),
)
EVALUATED = date(2026, 6, 1)


def checks(record: ShopRecord, as_of: date = EVALUATED) -> dict[Criterion, Check]:
    result = top_seller(record, as_of)
    assert [c.criterion for c in result] == list(Criterion)
    return {c.criterion: c for c in result}


def replace(**changes: Any) -> ShopRecord:
    return dataclasses.replace(GOOD, **changes)


def test_exact_thresholds_pass() -> None:
    result = checks(GOOD)
    assert result[Criterion.RESPONSE_RATE] == Check(
        Criterion.RESPONSE_RATE, True, Fraction(95, 100), 0
    )
    assert one_decimal_percent(Fraction(95, 100)) == "95.0"
    assert result[Criterion.ON_TIME_SHIPPING] == Check(
        Criterion.ON_TIME_SHIPPING, True, Fraction(95, 100), 0
    )
    assert result[Criterion.RATING] == Check(Criterion.RATING, True, Fraction(48, 10), 0)
    assert result[Criterion.ORDERS] == Check(Criterion.ORDERS, True, 20, 0)
    assert result[Criterion.SHOP_AGE] == Check(Criterion.SHOP_AGE, True, 151, 0)
    assert is_top_seller(result.values())


def test_response_rate_just_below_95_fails_although_shown_as_95_0() -> None:
    rate = Rate(9499, 10000)  # 94.99 %
    check = checks(replace(rate=rate))[Criterion.RESPONSE_RATE]
    assert not check.met
    assert check.value == Fraction(9499, 10000)
    assert one_decimal_percent(Fraction(9499, 10000)) == "95.0"
    assert check.needed == 19 * 10000 - 20 * 9499  # = 20
    assert Fraction(9499 + 20, 10000 + 20) >= Fraction(95, 100)
    assert Fraction(9499 + 19, 10000 + 19) < Fraction(95, 100)


def test_response_rate_94_of_100_needs_20_more() -> None:
    check = checks(replace(rate=Rate(94, 100)))[Criterion.RESPONSE_RATE]
    assert (check.met, check.needed) == (False, 20)


def test_on_time_shipping_below_95_fails() -> None:
    check = checks(replace(shipped_on_time_with_tracking=18))[Criterion.ON_TIME_SHIPPING]
    assert (check.met, check.value, check.needed) == (False, Fraction(9, 10), 20)


def test_rating_just_below_4_8_fails() -> None:
    check = checks(replace(rating_sum=47, ratings=10))[Criterion.RATING]
    assert (check.met, check.value) == (False, Fraction(47, 10))
    assert check.needed == 5  # (47 + 25) / 15 = 4.8


def test_four_orders_fail_with_one_needed() -> None:
    check = checks(replace(orders=4, shipped_on_time_with_tracking=4))[Criterion.ORDERS]
    assert check == Check(Criterion.ORDERS, False, 4, 1)


def test_shop_age_89_days_fails_90_passes() -> None:
    first_sale = EVALUATED - timedelta(days=89)
    assert checks(replace(first_sale=first_sale))[Criterion.SHOP_AGE] == Check(
        Criterion.SHOP_AGE, False, 89, 1
    )
    first_sale = EVALUATED - timedelta(days=90)
    assert checks(replace(first_sale=first_sale))[Criterion.SHOP_AGE] == Check(
        Criterion.SHOP_AGE, True, 90, 0
    )


def test_no_first_sale() -> None:
    result = checks(replace(first_sale=None, orders=0, shipped_on_time_with_tracking=0))
    assert result[Criterion.SHOP_AGE] == Check(Criterion.SHOP_AGE, False, None, None)
    assert result[Criterion.ORDERS] == Check(Criterion.ORDERS, False, 0, 5)
    assert not is_top_seller(result.values())


def test_nothing_to_judge_is_not_a_failure() -> None:
    result = checks(replace(rate=Rate(0, 0), rating_sum=0, ratings=0))
    assert result[Criterion.RESPONSE_RATE] == Check(Criterion.RESPONSE_RATE, True, None, 0)
    assert result[Criterion.RATING] == Check(Criterion.RATING, True, None, 0)
    result = checks(replace(orders=0, shipped_on_time_with_tracking=0))
    assert result[Criterion.ON_TIME_SHIPPING] == Check(Criterion.ON_TIME_SHIPPING, True, None, 0)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(1), "100.0"),
        (Fraction(0), "0.0"),
        (Fraction(9495, 10000), "95.0"),  # half up
        (Fraction(94949, 100000), "94.9"),
        (Fraction(2, 3), "66.7"),
        (Fraction(1, 3), "33.3"),
        (Fraction(5, 10000), "0.1"),
        (Fraction(-5, 10000), "-0.1"),
    ],
)
def test_one_decimal_percent(value: Fraction, shown: str) -> None:
    assert one_decimal_percent(value) == shown


# --- properties ----------------------------------------------------------------------

offsets = st.integers(min_value=0, max_value=10 * 24 * 3600)
instants = offsets.map(lambda s: T0 + timedelta(seconds=s))
events = st.lists(
    st.builds(Event, instants, st.sampled_from(list(Side)), st.booleans()), max_size=30
)


@given(events)
def test_spans_never_overlap_and_are_well_formed(thread: list[Event]) -> None:
    spans = waiting_spans(thread)
    for span in spans:
        if span.closed_at is not None and not span.excluded:
            assert span.closed_at >= span.opened_at
        assert span.closed_at is None or span.closed_at >= span.opened_at
    for earlier, later in itertools.pairwise(spans):
        assert earlier.closed_at is not None
        assert earlier.closed_at <= later.opened_at
    assert all(span.closed_at is not None for span in spans[:-1])
    buyers = [e for e in thread if e.side is Side.BUYER]
    assert len(spans) <= len(buyers)
    if buyers:
        assert spans[0].opened_at == min(e.at for e in buyers)


firsts = st.builds(
    FirstMessage,
    instants,
    st.one_of(st.none(), offsets.map(lambda s: T0 + 5 * DAY + timedelta(seconds=s))),
    st.booleans(),
)


@given(st.lists(firsts, max_size=30), instants, instants, instants)
def test_response_rate_answered_never_exceeds_counted(
    messages: list[FirstMessage], a: datetime, b: datetime, now: datetime
) -> None:
    start, end = min(a, b), max(a, b)
    rate = response_rate(messages, start, end, now)
    assert 0 <= rate.answered <= rate.counted
    assert rate.counted <= sum(1 for m in messages if not m.excluded)


@given(
    instants,
    st.one_of(st.none(), offsets.map(lambda s: timedelta(seconds=s))),
    st.booleans(),
    st.lists(offsets, min_size=2, max_size=6),
)
def test_outcome_is_monotone_in_time(
    received_at: datetime, delay: timedelta | None, excluded: bool, nows: list[int]
) -> None:
    first = FirstMessage(received_at, None if delay is None else received_at + delay, excluded)
    results = [outcome(first, received_at + timedelta(seconds=s)) for s in sorted(nows)]
    for before, after in itertools.pairwise(results):
        if before is not Outcome.PENDING:
            assert after is before


@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_response_rate_needed_is_minimal(answered: int, extra: int) -> None:
    counted = answered + extra
    check = checks(replace(rate=Rate(answered, counted)))[Criterion.RESPONSE_RATE]
    assert check.needed is not None

    def meets(k: int) -> bool:
        return counted + k == 0 or Fraction(answered + k, counted + k) >= Fraction(95, 100)

    brute = next(k for k in range(0, 20 * counted + 2) if meets(k))
    assert check.needed == brute
    assert check.met == (brute == 0)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_rating_needed_is_minimal(ratings: int, missing: int) -> None:
    rating_sum = max(ratings, 5 * ratings - missing)  # ratings 1..5
    check = checks(replace(rating_sum=rating_sum, ratings=ratings))[Criterion.RATING]

    def meets(k: int) -> bool:
        return ratings + k == 0 or Fraction(rating_sum + 5 * k, ratings + k) >= Fraction(48, 10)

    brute = next(k for k in range(0, 25 * ratings + 2) if meets(k))
    assert check.needed == brute
    assert check.met == (brute == 0)
