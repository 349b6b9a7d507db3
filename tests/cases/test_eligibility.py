"""The case timing rule, by example and by property."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from comptoir.cases.eligibility import (
    OrderTiming,
    case_eligibility,
    day_has_passed,
)

ORDERED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MESSAGE = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def timing(**overrides: object) -> OrderTiming:
    values: dict[str, object] = {
        "ordered_at": ORDERED,
        "ship_by": date(2026, 3, 5),
        "estimated_delivery_on": date(2026, 3, 10),
        "shop_time_zone": "Europe/Paris",
        "first_buyer_message_at": MESSAGE,
    }
    values.update(overrides)
    return OrderTiming(**values)  # type: ignore[arg-type]


def test_without_a_message_to_the_shop_no_case() -> None:
    result = case_eligibility(timing(first_buyer_message_at=None), MESSAGE + timedelta(days=5))
    assert not result
    assert result.code == "message_shop_first"


def test_the_shop_has_48_hours_after_the_message() -> None:
    just_before = case_eligibility(timing(), MESSAGE + timedelta(hours=48) - timedelta(seconds=1))
    on_time = case_eligibility(timing(), MESSAGE + timedelta(hours=48))
    assert just_before.code == "wait_for_shop_reply"
    assert just_before.opens_at == MESSAGE + timedelta(hours=48)
    assert on_time.eligible


def test_the_estimated_delivery_date_must_have_passed_in_the_shops_time_zone() -> None:
    early_message = timing(first_buyer_message_at=datetime(2026, 3, 1, 12, tzinfo=UTC))
    # 10 March ends at midnight Paris time, which is 23:00 UTC on the 10th (CET, UTC+1).
    end_of_day = datetime(2026, 3, 10, 23, 0, tzinfo=UTC)
    assert case_eligibility(early_message, end_of_day - timedelta(seconds=1)).code == (
        "delivery_date_not_passed"
    )
    assert case_eligibility(early_message, end_of_day).eligible


def test_without_an_estimated_delivery_the_ship_by_date_counts() -> None:
    t = timing(estimated_delivery_on=None, first_buyer_message_at=ORDERED)
    assert case_eligibility(t, datetime(2026, 3, 5, 22, 59, tzinfo=UTC)).code == (
        "delivery_date_not_passed"
    )
    assert case_eligibility(t, datetime(2026, 3, 5, 23, 0, tzinfo=UTC)).eligible


def test_no_case_later_than_100_days_after_the_order() -> None:
    assert case_eligibility(timing(), ORDERED + timedelta(days=100)).eligible
    late = case_eligibility(timing(), ORDERED + timedelta(days=100, seconds=1))
    assert late.code == "case_window_closed"


def test_a_message_sent_too_late_never_opens_the_window() -> None:
    t = timing(first_buyer_message_at=ORDERED + timedelta(days=99))
    result = case_eligibility(t, ORDERED + timedelta(days=99, hours=1))
    assert result.code == "case_window_closed"


def test_a_delivered_order_waits_only_for_the_48_hours() -> None:
    t = timing(delivered=True, first_buyer_message_at=datetime(2026, 3, 4, 8, tzinfo=UTC))
    assert case_eligibility(t, datetime(2026, 3, 6, 8, tzinfo=UTC)).eligible


def test_cancelled_orders_and_orders_with_an_open_case_cannot_get_a_case() -> None:
    later = MESSAGE + timedelta(days=3)
    assert case_eligibility(timing(cancelled=True), later).code == "order_cancelled"
    assert case_eligibility(timing(has_active_case=True), later).code == "case_already_open"


def test_day_has_passed_follows_dst() -> None:
    # Paris moves to summer time on 29 March 2026: midnight is then 22:00 UTC.
    assert day_has_passed(date(2026, 3, 28), "Europe/Paris") == datetime(
        2026, 3, 28, 23, 0, tzinfo=UTC
    )
    assert day_has_passed(date(2026, 3, 29), "Europe/Paris") == datetime(
        2026, 3, 29, 22, 0, tzinfo=UTC
    )
    assert day_has_passed(date(2026, 3, 10), "Asia/Kolkata") == datetime(
        2026, 3, 10, 18, 30, tzinfo=UTC
    )


ZONES = st.sampled_from(
    ["UTC", "Europe/Paris", "Europe/Warsaw", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"]
)
INSTANTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@st.composite
def timings(draw: st.DrawFn) -> OrderTiming:
    ordered = draw(INSTANTS)
    ship_by = ordered.date() + timedelta(days=draw(st.integers(0, 30)))
    estimated = draw(
        st.one_of(st.none(), st.integers(0, 60).map(lambda d: ship_by + timedelta(days=d)))
    )
    message = draw(
        st.one_of(
            st.none(),
            st.timedeltas(timedelta(0), timedelta(days=120)).map(lambda d: ordered + d),
        )
    )
    return OrderTiming(
        ordered_at=ordered,
        ship_by=ship_by,
        estimated_delivery_on=estimated,
        shop_time_zone=draw(ZONES),
        first_buyer_message_at=message,
        delivered=draw(st.booleans()),
        cancelled=draw(st.booleans()),
        has_active_case=draw(st.booleans()),
    )


OFFSETS = st.timedeltas(timedelta(days=-5), timedelta(days=130))


@settings(max_examples=400)
@given(t=timings(), offset=OFFSETS)
def test_eligible_means_every_condition_holds(t: OrderTiming, offset: timedelta) -> None:
    now = t.ordered_at + offset
    result = case_eligibility(t, now)
    conditions = (
        not t.cancelled
        and not t.has_active_case
        and t.first_buyer_message_at is not None
        and now >= t.first_buyer_message_at + timedelta(hours=48)
        and now <= t.ordered_at + timedelta(days=100)
        and (
            t.delivered
            or now.astimezone(ZoneInfo(t.shop_time_zone)).date()
            > (t.estimated_delivery_on or t.ship_by)
        )
    )
    assert result.eligible == conditions


@settings(max_examples=300)
@given(t=timings(), offset=OFFSETS, later=st.timedeltas(timedelta(0), timedelta(days=130)))
def test_once_eligible_stays_eligible_until_the_window_closes(
    t: OrderTiming, offset: timedelta, later: timedelta
) -> None:
    now = t.ordered_at + offset
    if case_eligibility(t, now):
        after = min(now + later, t.ordered_at + timedelta(days=100))
        assert case_eligibility(t, after).eligible


@settings(max_examples=300)
@given(t=timings(), offset=OFFSETS)
def test_opens_at_is_the_exact_boundary(t: OrderTiming, offset: timedelta) -> None:
    result = case_eligibility(t, t.ordered_at + offset)
    if result.opens_at is not None and not result.eligible:
        assert case_eligibility(t, result.opens_at).eligible
        assert not case_eligibility(t, result.opens_at - timedelta(microseconds=1)).eligible
