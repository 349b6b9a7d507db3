"""The shop's public reply to a review: once, editable for a while. Pure rules, no ORM."""

from __future__ import annotations

from datetime import datetime, timedelta

# Long enough to fix a typo or soften a word the next morning, short enough that buyers
# and the marketplace read a settled answer (docs/reviews.md).
EDIT_WINDOW = timedelta(hours=72)
REPLY_MAX = 4000


def editable_until(replied_at: datetime | None, removed_at: datetime | None) -> datetime | None:
    """Until when the shop may still edit its reply (None: no reply, or removed)."""
    if replied_at is None or removed_at is not None:
        return None
    return replied_at + EDIT_WINDOW


def refusal(
    *, replied_at: datetime | None, removed_at: datetime | None, now: datetime
) -> str | None:
    """Why the shop may not write its reply now, as an error code; None when it may."""
    if removed_at is not None:
        return "reply_removed"
    until = editable_until(replied_at, removed_at)
    if until is not None and now >= until:
        return "reply_locked"
    return None
