"""Where responsiveness listens: messaging's listener protocol, orders' and reviews' signals."""

from __future__ import annotations

from typing import Any

from comptoir.messaging import listeners
from comptoir.messaging.listeners import Delivered, Listener, ThreadsChanged
from comptoir.orders.hooks import order_saved
from comptoir.orders.models import Order
from comptoir.responsiveness import recording
from comptoir.reviews.hooks import review_saved
from comptoir.reviews.models import Review


class Responsiveness(Listener):
    """Responsiveness' listener on messaging: third in the order, after moderation and the
    auto-replies, so an automatic reply is among the messages it records."""

    order = 30

    def delivered(self, event: Delivered) -> None:
        recording.messages_posted(
            event.conversation, event.messages, event.shop_marked_spam, event.shop_had_written
        )

    def threads_changed(self, event: ThreadsChanged) -> None:
        recording.threads_changed(event.conversation_ids)


def _order_saved(order: Order, previous: Order | None, **_kwargs: Any) -> None:
    days = recording.order_days(order) | recording.order_days(previous)
    recording.refresh_order_days(order.shop_id, days)


def _review_saved(review: Review, previous: Review | None, **_kwargs: Any) -> None:
    days = recording.review_days(review) | recording.review_days(previous)
    recording.refresh_order_days(review.shop_id, days)


def connect() -> None:
    listeners.register(Responsiveness())
    order_saved.connect(_order_saved, sender=Order, dispatch_uid="resp-order")
    review_saved.connect(_review_saved, sender=Review, dispatch_uid="resp-review")
