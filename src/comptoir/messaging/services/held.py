"""Held messages: kept for their sender until Trust & Safety release them (unhold, then
deliver) or reject them (they stay held)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.core import clock
from comptoir.core.errors import NotFound
from comptoir.messaging.live import announce
from comptoir.messaging.models import Message
from comptoir.messaging.services.delivery import Thread, deliver, lock_thread
from comptoir.messaging.state import move, side_state


def keep_held(thread: Thread, message: Message) -> None:
    """A held message just written: its sender sees it (marked held); the thread, the
    recipient's copy and the counters do not move."""
    sender = thread.side(message.sender_side)
    if sender is not None:
        move(sender, side_state(sender), thread.counters, has_sent=True)
    thread.counters.apply()
    if sender is not None:
        announce([sender], event="message", unread=thread.counters.unread_after)


@transaction.atomic
def held_message_release(*, message_id: int) -> Message:
    """Deliver a held message now, as if just sent (Trust & Safety found it fine)."""
    message = Message.objects.select_for_update().filter(id=message_id, held=True).first()
    if message is None:
        raise NotFound("message_not_held", _("No such held message."))
    thread = lock_thread(message.conversation_id)
    assert thread is not None  # a message's thread has its shop's copy
    at = clock.now()
    message.held, message.created_at = False, at
    Message.objects.filter(pk=message.pk).update(held=False, created_at=at)
    files = list(message.attachments.order_by("id").values_list("name", flat=True))
    deliver(thread, [message], at=at, just_written=False, files=files)
    return message
