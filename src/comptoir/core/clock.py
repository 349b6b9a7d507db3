"""The one source of "now", so tests and simulations can move time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.utils import timezone

_offset = timedelta(0)
_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    if _frozen is not None:
        return _frozen
    return timezone.now() + _offset


@contextmanager
def frozen_at(instant: datetime) -> Iterator[None]:
    """Stop the clock at `instant` (aware) for the duration of the block."""
    global _frozen
    if timezone.is_naive(instant):
        raise ValueError("frozen_at needs an aware datetime")
    previous, _frozen = _frozen, instant
    try:
        yield
    finally:
        _frozen = previous
