"""What the thread page shows beside the messages: the order or listing, policies, tools."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from comptoir.core.outbox import is_bounced
from comptoir.messaging.models import Conversation, SavedReply
from comptoir.messaging.selectors import conversation_thread
from comptoir.orders.models import Order, OrderItem, OrderNote
from comptoir.shops.access import Viewer
from comptoir.shops.selectors import described_policies


def thread_context(viewer: Viewer, conversation_id: int, *, before: str | None) -> dict[str, Any]:
    """The thread and its context, in a fixed number of queries."""
    thread = conversation_thread(viewer, conversation_id, before=before, limit=100)
    conversation = thread.conversation
    order = None
    if conversation.order_id is not None:
        notes = OrderNote.objects.select_related("author").order_by("created_at", "id")
        if viewer.shop is None:
            notes = notes.filter(visibility=OrderNote.Visibility.CUSTOMER)
        order = (
            Order.objects.filter(id=conversation.order_id)
            .prefetch_related(
                Prefetch("items", queryset=OrderItem.objects.order_by("id")),
                Prefetch("notes", queryset=notes),
            )
            .first()
        )
    policies = described_policies(conversation.shop)
    saved_replies = (
        list(SavedReply.objects.filter(shop=viewer.shop).order_by("title"))
        if viewer.shop is not None
        else []
    )
    party = thread.party
    return {
        "viewer": viewer,
        "shop": viewer.shop,
        "thread": thread,
        "conversation": conversation,
        "party": party,
        "order": order,
        "listing": conversation.listing,
        "policies": policies,
        "saved_replies": saved_replies,
        "applied_labels": {lb.id for lb in party.labels.all()} if party else set(),
        "is_shop": viewer.shop is not None,
        "last_message_id": thread.messages[-1].id if thread.messages else 0,
        "bounced": viewer.shop is not None and _bounces(conversation),
    }


def _bounces(conversation: Conversation) -> bool:
    """Whether e-mails to the buyer or visitor come back undelivered (inbound mail saw it)."""
    buyer = conversation.buyer
    address = buyer.email if buyer is not None else conversation.visitor_email
    return bool(address) and is_bounced(address)
