"""Service-level standards: when a shop is flagged, and how the escalation ladder climbs
(the marketplace's seller service-level standards, as docs/standards.md states them).

Pure rules: stdlib only, no Django, no database, no user-visible text. The evaluation
task gathers each shop's figures with set-based SQL and hands them over as the plain
values below; pages translate the returned codes (``FlagKind``, ``Step``, ``Measure``).

Decisions taken here (the issue leaves them open; staff may change every threshold):

* **Dissatisfied order**: an order with a case (any reason) or a 1–2 star review. It
  counts once however many of these it has, on the day of its first such event.
* **Order dissatisfaction rate** = dissatisfied orders ÷ orders, both among the orders
  *placed* in the rolling window (``rate_window_days``, 90 by default). Flagged when the
  rate is ≥ 1 % (compared unrounded), the shop has ≥ 3 dissatisfied orders since its first
  sale, and ≥ 2 of them happened within the last 60 days (an event exactly 60 days ago is
  within; 61 days ago is not).
* **Late shipping**: among the orders due (ship-by date) in the last 30 days, the share
  not shipped by their date is ≥ 10 % with at least 3 such orders.
* **Unanswered messages**: among the first messages counted in the last 30 days (see
  responsiveness), the share not answered within 24 hours is ≥ 20 % with at least 3.
* **Unmanageable surge**: orders in the last 7 days ≥ 3 × the trailing 8-week weekly
  average (and at least 10), *together with* late shipping or unanswered messages rising:
  the last 7 days' late or unanswered share is above its trailing 8-week share and above
  5 %. A surge a shop keeps up with is not flagged.
* **Isolated incidents are tolerated**: the count minimums above exist for that; a shop
  with a good record and one bad week is not flagged.
* **Re-evaluation**: a shop that received an action is not flagged again for the same
  reason until 90 days after that action (``review_after_days``).
* **Ladder**: recommendation → e-mail warning → temporary measures → revocation. Staff
  may configure automatic rules only for the first two steps; the later ones are always
  a person's decision. A step may be skipped by a person (severity), never by a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from fractions import Fraction


@dataclass(frozen=True)
class Thresholds:
    """What staff configure; the defaults are the documented ones."""

    rate_window_days: int = 90
    dissatisfaction_rate: Fraction = Fraction(1, 100)
    dissatisfied_since_first_sale: int = 3
    dissatisfied_recent: int = 2
    recent_days: int = 60
    late_window_days: int = 30
    late_share: Fraction = Fraction(10, 100)
    late_minimum: int = 3
    unanswered_window_days: int = 30
    unanswered_share: Fraction = Fraction(20, 100)
    unanswered_minimum: int = 3
    surge_days: int = 7
    surge_baseline_weeks: int = 8
    surge_factor: Fraction = Fraction(3)
    surge_minimum_orders: int = 10
    surge_strain_floor: Fraction = Fraction(5, 100)
    review_after_days: int = 90


DEFAULTS = Thresholds()


class FlagKind(StrEnum):
    DISSATISFACTION = "dissatisfaction"
    LATE_SHIPPING = "late_shipping"
    UNANSWERED = "unanswered_messages"
    SURGE = "unmanageable_surge"


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole``; ``value`` is ``None`` when there is nothing to judge."""

    part: int
    whole: int

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.part, self.whole) if self.whole else None

    def at_least(self, share: Fraction) -> bool:
        value = self.value
        return value is not None and value >= share


@dataclass(frozen=True)
class ShopFigures:
    """One shop's figures on the evaluation day, as the evaluation's SQL counts them.

    ``window_orders`` / ``window_dissatisfied``: orders placed in the rate window and the
    dissatisfied ones among them. ``dissatisfied_on``: the day each dissatisfied order of
    the shop's whole history became so (any order, any age). ``late`` / ``unanswered``:
    their windows' shares. ``weekly_orders``: orders per week, oldest first, the last item
    being the last ``surge_days`` days (at least ``surge_baseline_weeks + 1`` items for a
    surge to be judged). ``weekly_late`` / ``weekly_unanswered``: the same weeks' shares.
    """

    window_orders: int
    window_dissatisfied: int
    dissatisfied_on: Sequence[date]
    late: Share = Share(0, 0)
    unanswered: Share = Share(0, 0)
    weekly_orders: Sequence[int] = ()
    weekly_late: Sequence[Share] = ()
    weekly_unanswered: Sequence[Share] = ()
    # What staff read beside the rate (events in the rate window, by the day they happened).
    non_delivery_cases: int = 0
    not_as_described_cases: int = 0
    low_reviews: int = 0


