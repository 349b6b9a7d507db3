"""Response time, response rate and the top-seller programme.

Pure rules: stdlib only, no Django, no database, no user-visible text. Callers load the
messages, orders and reviews, hand them over as the plain values below and translate the
returned codes (``Band``, ``Outcome``, ``Criterion``) into words.

Decisions taken here (the issue leaves them open):

* **Waiting spans.** A buyer message opens a span only while none is open in the thread;
  later buyer messages join the open span. The span takes its ``excluded`` flag from the
  message that opened it, even if a later buyer message in it is not excluded.
* **24 hours is inclusive.** A first message answered exactly 24 h after it was received is
  answered; at 24 h + 1 s it is late. A first message with no answer stays *pending* up to
  and including the 24 h mark and becomes *unanswered* just after it.
* **Bands** (upper bounds inclusive): mean ≤ 1 h "within an hour", ≤ 6 h "within a few
  hours", ≤ 24 h "within 24 hours", otherwise "within a few days"; no band below
  ``MIN_SPANS`` (5) spans.
* **Nothing to judge is not a failure.** With no counted first message the response-rate
  criterion is met, with no rating the rating criterion is met, with no order the shipping
  criterion is met (the ``ORDERS`` criterion still asks for at least 5 orders). Their
  ``value`` is then ``None``.
* **Percentages** are exact ``Fraction`` ratios (0.95 is 95 %); they are compared unrounded
  and shown with one decimal, rounding half up (``one_decimal_percent``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from fractions import Fraction

RESPONSE_TIME_WINDOW = timedelta(days=90)
MIN_SPANS = 5
ANSWER_WITHIN = timedelta(hours=24)

BAND_HOUR = timedelta(hours=1)
BAND_HOURS = timedelta(hours=6)
BAND_DAY = timedelta(hours=24)

PROGRAMME_MONTHS = 3
MIN_RESPONSE_RATE = Fraction(95, 100)
MIN_ON_TIME_SHIPPING = Fraction(95, 100)
MIN_RATING = Fraction(48, 10)
MAX_RATING = 5
MIN_ORDERS = 5
MIN_SHOP_AGE_DAYS = 90


# --- waiting spans and response time -------------------------------------------------


class Side(StrEnum):
    BUYER = "buyer"
    SHOP = "shop"


@dataclass(frozen=True)
class Event:
    """One message of a thread, as the shop sees it.

    ``side`` is who sent it. Shop messages are human replies and auto-replies alike.
    ``excluded`` only matters for buyer messages: the message is (now) in the shop's spam
    or the seller marked it "no response needed".
    """

    at: datetime
    side: Side
    excluded: bool = False
    ref: int | None = None  # the caller's id for the message, handed back on the spans


@dataclass(frozen=True)
class Span:
    """A waiting span: from a buyer message to the shop's next message (``None``: open)."""

    opened_at: datetime
    closed_at: datetime | None
    excluded: bool
    opened_ref: int | None = None
    closed_ref: int | None = None

    @property
    def length(self) -> timedelta | None:
        return None if self.closed_at is None else self.closed_at - self.opened_at


def waiting_spans(events: Sequence[Event]) -> list[Span]:
    """The waiting spans of one thread, oldest first; the last one may still be open.

    Events are put in time order (stably, so equal times keep the given order).
    """
    spans: list[Span] = []
    opened: Event | None = None
    for event in sorted(events, key=lambda e: e.at):
        if event.side == Side.BUYER:
            if opened is None:
                opened = event
        elif opened is not None:
            spans.append(Span(opened.at, event.at, opened.excluded, opened.ref, event.ref))
            opened = None
    if opened is not None:
        spans.append(Span(opened.at, None, opened.excluded, opened.ref))
    return spans


@dataclass(frozen=True)
class ResponseTime:
    """Mean length of the counted spans (``None`` when there is none) and their number."""

    mean: timedelta | None
    spans: int

    @property
    def band(self) -> Band | None:
        return band(self.mean, self.spans)


def response_time(
    spans: Iterable[Span], now: datetime, window: timedelta = RESPONSE_TIME_WINDOW
) -> ResponseTime:
    """Mean length of the closed, not excluded spans with ``now - window < closed_at <= now``.

    Pass the spans of all the shop's threads.
    """
    lengths = [
        span.closed_at - span.opened_at
        for span in spans
        if span.closed_at is not None and not span.excluded and now - window < span.closed_at <= now
    ]
    if not lengths:
        return ResponseTime(None, 0)
    return ResponseTime(sum(lengths, timedelta()) / len(lengths), len(lengths))


