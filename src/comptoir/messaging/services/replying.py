"""Answering in a thread a side can see."""

from __future__ import annotations

from django.db import transaction

from comptoir.messaging.access import conversation_not_found
from comptoir.messaging.models import Conversation, Folder, Message, Party, Side
from comptoir.messaging.services.delivery import lock_thread
from comptoir.messaging.services.drafts import Draft, compose
from comptoir.messaging.services.posting import post, screen
from comptoir.messaging.services.tickets import status_set
from comptoir.shops.access import Viewer

Status = Conversation.TicketStatus


@transaction.atomic
def message_reply(*, viewer: Viewer, conversation_id: int, draft: Draft) -> Message:
    """Answer in a thread the viewer's side can see. A buyer's reply reopens a closed ticket."""
    thread = lock_thread(conversation_id)
    mine = thread.side(viewer.side) if thread is not None else None
    if thread is None or mine is None or mine.folder == Folder.DELETED or not _owns(viewer, mine):
        raise conversation_not_found()
    outgoing = compose(viewer, draft)
    conversation = thread.conversation
    if viewer.side == Side.BUYER and conversation.ticket_status == Status.CLOSED:
        status_set(conversation, Status.OPEN, side=viewer.side, author_id=viewer.user.id)
    return post(thread, outgoing, screening=screen(conversation, outgoing))


def _owns(viewer: Viewer, party: Party) -> bool:
    if viewer.shop is not None:
        return party.shop_id == viewer.shop.id
    return party.buyer_id == viewer.user.id
