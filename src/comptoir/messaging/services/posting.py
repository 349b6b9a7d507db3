"""Writing a person's message in a thread: screen it, insert it, then deliver it (or keep
it held for Trust & Safety)."""

from __future__ import annotations

from comptoir.core import clock
from comptoir.core.sql import insert
from comptoir.messaging import listeners
from comptoir.messaging.listeners import OutgoingMessage, Screened, Screening
from comptoir.messaging.models import Attachment, Conversation, Message
from comptoir.messaging.services.delivery import Thread, deliver
from comptoir.messaging.services.drafts import Outgoing
from comptoir.messaging.services.held import keep_held


def screen(conversation: Conversation, outgoing: Outgoing) -> Screening:
    """Ask the screeners (moderation) about a person's message before it is written."""
    return listeners.screen(
        OutgoingMessage(
            conversation=conversation,
            sender_side=outgoing.sender_side,
            body=outgoing.body,
            marketing=outgoing.marketing,
        )
    )


def post(thread: Thread, outgoing: Outgoing, *, screening: Screening) -> Message:
    """Add a message to a thread whose parties the caller holds locked: insert, then deliver.

    A message `screening` holds is written but not delivered: only its sender's side sees
    it until Trust & Safety releases it (held.py).
    """
    at = clock.now()
    message = insert(
        Message,
        conversation=thread.conversation,
        sender_side=outgoing.sender_side,
        author=outgoing.author,
        body=outgoing.body,
        saved_reply=outgoing.saved,
        created_at=at,
        is_marketing=outgoing.marketing,
        warnings=list(screening.warnings),
        held=screening.hold,
        via_email=outgoing.via_email,
    )
    files = outgoing.attachments
    if files:
        Attachment.objects.filter(id__in=[a.id for a in files]).update(message=message)
    if not screening.clean:
        listeners.screened(
            Screened(message=message, conversation=thread.conversation, screening=screening)
        )
    if screening.hold:
        keep_held(thread, message)
    else:
        deliver(thread, [message], at=at, files=[a.name for a in files])
    return message
