"""Where apps to the right of messaging (auto-replies, responsiveness) plug into it, without
messaging depending on them: they register at start-up (their AppConfig.ready).

* `on_first_buyer_message`: a function that may return the text of an automatic reply,
  which messaging writes in its own transaction (decision 0011).
* `messages_posted` and `threads_changed`: Django signals sent inside the writing
  transaction, so what a receiver writes commits or rolls back with the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.dispatch import Signal

from comptoir.messaging.models import Conversation

# sender=Conversation; conversation=<Conversation>, messages=[<Message>, …] (oldest first,
# an automatic reply after the message it answers), shop_marked_spam=<bool>,
# shop_had_written=<bool: the shop had sent a message in this thread before these>.
messages_posted = Signal()

# sender=Conversation; conversation_ids=[…]: the shop marked or unmarked these threads as
# spam, or marked some of their buyer messages as needing no response.
threads_changed = Signal()


@dataclass(frozen=True)
class FirstBuyerMessage:
    """A buyer's (or visitor's) first message in a thread, about to be written."""

    conversation: Conversation  # with its shop loaded
    at: datetime
    in_spam: bool  # the shop's copy of the thread is in spam
    automatic: bool  # the message itself was sent by a machine (auto-responder)


Answer = Callable[[FirstBuyerMessage], str | None]
_answers: list[Answer] = []


def on_first_buyer_message(answer: Answer) -> None:
    """Register `answer`: it returns the text of an automatic reply, or None."""
    if answer not in _answers:
        _answers.append(answer)


def automatic_answer(event: FirstBuyerMessage) -> str | None:
    for answer in _answers:
        text = answer(event)
        if text:
            return text
    return None


# --- Screening (moderation) ---------------------------------------------------------------


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

    `detail` is the screener's own record (its findings), handed back through
    `message_screened` once the message has an id.
    """

    warnings: tuple[str, ...] = ()
    hold: bool = False
    detail: object = None

    @property
    def clean(self) -> bool:
        return not self.warnings and not self.hold


CLEAN = Screening()
Screen = Callable[[OutgoingMessage], Screening | None]
_screens: list[Screen] = []

# sender=Message; message=<Message>, conversation=<Conversation>, screening=<Screening>:
# sent in the writing transaction for every message a screener did not find clean.
message_screened = Signal()


def on_outgoing_message(screen: Screen) -> None:
    """Register `screen`: it returns a Screening, or None when it has nothing to say."""
    if screen not in _screens:
        _screens.append(screen)


def screen_message(event: OutgoingMessage) -> Screening:
    """Every screener's decision, together (one screener today: moderation)."""
    results = [r for r in (screen(event) for screen in _screens) if r is not None]
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
