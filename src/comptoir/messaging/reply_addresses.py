"""Reply addresses: `reply+<token>@MAIL_REPLY_DOMAIN`, one per recipient and thread.

The token names the thread, the side and the person (a user, or the thread's website
visitor), the day it was issued, and a MAC over all of it with the site's secret. So an
address cannot be guessed, nor edited to reach another thread or to speak as someone
else, and it runs out MAIL_REPLY_MAX_AGE_DAYS after it was issued. It is lower case and
short (an e-mail's local part may hold 64 characters, and some servers lower-case it).

Format of the token: `<thread>-<side><person>-<day>-<mac>`, e.g. `812-b45-20429-3kq…`:
side `s` (shop member), `b` (buyer) or `v` (the visitor; person 0).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

from comptoir.core import clock
from comptoir.messaging.models import Side

PREFIX = "reply+"
_SIDES = {"s": Side.SHOP, "b": Side.BUYER, "v": Side.BUYER}
_TOKEN = re.compile(r"^(\d{1,18})-([sbv])(\d{1,18})-(\d{1,6})-([a-z2-7]{16})$")


@dataclass(frozen=True)
class ReplyTarget:
    """Who may write where, read from a reply address."""

    conversation_id: int
    side: str  # Side.SHOP or Side.BUYER
    user_id: int | None  # None: the thread's website visitor
    issued_day: int


class BadReplyAddress(ValueError):
    """Not one of our reply addresses, forged, or expired (`reason`: "unknown",
    "forged", "expired")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _today() -> int:
    return int(clock.now().timestamp()) // 86400


def _mac(payload: str) -> str:
    key = f"comptoir.reply_address:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:10]  # 80 bits
    return base64.b32encode(digest).decode().lower()


def reply_token(*, conversation_id: int, side: str, user_id: int | None) -> str:
    person = "v0" if user_id is None else ("s" if side == Side.SHOP else "b") + str(user_id)
    payload = f"{conversation_id}-{person}-{_today()}"
    return f"{payload}-{_mac(payload)}"


def reply_address(*, conversation_id: int, side: str, user_id: int | None) -> str:
    """The Reply-To of a notification to this person about this thread; "" when replying
    by e-mail is off (no MAIL_REPLY_DOMAIN)."""
    domain = settings.MAIL_REPLY_DOMAIN
    if not domain:
        return ""
    token = reply_token(conversation_id=conversation_id, side=side, user_id=user_id)
    return f"{PREFIX}{token}@{domain}"


def read_reply_address(address: str) -> ReplyTarget:
    """The thread and person a reply address stands for; BadReplyAddress otherwise.

    Takes the whole address (any domain: the MX may rewrite it) or the local part alone.
    """
    local = address.strip().strip("<>").rpartition("@")[0] or address.strip()
    local = local.lower()
    if not local.startswith(PREFIX):
        raise BadReplyAddress("unknown")
    match = _TOKEN.match(local[len(PREFIX) :])
    if match is None:
        raise BadReplyAddress("unknown")
    thread, side, person, day, mac = match.groups()
    payload = f"{thread}-{side}{person}-{day}"
    if not hmac.compare_digest(mac, _mac(payload)):
        raise BadReplyAddress("forged")
    if _today() - int(day) > settings.MAIL_REPLY_MAX_AGE_DAYS:
        raise BadReplyAddress("expired")
    return ReplyTarget(
        conversation_id=int(thread),
        side=_SIDES[side],
        user_id=None if side == "v" else int(person),
        issued_day=int(day),
    )
