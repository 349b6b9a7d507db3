"""Template helpers for the inbox: short times, names from the reader's side."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comptoir.core import clock
from comptoir.messaging.models import Conversation, Side

register = template.Library()

# What the recipient reads on a message moderation warns about (Message.warnings codes).
WARNING_TEXTS: dict[str, Promise] = {
    "extortion": _(
        "This message seems to tie a review to a reward or a threat. Reviews must stay "
        "honest: you never have to change one, and you can report this."
    ),
    "off_platform": _(
        "This message asks you to pay or talk outside the marketplace. Payments outside are "
        "not protected: keep paying and talking here, never log in from a link in a message, "
        "and you can report this."
    ),
    "advertising": _(
        "This message looks like advertising. A shop may send you news and offers only if "
        "you agreed to receive them; you can report this."
    ),
}


@register.filter
def when(moment: datetime | None) -> str:
    """Today: the time; this year: day and month; else the short date (viewer's zone)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    now = timezone.localtime(clock.now())
    if local.date() == now.date():
        return date_format(local, "TIME_FORMAT")
    if local.year == now.year:
        return date_format(local, "MONTH_DAY_FORMAT")
    return date_format(local, "SHORT_DATE_FORMAT")


@register.filter
def other_side_name(conversation: Conversation, side: str) -> str:
    """Who the reader is talking to: the shop for a buyer, the buyer (or visitor) for a shop."""
    if side == Side.BUYER:
        return conversation.shop.name
    if conversation.buyer is not None:
        return str(conversation.buyer)
    return conversation.visitor_name or conversation.visitor_email


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key, "")


@register.simple_tag
def subject_of(conversation: Conversation) -> str:
    """The thread's subject in the reader's language (see messaging.subjects)."""
    from comptoir.messaging.subjects import display_subject

    return display_subject(conversation)


@register.filter
def warning_texts(codes: list[str] | None) -> list[str]:
    """The recipient's warnings in words (unknown codes are left out)."""
    return [str(WARNING_TEXTS[c]) for c in codes or () if c in WARNING_TEXTS]
