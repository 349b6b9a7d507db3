"""A shop's first reply that moderation held answers the buyer's first message once Trust &
Safety release it, at the time of release (as the buyer receives it)."""

from __future__ import annotations

from typing import Any

from comptoir.responsiveness.models import FirstMessage
from tests.messaging.conftest import as_buyer, as_seller, as_staff
from tests.moderation.conftest import ADVERT, Client_, order_thread, shop_says

__all__ = ["as_buyer", "as_seller", "as_staff", "order_thread"]


def test_a_released_first_reply_answers_the_buyers_first_message(
    as_seller: Client_, as_staff: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    first = FirstMessage.objects.get(conversation_id=cid)
    assert first.answer_id is None

    held = shop_says(as_seller, cid, ADVERT)
    assert held["held"] is True
    first.refresh_from_db()
    assert first.answer_id is None  # the buyer has no answer yet

    flag = as_staff.get("/moderation/flags", outcome="held").json()["items"][0]
    assert as_staff.post(f"/moderation/flags/{flag['id']}/release", {}).status_code == 200
    first.refresh_from_db()
    assert first.answer_id == held["id"]
    assert first.outcome == FirstMessage.Outcome.ANSWERED
