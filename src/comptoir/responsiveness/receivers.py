"""Where responsiveness listens: messaging's, orders' and reviews' signals."""

from __future__ import annotations

from typing import Any

from comptoir.messaging.hooks import messages_posted, threads_changed
from comptoir.messaging.models import Conversation
from comptoir.orders.hooks import order_saved
from comptoir.orders.models import Order
from comptoir.responsiveness import recording
from comptoir.reviews.hooks import review_saved
from comptoir.reviews.models import Review


def _messages_posted(**kwargs: Any) -> None:
    recording.messages_posted(
        kwargs["conversation"],
        kwargs["messages"],
        kwargs["shop_marked_spam"],
        kwargs["shop_had_written"],
    )


def _threads_changed(**kwargs: Any) -> None:
    recording.threads_changed(kwargs["conversation_ids"])


def _order_saved(order: Order, previous: Order | None, **_kwargs: Any) -> None:
    days = recording.order_days(order) | recording.order_days(previous)
    recording.refresh_order_days(order.shop_id, days)


def _review_saved(review: Review, previous: Review | None, **_kwargs: Any) -> None:
    days = recording.review_days(review) | recording.review_days(previous)
    recording.refresh_order_days(review.shop_id, days)


def connect() -> None:
    messages_posted.connect(_messages_posted, sender=Conversation, dispatch_uid="resp-posted")
    threads_changed.connect(_threads_changed, sender=Conversation, dispatch_uid="resp-changed")
    order_saved.connect(_order_saved, sender=Order, dispatch_uid="resp-order")
    review_saved.connect(_review_saved, sender=Review, dispatch_uid="resp-review")
