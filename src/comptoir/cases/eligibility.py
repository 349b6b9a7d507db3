"""When a buyer may open a case. Pure: no ORM.

A buyer may open a case only after messaging the shop about the order, once the
estimated delivery date (or, without one, the ship-by date) has passed **and** 48 hours
have passed since that message, and no later than 100 days after the order.

A not-as-described case because the order was not shipped within the processing time
waits for the ship-by date instead of the delivery estimate, and cannot be opened on an
order shipped by its ship-by date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WAIT_AFTER_MESSAGE = timedelta(hours=48)
WINDOW_AFTER_ORDER = timedelta(days=100)


@dataclass(frozen=True)
class OrderTiming:
    """What the rule needs to know about an order, as plain values."""

    ordered_at: datetime
    ship_by: date
    estimated_delivery_on: date | None
    shop_time_zone: str
    first_buyer_message_at: datetime | None
    delivered: bool = False
    cancelled: bool = False
    has_active_case: bool = False
    shipped_at: datetime | None = None


NOT_SHIPPED_IN_TIME = "not_shipped_in_time"


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    code: str  # "eligible" or why not: a stable code for the API
    opens_at: datetime | None  # the earliest instant a case may be opened, when known
    closes_at: datetime  # the last instant a case may be opened

    def __bool__(self) -> bool:
        return self.eligible


def day_has_passed(day: date, time_zone: str) -> datetime:
    """The first instant after `day` ends in `time_zone` (midnight of the next day), in UTC."""
    tz = ZoneInfo(time_zone)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(ZoneInfo("UTC"))


def case_eligibility(timing: OrderTiming, now: datetime, *, variant: str = "") -> Eligibility:
    """Whether a case (of this not-as-described ``variant``, if any) may be opened on this
    order at `now`, and if not, why and from when.

    A delivered order has nothing left to wait for on the delivery date: the buyer holds
    the item (damaged, not as described) and only the 48 hours after the message apply.
    """
    closes_at = timing.ordered_at + WINDOW_AFTER_ORDER
    if timing.cancelled:
        return Eligibility(False, "order_cancelled", None, closes_at)
    if timing.has_active_case:
        return Eligibility(False, "case_already_open", None, closes_at)
    if now > closes_at:
        return Eligibility(False, "case_window_closed", None, closes_at)
    if timing.first_buyer_message_at is None:
        return Eligibility(False, "message_shop_first", None, closes_at)

    after_message = timing.first_buyer_message_at + WAIT_AFTER_MESSAGE
    if variant == NOT_SHIPPED_IN_TIME:
        after_ship_by = day_has_passed(timing.ship_by, timing.shop_time_zone)
        if timing.shipped_at is not None and timing.shipped_at < after_ship_by:
            return Eligibility(False, "shipped_in_time", None, closes_at)
        opens_at = max(after_message, after_ship_by)
        if opens_at > closes_at:
            return Eligibility(False, "case_window_closed", None, closes_at)
        if now < after_message:
            return Eligibility(False, "wait_for_shop_reply", opens_at, closes_at)
        if now < opens_at:
            return Eligibility(False, "ship_by_date_not_passed", opens_at, closes_at)
        return Eligibility(True, "eligible", opens_at, closes_at)
    reference_day = timing.estimated_delivery_on or timing.ship_by
    after_date = day_has_passed(reference_day, timing.shop_time_zone)
    opens_at = after_message if timing.delivered else max(after_message, after_date)
    if opens_at > closes_at:
        return Eligibility(False, "case_window_closed", None, closes_at)
    if now < after_message:
        return Eligibility(False, "wait_for_shop_reply", opens_at, closes_at)
    if now < opens_at:
        return Eligibility(False, "delivery_date_not_passed", opens_at, closes_at)
    return Eligibility(True, "eligible", opens_at, closes_at)
