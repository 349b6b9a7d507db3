"""Messaging's webhook events: the marketplace hears of every message and what each side
does with its threads, so it can push a mobile notification or keep its own unread badge.

One listener (40 in the order, after responsiveness):
- `message.created` for each message that reached the other side of a thread, a shop's
  automatic reply included. A held message is not delivered, so it emits nothing until
  Trust & Safety release it.
- `conversation.read` when a side reads a thread that had unread messages: by opening it,
  marking it read, or writing in it (writing reads what came before).
- `conversation.moved` when a side moves its copy to another folder (archive, inbox, spam,
  trash, restore, delete forever). A copy coming back to the inbox because a new message
  arrived is told by `message.created`, not again here.
- `ticket.status_changed` when a support ticket is closed by the shop or reopened by the
  buyer (by the reopen button or by replying).

The payload carries the thread's references in the marketplace's own ids, so it can push a
mobile notification or move its own unread badge: the shop, the buyer, the order and the
listing (null when the thread has none). The text is sent: the message is written on the
marketplace's platform, and a notification shows it. A website visitor's thread has no
buyer id, and their e-mail address is not sent (the marketplace does not know them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from comptoir.messaging import listeners
from comptoir.messaging.listeners import (
    Delivered,
    Listener,
    Move,
    ThreadsMoved,
    TicketStatusChanged,
)
from comptoir.messaging.models import Attachment, Conversation, Message
from comptoir.webhooks import events
from comptoir.webhooks.services import Payloads, emit_all, emit_each

MESSAGE_CREATED = "message.created"
CONVERSATION_READ = "conversation.read"
CONVERSATION_MOVED = "conversation.moved"
TICKET_STATUS_CHANGED = "ticket.status_changed"


class WebhookEvents(Listener):
    """Fourth in the order: the messages it reports include the automatic reply."""

    order = 40

    def delivered(self, event: Delivered) -> None:
        # One query finds the subscribed endpoints; the payloads are built only for them.
        batches: list[tuple[str, Payloads]] = [
            (MESSAGE_CREATED, lambda: message_payloads(event.conversation, event.messages))
        ]
        if event.sender_read:
            first = event.messages[0]
            batches.append(
                (
                    CONVERSATION_READ,
                    lambda: [
                        _side_payload(event.conversation, first.sender_side, first.created_at)
                    ],
                )
            )
        emit_all(batches)

    def moved(self, event: ThreadsMoved) -> None:
        read = [m for m in event.moves if m.read]
        moved = [m for m in event.moves if m.moved]
        if not (read or moved):
            return
        threads = lazy_threads([m.conversation_id for m in [*read, *moved]])
        emit_all(
            [
                (
                    CONVERSATION_READ,
                    lambda: [
                        _side_payload(threads()[m.conversation_id], event.side, event.at)
                        for m in read
                    ],
                ),
                (CONVERSATION_MOVED, lambda: _move_payloads(event, moved, threads())),
            ]
        )

    def ticket_status_changed(self, event: TicketStatusChanged) -> None:
        emit_each(
            event=TICKET_STATUS_CHANGED,
            payloads=lambda: [
                {
                    **_side_payload(event.conversation, event.side, event.at),
                    "status_before": event.status_before,
                    "status": event.status,
                }
            ],
        )


def message_payloads(
    conversation: Conversation, messages: tuple[Message, ...]
) -> list[dict[str, Any]]:
    """`message.created`'s payload for each message (one query for their attachments, one
    each for the buyer, order and listing when the thread has them and they are not loaded)."""
    attached = dict(
        Attachment.objects.filter(message__in=[m.pk for m in messages])
        .values_list("message_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    thread = _thread_references(conversation)
    return [
        {
            **thread,
            "message_id": m.pk,
            "sender_side": m.sender_side,
            "created_at": m.created_at.isoformat(),
            "body": m.body,
            "attachment_count": attached.get(m.pk, 0),
            "is_marketing": m.is_marketing,
            "automatic": m.is_automatic,
            "via_email": m.via_email,
        }
        for m in messages
    ]


def _side_payload(conversation: Conversation, side: str, at: datetime) -> dict[str, Any]:
    """The thread's references, the side that acted and when."""
    return {**_thread_references(conversation), "side": side, "at": at.isoformat()}


def lazy_threads(ids: list[int]) -> Callable[[], dict[int, Conversation]]:
    """These threads with everything their references need: one query, on first call."""
    loaded: dict[int, Conversation] = {}

    def threads() -> dict[int, Conversation]:
        if not loaded:
            related = Conversation.objects.select_related("shop", "buyer", "order", "listing")
            loaded.update(related.in_bulk(set(ids)))
        return loaded

    return threads


def _move_payloads(
    event: ThreadsMoved, moves: list[Move], threads: dict[int, Conversation]
) -> list[dict[str, Any]]:
    return [
        {
            **_side_payload(threads[m.conversation_id], event.side, event.at),
            "folder_before": m.folder_before,
            "folder": m.folder_after,
        }
        for m in moves
    ]


def _thread_references(conversation: Conversation) -> dict[str, Any]:
    buyer = conversation.buyer if conversation.buyer_id is not None else None
    order = conversation.order if conversation.order_id is not None else None
    listing = conversation.listing if conversation.listing_id is not None else None
    return {
        "conversation_id": conversation.pk,
        "kind": conversation.kind,
        "shop_id": conversation.shop.external_id,
        "buyer_id": buyer.external_id if buyer is not None else None,
        "order_id": order.external_id if order is not None else None,
        "listing_id": listing.external_id if listing is not None else None,
    }


def connect() -> None:
    """From messaging's AppConfig.ready: make the event known, register the listener."""
    events.register(
        MESSAGE_CREATED,
        _(
            "A message reached the other side of a thread (a held message once Trust & "
            "Safety release it): its text and the thread's shop, buyer, order and listing."
        ),
    )
    events.register(
        CONVERSATION_READ,
        _(
            "A buyer or a shop read a thread that had unread messages (opened it, marked it "
            "read or wrote in it): the side and the thread's shop, buyer, order and listing."
        ),
    )
    events.register(
        CONVERSATION_MOVED,
        _(
            "A buyer or a shop moved their copy of a thread to another folder (inbox, "
            "archive, spam, trash, deleted): the folders before and after."
        ),
    )
    events.register(
        TICKET_STATUS_CHANGED,
        _(
            "A support ticket was closed by the shop or reopened by the buyer: the status "
            "before and after, and who changed it."
        ),
    )
    listeners.register(WebhookEvents())
