"""Answering a buyer's first message: vacation message, temporary or weekly auto-reply.

Messaging's listener `AutoReplies` (registered at start-up); runs inside the sender's
transaction. Loop guards: one automatic reply per thread (messaging checks it), never to
a message the shop keeps in spam, never to an automatic message, and at most
DAILY_CAP automatic replies to one buyer, or one website visitor's address, in 24 hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from comptoir.autoreplies.models import AutoReplySettings
from comptoir.autoreplies.schedule import Reply, due
from comptoir.autoreplies.settings import schedule_settings
from comptoir.messaging.listeners import FirstBuyerMessage, Listener
from comptoir.messaging.models import Conversation

DAILY_CAP = 5


def answer_first_message(event: FirstBuyerMessage) -> str | None:
    if event.in_spam or event.automatic:
        return None
    conversation = event.conversation
    shop = conversation.shop
    stored = AutoReplySettings.objects.filter(shop=shop).first()
    if stored is None and not shop.vacation_mode:
        return None
    reply = due(schedule_settings(shop, stored), event.at)
    if reply is None:
        return None
    if _capped(conversation, since=event.at - timedelta(days=1)):
        return None
    if reply is Reply.VACATION:
        return shop.vacation_message or None
    if reply is Reply.TEMPORARY:
        return stored.temporary_text if stored is not None else None
    return stored.weekly_text if stored is not None else None


def _capped(conversation: Conversation, *, since: datetime) -> bool:
    """Whether this buyer, or this website visitor (by address, across their threads), had
    DAILY_CAP automatic replies since then."""
    replied = Conversation.objects.filter(auto_replied_at__gte=since)
    if conversation.buyer_id is not None:
        replied = replied.filter(buyer_id=conversation.buyer_id)
    elif conversation.visitor_email:
        replied = replied.filter(
            buyer__isnull=True, visitor_email__iexact=conversation.visitor_email
        )
    else:
        return False
    return replied.count() >= DAILY_CAP


class AutoReplies(Listener):
    """The auto-replies' listener on messaging: second in the order, after moderation."""

    order = 20

    def auto_reply(self, message: FirstBuyerMessage) -> str | None:
        return answer_first_message(message)