def response_window(today: date) -> tuple[date, date]:
    """The days whose closed spans make the response time: the 90 UTC days ending today.

    Half-open ``[start, end)``: 2026-06-15 -> (2026-03-18, 2026-06-16). Whole days, so that
    the figure is read from daily rollups; ``response_time`` with the instants
    ``utc_bounds(*response_window(today))`` gives the same mean from raw spans.
    """
    days = RESPONSE_TIME_WINDOW.days
    return today - timedelta(days=days - 1), today + timedelta(days=1)


def median(values: Sequence[int]) -> int | None:
    """The median of whole numbers, rounded down (the mean of the middle two when even)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) // 2


class Band(StrEnum):
    HOUR = "within_an_hour"
    HOURS = "within_a_few_hours"
    DAY = "within_24_hours"
    DAYS = "within_a_few_days"


def band(mean: timedelta | None, count: int) -> Band | None:
    """The "usually responds …" band, or ``None`` (show nothing) below ``MIN_SPANS`` spans."""
    if mean is None or count < MIN_SPANS:
        return None
    if mean <= BAND_HOUR:
        return Band.HOUR
    if mean <= BAND_HOURS:
        return Band.HOURS
    if mean <= BAND_DAY:
        return Band.DAY
    return Band.DAYS


# --- first messages and response rate ------------------------------------------------


@dataclass(frozen=True)
class FirstMessage:
    """The first message the shop received in a thread the buyer started.

    ``answered_at``: when the shop's first message after it was sent (human reply or
    auto-reply), ``None`` if none yet. ``excluded``: in spam or marked "no response
    needed". Trash is deliberately not an input: it does not matter.
    """

    received_at: datetime
    answered_at: datetime | None
    excluded: bool = False


class Outcome(StrEnum):
    ANSWERED = "answered"  # answered within 24 h (inclusive)
    LATE = "late"  # answered, but after more than 24 h
    UNANSWERED = "unanswered"  # more than 24 h passed, no answer
    PENDING = "pending"  # not answered yet and 24 h not passed: not counted yet
    EXCLUDED = "excluded"  # spam / no response needed: never counted


COUNTED = frozenset({Outcome.ANSWERED, Outcome.LATE, Outcome.UNANSWERED})


def outcome(first: FirstMessage, now: datetime) -> Outcome:
    """Where ``first`` stands at ``now``.

    Monotone in ``now``: only ``PENDING`` ever changes. An answer dated after ``now`` is not
    an answer yet (pending within the 24 h); a late one already makes the message ``LATE``
    once the 24 h have passed, which counts exactly like ``UNANSWERED``.
    """
    if first.excluded:
        return Outcome.EXCLUDED
    deadline = first.received_at + ANSWER_WITHIN
    answered_at = first.answered_at
    if answered_at is not None and answered_at <= deadline:
        return Outcome.ANSWERED if answered_at <= now else Outcome.PENDING
    if now <= deadline:
        return Outcome.PENDING
    return Outcome.UNANSWERED if answered_at is None else Outcome.LATE


@dataclass(frozen=True)
class Rate:
    answered: int
    counted: int

    @property
    def value(self) -> Fraction | None:
        """answered / counted, ``None`` when nothing is counted."""
        return Fraction(self.answered, self.counted) if self.counted else None


def response_rate(
    firsts: Iterable[FirstMessage], start: datetime, end: datetime, now: datetime
) -> Rate:
    """Rate of the first messages received in ``[start, end)`` that count at ``now``."""
    answered = counted = 0
    for first in firsts:
        if not start <= first.received_at < end:
            continue
        result = outcome(first, now)
        if result in COUNTED:
            counted += 1
            answered += result is Outcome.ANSWERED
    return Rate(answered, counted)


# --- top-seller programme ------------------------------------------------------------


def _month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def programme_period(today: date) -> tuple[date, date]:
    """The period judged by an evaluation on ``today``: the previous 3 calendar months.

    Half-open ``[start, end)`` in UTC dates: evaluated 2026-06-01 (or any day of June)
    -> (2026-03-01, 2026-06-01).
    """
    return _month_start(today, PROGRAMME_MONTHS), _month_start(today)


def current_programme_period(today: date) -> tuple[date, date]:
    """The period shown "so far" on ``today``: the one the next 1st will evaluate.

    ``today`` 2026-06-15 -> (2026-04-01, 2026-07-01). Count its data up to now.
    """
    return _month_start(today, PROGRAMME_MONTHS - 1), _month_start(today, -1)


def utc_day(at: datetime) -> date:
    """The UTC day an instant falls on: every figure is counted by UTC day."""
    return at.astimezone(UTC).date()


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Midnight UTC at both ends of a period, for ``response_rate``."""
    return datetime.combine(start, time(), UTC), datetime.combine(end, time(), UTC)


