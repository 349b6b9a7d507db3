"""Messaging's webhook events: the marketplace hears of every message delivered.

One listener (40 in the order, after responsiveness): `message.created` for each message
that reached the other side of a thread, a shop's automatic reply included. A held message
is not delivered, so it emits nothing until Trust & Safety release it.

The payload carries the thread's references in the marketplace's own ids, so it can push a
mobile notification or move its own unread badge: the shop, the buyer, the order and the
listing (null when the thread has none). The text is sent: the message is written on the
marketplace's platform, and a notification shows it. A website visitor's thread has no
buyer id, and their e-mail address is not sent (the marketplace does not know them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from comptoir.messaging import listeners
from comptoir.messaging.listeners import Delivered, Listener
from comptoir.messaging.models import Attachment, Conversation, Message
from comptoir.webhooks import events
from comptoir.webhooks.services import emit_each

MESSAGE_CREATED = "message.created"


class WebhookEvents(Listener):
    """Fourth in the order: the messages it reports include the automatic reply."""

    order = 40

    def delivered(self, event: Delivered) -> None:
        # One query finds the subscribed endpoints; the payloads are built only for them.
        emit_each(
            event=MESSAGE_CREATED,
            payloads=lambda: message_payloads(event.conversation, event.messages),
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
        }
        for m in messages
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
    listeners.register(WebhookEvents())
