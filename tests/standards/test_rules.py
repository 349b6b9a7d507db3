"""The standards' pure rules: every threshold at its edge, isolated incidents, the ladder."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.standards.rules import (
    DEFAULTS,
    Action,
    FlagKind,
    LadderRefusal,
    Measure,
    Share,
    ShopFigures,
    Step,
    Thresholds,
    check_step,
    current_step,
    dissatisfaction_flag,
    flags,
    late_shipping_flag,
    measures_in_force,
    next_step,
    recent,
    surge_flag,
    unanswered_flag,
)

TODAY = date(2026, 6, 15)


def days_ago(*ns: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in ns]


def shop(orders: int, dissatisfied: int, on: list[date], **extra: object) -> ShopFigures:
    return ShopFigures(
        window_orders=orders, window_dissatisfied=dissatisfied, dissatisfied_on=on, **extra
    )  # type: ignore[arg-type]


# --- order dissatisfaction ---------------------------------------------------------------


def test_one_percent_flags_just_under_does_not() -> None:
    recent_three = days_ago(1, 2, 3)
    assert dissatisfaction_flag(shop(300, 3, recent_three), TODAY) is not None  # 1.00 %
    assert dissatisfaction_flag(shop(303, 3, recent_three), TODAY) is None  # 0.990 %
    flag = dissatisfaction_flag(shop(300, 3, recent_three), TODAY)
    assert flag is not None
    assert (flag.value, flag.threshold) == (Fraction(1, 100), Fraction(1, 100))
    assert flag.evidence == {"orders": 300, "dissatisfied": 3, "since_first_sale": 3, "recent": 3}


def test_three_dissatisfied_orders_since_the_first_sale_two_are_not_enough() -> None:
    assert dissatisfaction_flag(shop(100, 2, days_ago(1, 2)), TODAY) is None  # 2 %, 2 orders
    assert dissatisfaction_flag(shop(100, 3, days_ago(1, 2, 400)), TODAY) is not None


def test_two_within_sixty_days_sixty_one_is_too_old() -> None:
    old = 400
    assert dissatisfaction_flag(shop(100, 3, days_ago(59, 60, old)), TODAY) is not None
    assert dissatisfaction_flag(shop(100, 3, days_ago(59, 61, old)), TODAY) is None
    assert recent(days_ago(60, 61, -1), TODAY, 60) == 1  # the future does not count


def test_a_good_record_with_an_isolated_incident_is_not_flagged() -> None:
    # Years of good service, then one bad week: two low reviews, on 40 orders this quarter.
    figures = shop(40, 2, days_ago(3, 5))
    assert flags(figures, TODAY) == []
    # A big shop: five problems over years, one lately, 0.2 % this quarter.
    assert flags(shop(1000, 2, days_ago(10, 200, 300, 500, 700)), TODAY) == []


def test_no_order_no_flag() -> None:
    assert dissatisfaction_flag(shop(0, 0, days_ago(1, 2, 3)), TODAY) is None


@given(
    orders=st.integers(0, 5000),
    dissatisfied=st.integers(0, 200),
    ages=st.lists(st.integers(0, 800), max_size=30),
)
def test_the_dissatisfaction_flag_is_exactly_its_three_conditions(
    orders: int, dissatisfied: int, ages: list[int]
) -> None:
    dissatisfied = min(dissatisfied, orders)
    on = days_ago(*ages)
    expected = (
        orders > 0
        and dissatisfied * 100 >= orders
        and len(on) >= 3
        and sum(1 for a in ages if a <= 60) >= 2
    )
    assert (dissatisfaction_flag(shop(orders, dissatisfied, on), TODAY) is not None) == expected


@given(st.fractions(min_value=0, max_value=1), st.integers(1, 10_000))
def test_thresholds_are_compared_unrounded(threshold: Fraction, orders: int) -> None:
    t = Thresholds(dissatisfaction_rate=threshold, dissatisfied_since_first_sale=0,
                   dissatisfied_recent=0)  # fmt: skip
    for bad in range(0, orders + 1, max(1, orders // 7)):
        got = dissatisfaction_flag(shop(orders, bad, []), TODAY, t) is not None
        assert got == (Fraction(bad, orders) >= threshold)


# --- late shipping and unanswered messages ------------------------------------------------


def test_late_shipping_needs_the_share_and_the_count() -> None:
    assert late_shipping_flag(shop(0, 0, [], late=Share(3, 30))) is not None  # 10 %, 3
    assert late_shipping_flag(shop(0, 0, [], late=Share(3, 31))) is None  # 9.7 %
    assert late_shipping_flag(shop(0, 0, [], late=Share(2, 4))) is None  # 50 % but only 2
    assert late_shipping_flag(shop(0, 0, [], late=Share(0, 0))) is None


def test_unanswered_messages_need_the_share_and_the_count() -> None:
    assert unanswered_flag(shop(0, 0, [], unanswered=Share(3, 15))) is not None  # 20 %
    assert unanswered_flag(shop(0, 0, [], unanswered=Share(3, 16))) is None  # 18.75 %
    assert unanswered_flag(shop(0, 0, [], unanswered=Share(2, 2))) is None
    custom = Thresholds(unanswered_share=Fraction(1, 2), unanswered_minimum=1)
    assert unanswered_flag(shop(0, 0, [], unanswered=Share(1, 2)), custom) is not None


# --- surges -------------------------------------------------------------------------------


CALM = [Share(0, 10)] * 8


def test_a_surge_the_shop_keeps_up_with_is_not_flagged() -> None:
    figures = shop(0, 0, [], weekly_orders=[10] * 8 + [40], weekly_late=[*CALM, Share(0, 40)])
    assert surge_flag(figures) is None


def test_a_surge_with_late_shipments_rising_is_flagged() -> None:
    late = [*CALM, Share(4, 40)]  # 10 % late this week, 0 % before
    flag = surge_flag(shop(0, 0, [], weekly_orders=[10] * 8 + [30], weekly_late=late))
    assert flag is not None
    assert (flag.kind, flag.value, flag.threshold) == (FlagKind.SURGE, Fraction(3), Fraction(3))
    assert flag.evidence["late_rising"] == 1
    # Just under three times the average: no surge.
    assert surge_flag(shop(0, 0, [], weekly_orders=[10] * 8 + [29], weekly_late=late)) is None


def test_a_surge_with_unanswered_messages_rising_is_flagged() -> None:
    unanswered = [Share(1, 10)] * 8 + [Share(6, 30)]  # 20 % against 10 % before
    figures = shop(0, 0, [], weekly_orders=[5] * 8 + [20], weekly_unanswered=unanswered)
    flag = surge_flag(figures)
    assert flag is not None
    assert flag.evidence["unanswered_rising"] == 1


def test_small_numbers_and_short_histories_are_no_surge() -> None:
    late = [Share(0, 1)] * 8 + [Share(5, 9)]
    assert surge_flag(shop(0, 0, [], weekly_orders=[1] * 8 + [9], weekly_late=late)) is None
    assert surge_flag(shop(0, 0, [], weekly_orders=[10] * 3 + [40], weekly_late=late)) is None
    # Strain below the 5 % floor does not count even when it rises.
    tiny = [Share(0, 100)] * 8 + [Share(1, 40)]
    assert surge_flag(shop(0, 0, [], weekly_orders=[10] * 8 + [40], weekly_late=tiny)) is None


# --- re-evaluation ------------------------------------------------------------------------


def test_a_shop_acted_on_is_re_evaluated_after_ninety_days() -> None:
    bad = shop(100, 5, days_ago(1, 2, 3, 4, 5))
    acted = {FlagKind.DISSATISFACTION: TODAY - timedelta(days=89)}
    assert flags(bad, TODAY, last_action=acted) == []
    acted = {FlagKind.DISSATISFACTION: TODAY - timedelta(days=90)}
    assert [f.kind for f in flags(bad, TODAY, last_action=acted)] == [FlagKind.DISSATISFACTION]
    # An action on another reason does not hide this one.
    acted_late = {FlagKind.LATE_SHIPPING: TODAY}
    assert [f.kind for f in flags(bad, TODAY, last_action=acted_late)] == [FlagKind.DISSATISFACTION]


def test_every_kind_at_once_in_order() -> None:
    figures = shop(
        100, 5, days_ago(1, 2, 3),
        late=Share(5, 10), unanswered=Share(5, 10),
        weekly_orders=[10] * 8 + [40], weekly_late=[*CALM, Share(8, 40)],
    )  # fmt: skip
    assert [f.kind for f in flags(figures, TODAY)] == list(FlagKind)


# --- the ladder -----------------------------------------------------------------------


def test_the_ladder_climbs_one_step_at_a_time_and_resets_after_a_quiet_year() -> None:
    assert next_step([], TODAY) == Step.RECOMMENDATION
    history = [Action(Step.RECOMMENDATION, TODAY - timedelta(days=30))]
    assert next_step(history, TODAY) == Step.WARNING
    history.append(Action(Step.WARNING, TODAY - timedelta(days=10)))
    assert next_step(history, TODAY) == Step.TEMPORARY
    history.append(Action(Step.TEMPORARY, TODAY, ends_on=TODAY + timedelta(days=30)))
    assert next_step(history, TODAY) == Step.REVOCATION
    old = [Action(Step.WARNING, TODAY - timedelta(days=400))]
    assert next_step(old, TODAY) == Step.RECOMMENDATION


def test_rules_take_only_the_first_two_steps_in_turn() -> None:
    check_step(Step.RECOMMENDATION, [], TODAY, automatic=True)
    with pytest.raises(LadderRefusal, match="not_next_step"):
        check_step(Step.WARNING, [], TODAY, automatic=True)
    history = [Action(Step.RECOMMENDATION, TODAY - timedelta(days=5))]
    check_step(Step.WARNING, history, TODAY, automatic=True)
    history.append(Action(Step.WARNING, TODAY - timedelta(days=1)))
    with pytest.raises(LadderRefusal, match="person_only"):
        check_step(Step.TEMPORARY, history, TODAY, automatic=True)
    check_step(Step.TEMPORARY, history, TODAY, automatic=False)  # a person may


def test_a_person_may_skip_steps_but_revocation_is_final() -> None:
    check_step(Step.REVOCATION, [], TODAY, automatic=False)
    revoked = [Action(Step.REVOCATION, TODAY - timedelta(days=1))]
    with pytest.raises(LadderRefusal, match="revoked"):
        check_step(Step.RECOMMENDATION, revoked, TODAY, automatic=False)
    lifted = [Action(Step.REVOCATION, TODAY - timedelta(days=9), lifted_on=TODAY)]
    check_step(Step.WARNING, lifted, TODAY, automatic=False)  # lifting revocation reopens


def test_a_measure_in_force_cannot_be_taken_twice_until_it_ends_or_is_lifted() -> None:
    temporary = Action(Step.TEMPORARY, TODAY - timedelta(days=3), ends_on=TODAY + timedelta(days=1))
    with pytest.raises(LadderRefusal, match="already_in_force"):
        check_step(Step.TEMPORARY, [temporary], TODAY, automatic=False)
    check_step(Step.TEMPORARY, [temporary], TODAY + timedelta(days=1), automatic=False)
    assert current_step([temporary], TODAY) == Step.TEMPORARY
    assert current_step([temporary], TODAY + timedelta(days=1)) is None


def test_measures_in_force_and_revocation_brings_all() -> None:
    search = frozenset({Measure.SEARCH_REMOVAL})
    pause = frozenset({Measure.PAUSE_SHOP, Measure.PAYOUT_HOLD})
    ended = Action(Step.TEMPORARY, TODAY - timedelta(days=20), ends_on=TODAY - timedelta(days=1))
    actions = [(ended, pause), (Action(Step.TEMPORARY, TODAY - timedelta(days=2)), search)]
    assert measures_in_force(actions, TODAY) == search
    lifted = [(Action(Step.TEMPORARY, TODAY - timedelta(days=2), lifted_on=TODAY), search)]
    assert measures_in_force(lifted, TODAY) == frozenset()
    revoked = [(Action(Step.REVOCATION, TODAY), frozenset())]
    assert measures_in_force(revoked, TODAY) == frozenset(Measure)


@given(st.lists(st.tuples(st.sampled_from(list(Step)), st.integers(0, 800)), max_size=8))
def test_next_step_is_never_below_what_is_in_force_unless_revoked(
    taken: list[tuple[Step, int]],
) -> None:
    actions = [Action(step, TODAY - timedelta(days=age)) for step, age in taken]
    step = next_step(actions, TODAY)
    in_force = current_step(actions, TODAY)
    assert Step.RECOMMENDATION <= step <= Step.REVOCATION
    if in_force is not None:
        assert step >= min(in_force + 1, Step.REVOCATION)


def test_defaults_are_the_documented_ones() -> None:
    assert (DEFAULTS.dissatisfaction_rate, DEFAULTS.dissatisfied_since_first_sale) == (
        Fraction(1, 100),
        3,
    )
    assert (DEFAULTS.dissatisfied_recent, DEFAULTS.recent_days, DEFAULTS.review_after_days) == (
        2,
        60,
        90,
    )


def test_a_warning_is_a_notice_unless_it_runs_until_a_date() -> None:
    notice = Action(Step.WARNING, TODAY - timedelta(days=1))
    assert not notice.active(TODAY)
    assert notice.active(TODAY - timedelta(days=1))
    running = Action(Step.WARNING, TODAY - timedelta(days=1), ends_on=TODAY + timedelta(days=7))
    assert running.active(TODAY)
    with pytest.raises(LadderRefusal, match="already_in_force"):
        check_step(Step.WARNING, [running], TODAY, automatic=False)
    check_step(Step.WARNING, [notice], TODAY, automatic=False)
