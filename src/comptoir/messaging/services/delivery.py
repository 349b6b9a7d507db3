"""`deliver`: the one place where messages reach the other side of a thread.

Posting a message is "insert, then deliver" (posting.py); releasing a held message is
"unhold, then deliver" (held.py). Only `deliver` moves the thread's preview and counts,
each side's folder, read state and counters, queues the e-mails (shop members, buyer,
website visitor), asks for the shop's automatic reply, calls the listeners and announces
the live update: a new side effect of a message is added here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection

from comptoir.core.prepared import Prepared
from comptoir.core.sql import at_param
from comptoir.messaging import listeners
from comptoir.messaging.listeners import Delivered, FirstBuyerMessage, ThreadsChanged
from comptoir.messaging.live import announce
from comptoir.messaging.models import Conversation, Folder, Message, Party, Side
from comptoir.messaging.notify import notify_new_message
from comptoir.messaging.rules import SideState, notifies, on_message_received, still_spam
from comptoir.messaging.state import Counters, move, side_state
from comptoir.orders.models import Order
from comptoir.orders.services import order_buyer_messaged

PREVIEW = 160


@dataclass
class Thread:
    """A thread with both sides' copies, locked by the caller in id order, and the counter
    changes gathered so far (a new thread's copies are counted with its first message, so
    each owner's counter row is written once)."""

    conversation: Conversation  # with its shop and buyer loaded
    shop: Party
    buyer: Party | None  # None: a website visitor's thread
    counters: Counters = field(default_factory=Counters)

    def side(self, side: str) -> Party | None:
        return self.shop if side == Side.SHOP else self.buyer

    def other(self, side: str) -> Party | None:
        return self.buyer if side == Side.SHOP else self.shop


_THREAD = Prepared(
    lambda conversation_id: (
        Party.objects.select_for_update(of=("self",))
        .select_related(
            "conversation__shop",
            "conversation__buyer",
            "conversation__listing",  # what the e-mail says the thread is about
            "conversation__order",
        )
        .filter(conversation_id=conversation_id)
        .order_by("id")
    ),
    -7_000_001,  # an example id no query constant equals
)


def lock_thread(conversation_id: int) -> Thread | None:
    """Both sides' copies of a thread, locked in id order (a buyer and a seller writing at
    once never deadlock), with the thread, its shop, buyer, listing and order (the e-mail
    names them); None if there is none. Its SQL is compiled once (core.prepared)."""
    both = {p.side: p for p in _THREAD.run(conversation_id)}
    shop = both.get(Side.SHOP)
    if shop is None:
        return None
    return Thread(conversation=shop.conversation, shop=shop, buyer=both.get(Side.BUYER))


def deliver(
    thread: Thread,
    messages: Sequence[Message],
    *,
    at: datetime,
    just_written: bool = True,
    files: Sequence[str] = (),
) -> None:
    """Deliver `messages` (written by one side, already inserted) to the other side, at `at`.

    `just_written`: their sender has just written them, so has read the thread; False for a
    held message released later. `files`: the names of their attached files, for the
    preview of a message without text. A buyer's first message may get the shop's automatic
    reply, written here: one more INSERT, every other row is updated once for both.
    """
    sender_side = messages[0].sender_side
    sender, recipient = thread.side(sender_side), thread.other(sender_side)
    conversation = thread.conversation
    first = conversation.message_count == 0
    # A released message's shop may "have sent" only held messages: responsiveness looks.
    shop_had_written = thread.shop.has_sent and just_written
    shop_was_spam = thread.shop.marked_spam_at is not None
    sender_read = just_written and sender is not None and sender.unread_count > 0
    auto = _auto_reply(thread, messages[0], at=at)
    delivered = [*messages, auto] if auto is not None else list(messages)
    _move_thread(conversation, delivered, auto_replied=auto is not None, at=at, files=files)
    if sender is not None:
        _move_sender(
            thread, sender, replies=len(delivered) - len(messages), read=just_written, at=at
        )
    received = _move_recipient(thread, recipient, at=at) if recipient is not None else None
    for message in messages:
        _notify(
            thread, message, received, first=first and message is messages[0], files=bool(files)
        )
    if auto is not None:
        _notify(thread, auto, None, first=False, files=False)
    listeners.delivered(
        Delivered(
            conversation=conversation,
            messages=tuple(delivered),
            shop_marked_spam=thread.shop.marked_spam_at is not None,
            shop_had_written=shop_had_written,
            sender_read=sender_read,
        )
    )
    if shop_was_spam and thread.shop.marked_spam_at is None:
        listeners.threads_changed(ThreadsChanged(conversation_ids=(conversation.pk,)))
    if sender_side == Side.BUYER and conversation.order_id is not None:
        order_buyer_messaged(order=Order(pk=conversation.order_id), at=at)
    # Last: the counter rows are the shop's most shared rows, locked until commit.
    thread.counters.apply()
    announce(
        [p for p in (sender, recipient) if p is not None],
        event="message",
        unread=thread.counters.unread_after,
    )


def _auto_reply(thread: Thread, message: Message, *, at: datetime) -> Message | None:
    """The shop's automatic reply to a buyer's first message in the thread, if it has one."""
    conversation = thread.conversation
    if (
        message.sender_side != Side.BUYER
        or (thread.buyer is not None and thread.buyer.has_sent)
        or conversation.auto_replied_at is not None
    ):
        return None
    text = listeners.auto_reply(
        FirstBuyerMessage(
            conversation=conversation,
            at=at,
            in_spam=thread.shop.folder == Folder.SPAM,
            automatic=message.is_automatic,
        )
    )
    if not text:
        return None
    return Message.objects.create(
        conversation=conversation,
        sender_side=Side.SHOP,
        body=text,
        is_automatic=True,
        created_at=at + timedelta(microseconds=1),  # right after the buyer's message
    )


_MOVE_THREAD = (
    f"UPDATE {Conversation._meta.db_table} SET last_message_at = %s, "  # noqa: S608
    "message_count = message_count + %s, preview = %s WHERE id = %s"
)
_MOVE_THREAD_AUTO_REPLIED = _MOVE_THREAD.replace(
    "preview = %s", "preview = %s, auto_replied_at = %s"
)


def _move_thread(
    conversation: Conversation,
    delivered: Sequence[Message],
    *,
    auto_replied: bool,
    at: datetime,
    files: Sequence[str],
) -> None:
    """The thread's last message time, count and preview (the last message's text)."""
    last = delivered[-1]
    preview = (" ".join(last.body.split()) or ", ".join(files))[:PREVIEW]
    with connection.cursor() as cursor:
        cursor.execute(
            _MOVE_THREAD_AUTO_REPLIED if auto_replied else _MOVE_THREAD,
            [
                at_param(last.created_at),
                len(delivered),
                preview,
                *([at_param(at)] if auto_replied else []),
                conversation.pk,
            ],
        )
    conversation.last_message_at, conversation.preview = last.created_at, preview
    conversation.message_count += len(delivered)
    if auto_replied:
        conversation.auto_replied_at = at


def _move_sender(thread: Thread, sender: Party, *, replies: int, read: bool, at: datetime) -> None:
    """The sender's copy stays in its folder and waits for no answer; `replies` (automatic
    ones) are unread. Having just written, the sender has read everything before."""
    also: dict[str, object] = {"has_sent": True, "last_read_at": at} if read else {}
    unread = replies if read else sender.unread_count + replies
    move(
        sender,
        SideState(folder=sender.folder, unread=unread),
        thread.counters,
        **also,
        last_message_at=thread.conversation.last_message_at,
        awaiting_reply_since=None,
    )


def _move_recipient(thread: Thread, recipient: Party, *, at: datetime) -> SideState:
    """One more unread message; archived or deleted copies come back to the inbox, and a
    copy that comes back is no longer marked spam (rules.still_spam)."""
    after = on_message_received(side_state(recipient))
    also: dict[str, object] = {
        "last_message_at": thread.conversation.last_message_at,
        "awaiting_reply_since": recipient.awaiting_reply_since or at,
    }
    if recipient.marked_spam_at is not None and not still_spam(True, after.folder):
        also["marked_spam_at"] = None
    move(recipient, after, thread.counters, **also)
    return after


def _notify(
    thread: Thread, message: Message, received: SideState | None, *, first: bool, files: bool
) -> None:
    """E-mail the message to its recipients: a website visitor always (e-mail is how they
    read the shop's answers), a side's people unless their copy is in spam (`received`: the
    copy's state; None for an automatic reply, which its buyer reads where they write)."""
    conversation = thread.conversation
    if message.sender_side == Side.SHOP and thread.buyer is None:
        if conversation.visitor_email:
            notify_new_message(conversation, message, first=first, files=files)
    elif received is not None and notifies(received):
        notify_new_message(conversation, message, first=first, files=files)
