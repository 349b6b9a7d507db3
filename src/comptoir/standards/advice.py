"""What a seller can do about each figure: the seeds' best practices, with links to fix it.

From the marketplace's help ("Pratiques d'excellence"): review what buyers say in reviews
and messages, find the common problems, then refine listings, shipping practices,
policies and communication.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comptoir.standards.rules import FlagKind


@dataclass(frozen=True)
class Tip:
    text: Promise
    link_text: Promise
    url_name: str  # a page of the seller's, taking shop_id


GENERAL = [
    Tip(
        _(
            "Read what buyers say in their reviews and messages, and look for the problems "
            "that come back."
        ),
        _("Open your messages"),
        "messaging:shop_inbox",
    ),
    Tip(
        _(
            "Then refine what causes them: your listings, your shipping practices, your "
            "policies and the way you communicate."
        ),
        _("Review your shop's service figures"),
        "responsiveness:dashboard",
    ),
]

BY_FLAG: dict[FlagKind, list[Tip]] = {
    FlagKind.DISSATISFACTION: [
        Tip(
            _(
                "Orders with a case or a 1–2 star review often come from a listing that says "
                "less than the item: check the photos, sizes, colours and materials of the "
                "listings buyers complain about."
            ),
            _("Read the threads about orders"),
            "messaging:shop_inbox",
        ),
        Tip(
            _(
                "Answer a buyer who writes about a problem before they open a case: a "
                "replacement or a refund offered early ends most disputes."
            ),
            _("See the help requests"),
            "messaging:shop_inbox",
        ),
    ],
    FlagKind.LATE_SHIPPING: [
        Tip(
            _(
                "Set processing times you can keep, also in busy weeks, and add tracking to "
                "every shipment."
            ),
            _("Check your shipping on time"),
            "responsiveness:dashboard",
        ),
        Tip(
            _("Going away or overloaded? Turn on vacation mode rather than ship late."),
            _("Vacation mode"),
            "autoreplies:vacation",
        ),
    ],
    FlagKind.UNANSWERED: [
        Tip(
            _(
                "Answer every first message within 24 hours: saved replies and an "
                "auto-reply for the weekend help."
            ),
            _("Set up an auto-reply"),
            "autoreplies:auto_reply",
        ),
        Tip(
            _("Mark thank-you notes as needing no response so they do not count against you."),
            _("See the questions waiting"),
            "messaging:inquiries",
        ),
    ],
    FlagKind.SURGE: [
        Tip(
            _(
                "Orders rose faster than you ship or answer: lengthen processing times or "
                "pause with vacation mode until you catch up."
            ),
            _("Vacation mode"),
            "autoreplies:vacation",
        ),
    ],
}


def tips(shop_id: int, kinds: list[str]) -> list[tuple[str, str, str]]:
    """(advice, link text, link) for the given flag kinds, then the general advice."""
    chosen = [tip for kind in kinds for tip in BY_FLAG.get(FlagKind(kind), [])] + GENERAL
    return [(str(t.text), str(t.link_text), _url(t.url_name, shop_id)) for t in chosen]


def _url(name: str, shop_id: int) -> str:
    return reverse(name, kwargs={"shop_id": shop_id})