@dataclass(frozen=True)
class ShopRecord:
    """What the programme looks at for one period.

    ``rate``: response rate of the period. ``orders``: orders of the period;
    ``shipped_on_time_with_tracking``: those of them shipped with tracking by their ship-by
    date. ``rating_sum`` / ``ratings``: sum and number of the period's review ratings
    (1 to 5). ``first_sale``: UTC date of the shop's first sale ever.
    """

    rate: Rate
    orders: int
    shipped_on_time_with_tracking: int
    rating_sum: int
    ratings: int
    first_sale: date | None
    # The orders the shipping criterion judges, when not all of ``orders``: Comptoir judges
    # the orders whose ship-by date fell in the period and has passed.
    due_orders: int | None = None


class Criterion(StrEnum):
    RESPONSE_RATE = "response_rate"
    ON_TIME_SHIPPING = "on_time_shipping"
    RATING = "rating"
    ORDERS = "orders"
    SHOP_AGE = "shop_age"


@dataclass(frozen=True)
class Check:
    """One criterion's result.

    ``value``: the ratio (response rate, on-time shipping), the average rating (all exact
    ``Fraction``), the number of orders or the shop's age in days; ``None`` when there is
    nothing to measure. ``needed``: the least number of further answered first messages /
    on-time orders / 5-star ratings / orders / days that would meet the criterion (0 when
    met), ``None`` when not computable (no first sale yet).
    """

    criterion: Criterion
    met: bool
    value: Fraction | int | None
    needed: int | None


def _ratio_check(criterion: Criterion, good: int, total: int, minimum: Fraction) -> Check:
    # Smallest k >= 0 with (good + k) / (total + k) >= p / q, i.e. k * (q - p) >= p*total - q*good.
    p, q = minimum.numerator, minimum.denominator
    gap = p * total - q * good
    needed = max(0, -(-gap // (q - p)))
    value = Fraction(good, total) if total else None
    return Check(criterion, value is None or value >= minimum, value, needed)


def top_seller(record: ShopRecord, as_of: date) -> list[Check]:
    """The five criteria, in ``Criterion`` order.

    ``as_of`` is the date the shop's age is measured at: the evaluation date (the period's
    end) for the monthly evaluation, today for "so far".
    """
    rate = record.rate
    average = Fraction(record.rating_sum, record.ratings) if record.ratings else None
    # Smallest k with (sum + 5k) / (n + k) >= MIN_RATING.
    rating_gap = MIN_RATING * record.ratings - record.rating_sum
    rating_needed = max(0, -(-rating_gap // (MAX_RATING - MIN_RATING)))
    if record.first_sale is None:
        age_check = Check(Criterion.SHOP_AGE, False, None, None)
    else:
        age = (as_of - record.first_sale).days
        age_met = age >= MIN_SHOP_AGE_DAYS
        age_check = Check(Criterion.SHOP_AGE, age_met, age, max(0, MIN_SHOP_AGE_DAYS - age))
    return [
        _ratio_check(Criterion.RESPONSE_RATE, rate.answered, rate.counted, MIN_RESPONSE_RATE),
        _ratio_check(
            Criterion.ON_TIME_SHIPPING,
            record.shipped_on_time_with_tracking,
            record.orders if record.due_orders is None else record.due_orders,
            MIN_ON_TIME_SHIPPING,
        ),
        Check(
            Criterion.RATING,
            average is None or average >= MIN_RATING,
            average,
            int(rating_needed),
        ),
        Check(
            Criterion.ORDERS,
            record.orders >= MIN_ORDERS,
            record.orders,
            max(0, MIN_ORDERS - record.orders),
        ),
        age_check,
    ]


def is_top_seller(checks: Iterable[Check]) -> bool:
    return all(check.met for check in checks)


def one_decimal_percent(value: Fraction) -> str:
    """A ratio as a percentage with one decimal, rounding half up: 0.94999 -> "95.0"."""
    tenths = value * 1000
    sign = "-" if tenths < 0 else ""
    rounded = int(abs(tenths) + Fraction(1, 2))  # floor of a non-negative number
    return f"{sign}{rounded // 10}.{rounded % 10}"
