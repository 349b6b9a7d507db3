"""Estimated delivery dates from processing time and carrier estimates. Pure: no ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class DeliveryEstimate:
    ship_by: date  # the last day the shop may ship on
    earliest: date
    latest: date


def estimate_delivery(
    *, ordered_at: datetime, time_zone: str, processing: tuple[int, int], transit: tuple[int, int]
) -> DeliveryEstimate:
    """Dates in the shop's time zone for an order placed at `ordered_at`.

    The ship-by date is the end of the longest processing time; the delivery window adds
    the carrier's shortest and longest transit to the shortest and longest processing.
    """
    day = ordered_at.astimezone(ZoneInfo(time_zone)).date()
    return DeliveryEstimate(
        ship_by=day + timedelta(days=processing[1]),
        earliest=day + timedelta(days=processing[0] + transit[0]),
        latest=day + timedelta(days=processing[1] + transit[1]),
    )