@dataclass(frozen=True)
class Flag:
    """Why a shop needs review: the figure, the threshold it crossed, and what it rests on."""

    kind: FlagKind
    value: Fraction | int
    threshold: Fraction | int
    evidence: dict[str, int | str] = field(default_factory=dict)


def recent(days: Iterable[date], today: date, within_days: int) -> int:
    """How many of ``days`` are within the last ``within_days`` days (inclusive, not future)."""
    oldest = today - timedelta(days=within_days)
    return sum(1 for day in days if oldest <= day <= today)


def dissatisfaction_flag(
    figures: ShopFigures, today: date, t: Thresholds = DEFAULTS
) -> Flag | None:
    rate = Share(figures.window_dissatisfied, figures.window_orders)
    since_first_sale = len(figures.dissatisfied_on)
    lately = recent(figures.dissatisfied_on, today, t.recent_days)
    if not (
        rate.at_least(t.dissatisfaction_rate)
        and since_first_sale >= t.dissatisfied_since_first_sale
        and lately >= t.dissatisfied_recent
    ):
        return None
    assert rate.value is not None
    return Flag(
        FlagKind.DISSATISFACTION,
        rate.value,
        t.dissatisfaction_rate,
        {
            "orders": figures.window_orders,
            "dissatisfied": figures.window_dissatisfied,
            "since_first_sale": since_first_sale,
            "recent": lately,
        },
    )


def _share_flag(kind: FlagKind, share: Share, minimum_share: Fraction, minimum: int) -> Flag | None:
    if share.part < minimum or not share.at_least(minimum_share):
        return None
    assert share.value is not None
    return Flag(kind, share.value, minimum_share, {"count": share.part, "of": share.whole})


def late_shipping_flag(figures: ShopFigures, t: Thresholds = DEFAULTS) -> Flag | None:
    return _share_flag(FlagKind.LATE_SHIPPING, figures.late, t.late_share, t.late_minimum)


def unanswered_flag(figures: ShopFigures, t: Thresholds = DEFAULTS) -> Flag | None:
    return _share_flag(
        FlagKind.UNANSWERED, figures.unanswered, t.unanswered_share, t.unanswered_minimum
    )


def _pooled(shares: Sequence[Share]) -> Share:
    return Share(sum(s.part for s in shares), sum(s.whole for s in shares))


def _strained(weekly: Sequence[Share], weeks: int, floor: Fraction) -> bool:
    """The last week's share is above the trailing weeks' pooled share and above ``floor``."""
    if len(weekly) < weeks + 1:
        return False
    last, before = weekly[-1], _pooled(weekly[-1 - weeks : -1])
    value = last.value
    if value is None or value <= floor:
        return False
    return before.value is None or value > before.value


def surge_flag(figures: ShopFigures, t: Thresholds = DEFAULTS) -> Flag | None:
    """A sudden rise in orders the shop does not keep up with (late or unanswered rising)."""
    weeks = t.surge_baseline_weeks
    orders = figures.weekly_orders
    if len(orders) < weeks + 1:
        return None
    last = orders[-1]
    baseline = Fraction(sum(orders[-1 - weeks : -1]), weeks)
    if last < t.surge_minimum_orders or last < t.surge_factor * baseline:
        return None
    late = _strained(figures.weekly_late, weeks, t.surge_strain_floor)
    unanswered = _strained(figures.weekly_unanswered, weeks, t.surge_strain_floor)
    if not (late or unanswered):
        return None
    ratio = Fraction(last) / baseline if baseline else Fraction(last)
    return Flag(
        FlagKind.SURGE,
        ratio,
        t.surge_factor,
        {
            "orders_last_week": last,
            "weekly_average": f"{float(baseline):.1f}",
            "late_rising": int(late),
            "unanswered_rising": int(unanswered),
        },
    )


