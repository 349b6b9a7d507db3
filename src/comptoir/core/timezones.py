"""Time zone names people may pick."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_time_zone(name: str) -> bool:
    return name in time_zone_names()
