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
