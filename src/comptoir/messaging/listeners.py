"""How apps to the right of messaging hear about messages: one typed listener protocol.

Messaging must not import moderation, autoreplies or responsiveness (dependencies point one
way), yet they act inside messaging's writing transaction. Each of them registers one
`Listener` in its AppConfig.ready (`register(...)`); messaging calls every registered
listener with frozen events, inside the transaction, so what a listener writes commits or
rolls back with the messages (decision 0011).

The call order is fixed by each listener's `order`, never by INSTALLED_APPS:

    10  moderation       screen, screened
    20  autoreplies      auto_reply
    30  responsiveness   delivered, threads_changed
    40  messaging.webhook_events   delivered, moved, ticket_status_changed (the webhooks)

A new listener takes the next free number (50, 60, …) and is added to this list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from comptoir.messaging.models import Conversation, Message

# --- Events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingMessage:
    """A person's message about to be written (automatic replies are not screened)."""

    conversation: Conversation  # with its shop loaded; not saved yet for a new thread's
    sender_side: str
    body: str
    marketing: bool  # sent as the shop's news or offer, to a buyer who consents


@dataclass(frozen=True)
class Screening:
    """What a screener decided: warnings shown to the recipient, or hold the message.

    `detail` is the screener's own record (its findings), handed back in `Screened` once the
    message has an id.
    """

    warnings: tuple[str, ...] = ()
    hold: bool = False
    detail: object = None

    @property
    def clean(self) -> bool:
        return not self.warnings and not self.hold


CLEAN = Screening()


@dataclass(frozen=True)
class Screened:
    """A message a screener did not find clean, just written (held or delivered)."""

    message: Message
    conversation: Conversation
    screening: Screening


@dataclass(frozen=True)
class FirstBuyerMessage:
    """A buyer's (or visitor's) first message in a thread, being delivered."""

    conversation: Conversation  # with its shop loaded
    at: datetime
    in_spam: bool  # the shop's copy of the thread is in spam
    automatic: bool  # the message itself was sent by a machine (auto-responder)


@dataclass(frozen=True)
class Delivered:
    """Messages that reached the other side of a thread (oldest first; an automatic reply
    after the message it answers)."""

    conversation: Conversation
    messages: tuple[Message, ...]
    shop_marked_spam: bool  # the shop's copy is marked spam (after this delivery)
    shop_had_written: bool  # the shop had sent a message in this thread before these
    # (False when unsure: a released message, whose shop may have sent only held ones)
    sender_read: bool = False  # the sender's copy had unread messages; writing read them


@dataclass(frozen=True)
class ThreadsChanged:
    """The shop marked or unmarked these threads as spam (a new message brought a thread
    marked spam back to the inbox, too), or marked some of their buyer messages as needing
    no response."""

    conversation_ids: tuple[int, ...]


@dataclass(frozen=True)
class Move:
    """One copy of a thread before and after its side acted on it."""

    conversation_id: int
    folder_before: str
    folder_after: str
    unread_before: int
    unread_after: int

    @property
    def read(self) -> bool:
        """The side read the thread: it had unread messages and has none now."""
        return self.unread_before > 0 and self.unread_after == 0

    @property
    def moved(self) -> bool:
        return self.folder_before != self.folder_after


@dataclass(frozen=True)
class ThreadsMoved:
    """One side (a buyer, or a shop through a member) acted on its copies of threads: read
    or unread, archive, spam, trash, restore, delete forever. One event per action, however
    many threads it took."""

    side: str
    action: str
    moves: tuple[Move, ...]
    at: datetime


@dataclass(frozen=True)
class TicketStatusChanged:
    """A support ticket was closed (by the shop) or reopened (by the buyer, or by their
    reply). Its opening is the thread's first message."""

    conversation: Conversation
    status_before: str
    status: str
    side: str  # who changed it
    at: datetime


# --- The protocol ---------------------------------------------------------------------------


class Listener:
    """What an app may do when messaging writes; every method does nothing by default.

    Subclasses set a unique `order` (see the module's list) and override what they need.
    """

    order: ClassVar[int]

    def screen(self, message: OutgoingMessage) -> Screening | None:
        """Warn about or hold a person's message before it is written; None: no opinion."""
        return None

    def screened(self, event: Screened) -> None:
        """A message `screen` did not find clean was written (it now has an id)."""

    def auto_reply(self, message: FirstBuyerMessage) -> str | None:
        """The text of the shop's automatic reply to this first message, or None."""
        return None

    def delivered(self, event: Delivered) -> None:
        """Messages reached their recipient: previews and folders have moved (the folder
        counters move after the listeners, last in the transaction)."""

    def threads_changed(self, event: ThreadsChanged) -> None:
        """Spam or "no response needed" marks changed on these threads."""

    def moved(self, event: ThreadsMoved) -> None:
        """A side changed the folder or read state of its copies of threads."""

    def ticket_status_changed(self, event: TicketStatusChanged) -> None:
        """A support ticket was closed or reopened."""


_listeners: list[Listener] = []


def register(listener: Listener) -> None:
    """Add `listener` at its place in the order (registering its class again replaces it)."""
    kept = [x for x in _listeners if type(x) is not type(listener)]
    taken = {x.order: x for x in kept}
    if listener.order in taken:
        raise ValueError(
            f"listener order {listener.order} is taken by {type(taken[listener.order]).__name__}"
        )
    _listeners[:] = sorted([*kept, listener], key=lambda x: x.order)


def registered() -> Sequence[Listener]:
    """The listeners, in the order they are called."""
    return tuple(_listeners)


# --- Calling them (messaging's side) ------------------------------------------------------


def screen(message: OutgoingMessage) -> Screening:
    """Every screener's decision, together: all warnings, held if any holds."""
    results = [r for r in (x.screen(message) for x in _listeners) if r is not None]
    if not results:
        return CLEAN
    if len(results) == 1:
        return results[0]
    warnings: list[str] = []
    for r in results:
        warnings += [w for w in r.warnings if w not in warnings]
    return Screening(
        warnings=tuple(warnings),
        hold=any(r.hold for r in results),
        detail=[r.detail for r in results],
    )


def screened(event: Screened) -> None:
    for listener in _listeners:
        listener.screened(event)


def auto_reply(message: FirstBuyerMessage) -> str | None:
    """The first listener's answer in the order, or None."""
    for listener in _listeners:
        text = listener.auto_reply(message)
        if text:
            return text
    return None


def delivered(event: Delivered) -> None:
    for listener in _listeners:
        listener.delivered(event)


def threads_changed(event: ThreadsChanged) -> None:
    for listener in _listeners:
        listener.threads_changed(event)


def moved(event: ThreadsMoved) -> None:
    for listener in _listeners:
        listener.moved(event)


def ticket_status_changed(event: TicketStatusChanged) -> None:
    for listener in _listeners:
        listener.ticket_status_changed(event)
