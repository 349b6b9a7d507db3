"""Where apps to the right of messaging (auto-replies) plug into sending, without messaging
depending on them: they register a function at start-up (their AppConfig.ready)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from comptoir.messaging.models import Conversation


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