def flags(
    figures: ShopFigures,
    today: date,
    t: Thresholds = DEFAULTS,
    *,
    last_action: dict[FlagKind, date] | None = None,
) -> list[Flag]:
    """The shop's flags on ``today``, in ``FlagKind`` order.

    A kind acted on less than ``review_after_days`` ago is not raised again (the shop is
    re-evaluated for it once that time has passed).
    """
    waiting = {
        kind
        for kind, on in (last_action or {}).items()
        if today < on + timedelta(days=t.review_after_days)
    }
    found = [
        dissatisfaction_flag(figures, today, t),
        late_shipping_flag(figures, t),
        unanswered_flag(figures, t),
        surge_flag(figures, t),
    ]
    return [flag for flag in found if flag is not None and flag.kind not in waiting]


# --- the escalation ladder ------------------------------------------------------------


class Step(IntEnum):
    RECOMMENDATION = 1
    WARNING = 2
    TEMPORARY = 3
    REVOCATION = 4


AUTOMATIC_STEPS = frozenset({Step.RECOMMENDATION, Step.WARNING})


class Measure(StrEnum):
    """What a temporary step does in Comptoir; revocation does all of it, for good."""

    SEARCH_REMOVAL = "search_removal"
    PAUSE_SHOP = "pause_shop"
    PAYOUT_HOLD = "payout_hold"
    NO_PROMOTIONS = "no_promotions"  # a suspended privilege: marketing to past buyers


@dataclass(frozen=True)
class Action:
    step: Step
    on: date
    lifted_on: date | None = None
    ends_on: date | None = None

    def active(self, today: date) -> bool:
        """In force on ``today``: not lifted, not ended. A temporary measure or a revocation
        without an end lasts until lifted; a recommendation or a warning without an end is
        a notice, in force on no day after it was given."""
        if self.lifted_on is not None and self.lifted_on <= today:
            return False
        if self.ends_on is None:
            return self.step >= Step.TEMPORARY or today == self.on
        return self.on <= today < self.ends_on


class LadderRefusal(Exception):
    """The step may not be taken; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def current_step(actions: Iterable[Action], today: date) -> Step | None:
    """The highest step still in force (``None``: nothing in force)."""
    active = [a.step for a in actions if a.active(today)]
    return max(active) if active else None


def next_step(actions: Iterable[Action], today: date) -> Step:
    """The step after the highest one still in force or taken in the last 365 days: a shop
    that behaved for a year starts again at the bottom."""
    actions = list(actions)
    year_ago = today - timedelta(days=365)
    taken = [a.step for a in actions if a.active(today) or a.on > year_ago]
    if not taken:
        return Step.RECOMMENDATION
    return Step(min(max(taken) + 1, Step.REVOCATION))


def check_step(step: Step, actions: Iterable[Action], today: date, *, automatic: bool) -> None:
    """Raise ``LadderRefusal`` when ``step`` may not be taken now.

    A rule (``automatic``) takes only the first two steps, and only the next one; a person
    may take any step, but not one already in force, and revocation is final.
    """
    actions = list(actions)
    if current_step(actions, today) == Step.REVOCATION:
        raise LadderRefusal("revoked")
    if automatic:
        if step not in AUTOMATIC_STEPS:
            raise LadderRefusal("person_only")
        if step != next_step(actions, today):
            raise LadderRefusal("not_next_step")
    if any(a.step == step and a.active(today) for a in actions) and step != Step.RECOMMENDATION:
        raise LadderRefusal("already_in_force")


def measures_in_force(
    actions: Iterable[tuple[Action, frozenset[Measure]]], today: date
) -> frozenset[Measure]:
    """The measures of every action in force; revocation brings them all."""
    found: set[Measure] = set()
    for action, measures in actions:
        if not action.active(today):
            continue
        found |= set(Measure) if action.step == Step.REVOCATION else measures
    return frozenset(found)


def measure_ends_on(
    actions: Iterable[tuple[Action, frozenset[Measure]]], measure: Measure | None, today: date
) -> date | None:
    """The day ``measure`` stops (``None``: the revocation itself) when every action
    in force that brings it has an end; ``None`` when one lasts until lifted or none is in
    force."""
    ends: list[date] = []
    for action, measures in actions:
        if not action.active(today):
            continue
        brings = action.step == Step.REVOCATION or (measure is not None and measure in measures)
        if not brings:
            continue
        if action.ends_on is None:
            return None
        ends.append(action.ends_on)
    return max(ends) if ends else None
