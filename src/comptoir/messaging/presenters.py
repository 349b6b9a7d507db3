"""Turning threads and messages into the API's shapes (no queries beyond what is loaded)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from comptoir.messaging.models import Attachment, Conversation, Message, Party, Side
from comptoir.messaging.selectors import Thread, label_tags
from comptoir.messaging.subjects import display_subject

API_PREFIX = "/api/v1"


def attachment_out(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "name": attachment.name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "width": attachment.width,
        "height": attachment.height,
        "url": f"{API_PREFIX}/attachments/{attachment.id}",
    }


def message_out(
    message: Message,
    conversation: Conversation,
    attachments: Iterable[Attachment] | None = None,
    *,
    reader_side: str | None = None,
) -> dict[str, Any]:
    """A message; `attachments` when the caller has them (else they are read).

    Warnings are for the recipient (`reader_side` the other side, or None for Trust &
    Safety): the sender is not told which words set them off.
    """
    if message.author is not None:
        author: str | None = str(message.author)
    elif message.sender_side == Side.SHOP:
        author = conversation.shop.name
    else:
        author = conversation.visitor_name or None
    return {
        "id": message.id,
        "conversation_id": message.conversation_id,
        "sender_side": message.sender_side,
        "author": author,
        "body": message.body,
        "is_automatic": message.is_automatic,
        "no_response_needed": message.no_response_needed,
        "created_at": message.created_at,
        "attachments": [
            attachment_out(a)
            for a in (message.attachments.all() if attachments is None else attachments)
        ],
        "is_marketing": message.is_marketing,
        "warnings": list(message.warnings) if reader_side != message.sender_side else [],
        "held": message.held,
        "via_email": message.via_email,
    }


def conversation_out(conversation: Conversation, party: Party | None) -> dict[str, Any]:
    shop_side = party is None or party.side == Side.SHOP
    return {
        "id": conversation.id,
        "kind": conversation.kind,
        "subject": display_subject(conversation),
        "shop_id": conversation.shop.external_id,
        "shop_name": conversation.shop.name,
        "buyer_name": str(conversation.buyer) if conversation.buyer else None,
        "visitor_name": conversation.visitor_name,
        "visitor_email": conversation.visitor_email if shop_side else "",
        "listing_id": conversation.listing.external_id if conversation.listing else None,
        "order_id": conversation.order.external_id if conversation.order else None,
        "help_reason": conversation.help_reason,
        "ticket_status": conversation.ticket_status,
        "started_by": conversation.started_by,
        "last_message_at": party.last_message_at if party else conversation.last_message_at,
        "message_count": conversation.message_count,
        "preview": conversation.preview,
        "folder": party.folder if party else None,
        "unread_count": party.unread_count if party else 0,
        "last_read_at": party.last_read_at if party else None,
        "awaiting_reply_since": party.awaiting_reply_since if party else None,
        "labels": [{"id": t.id, "name": t.name} for t in label_tags(party)] if party else [],
    }


def party_out(party: Party) -> dict[str, Any]:
    return conversation_out(party.conversation, party)


def thread_out(thread: Thread) -> dict[str, Any]:
    conversation = thread.conversation
    return {
        "conversation": conversation_out(conversation, thread.party),
        "messages": [
            message_out(m, conversation, reader_side=thread.party.side if thread.party else None)
            for m in thread.messages
        ],
        "earlier_cursor": thread.earlier_cursor,
        "ticket_events": [
            {"status": e.status, "side": e.side, "at": e.at}
            for e in conversation.ticket_events.all()
        ],
    }
