"""Every person's message passes here before messaging writes it (``messaging.listeners``).

The scorer (``scoring.py``) reads the text; ``decide`` turns its verdict into what
messaging does: warn the recipient, or hold the message (advertising by a shop to a buyer
who did not consent, outside a marketing send). A non-clean message comes back to the
listener's ``screened`` with its id, and ``flag_screened`` writes its ``Flag`` with the
evidence in the same transaction.

Cost: the scorer is pure; the context costs at most one query per message (the buyer's
consent, asked only when a shop writes and may send promotions). The order's state is
passed when the thread already holds the order loaded, not fetched (no rule reads it yet).
No audit line is written here: the flag is the record of an automatic decision, the audit
log records what people do with it (services.py).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from comptoir.consent.selectors import has_consent
from comptoir.core import clock
from comptoir.messaging.listeners import Listener, OutgoingMessage, Screened, Screening
from comptoir.messaging.models import Conversation, Side
from comptoir.moderation.models import Flag
from comptoir.moderation.scoring import Category, Context, Verdict, score


@dataclass(frozen=True)
class Decision:
    warnings: tuple[str, ...]
    hold: bool


def decide(
    categories: Iterable[str], *, sender_side: str, marketing: bool, consent: bool
) -> Decision:
    """What happens to a message the scorer flagged in `categories` (pure).

    Every flagged category is a warning to the recipient, in a fixed order. Advertising is
    no problem for a buyer who consents or in a marketing send (both consent-checked); from
    a shop to anyone else the message is held until Trust & Safety looks at it.
    """
    flagged = set(categories)
    if consent or marketing:
        flagged.discard(Category.ADVERTISING.value)
    warnings = tuple(c.value for c in Category if c.value in flagged)
    hold = Category.ADVERTISING.value in flagged and sender_side == Side.SHOP
    return Decision(warnings=warnings, hold=hold)


def _domain_like(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return "." in host
    return False


@lru_cache(maxsize=4)
def _marketplace_domains(site_url: str) -> tuple[str, ...]:
    """The marketplace's own host (SITE_URL); the scorer's default for a bare IP/localhost."""
    host = (urlsplit(site_url).hostname or "").lower().removeprefix("www.")
    if host and _domain_like(host):
        return (host,)
    return Context().marketplace_domains


def _consent(conversation: Conversation, sender_side: str, marketing: bool) -> bool:
    """Whether the buyer takes the shop's marketing (one query, only when it matters)."""
    if sender_side != Side.SHOP:
        return False
    if marketing:
        return True  # marketing_message_send checked it, with the consent row locked
    if conversation.buyer_id is None or not conversation.shop.may_send_promotions:
        return False
    return has_consent(buyer_id=conversation.buyer_id, shop_id=conversation.shop_id)


def context_of(event: OutgoingMessage, *, consent: bool) -> Context:
    conversation = event.conversation
    order_state = None
    if conversation.order_id is not None and Conversation.order.is_cached(conversation):
        order = conversation.order
        order_state = order.status if order is not None else None
    return Context(
        sender="shop" if event.sender_side == Side.SHOP else "buyer",
        about_order=conversation.order_id is not None,
        order_state=order_state,
        marketing_consent=consent,
        marketplace_domains=_marketplace_domains(settings.SITE_URL),
        shop_domain=None,  # shops have no domain of their own yet
    )


def screen(event: OutgoingMessage) -> Screening | None:
    """The screener messaging calls (see `Moderation`)."""
    consent = _consent(event.conversation, event.sender_side, event.marketing)
    verdict = score(event.body, context_of(event, consent=consent))
    if not verdict.flagged:
        return None
    decision = decide(
        (c.value for c in verdict.categories),
        sender_side=event.sender_side,
        marketing=event.marketing,
        consent=consent,
    )
    if not decision.warnings and not decision.hold:
        return None
    return Screening(warnings=decision.warnings, hold=decision.hold, detail=verdict)


def _verdict(detail: object) -> Verdict | None:
    if isinstance(detail, Verdict):
        return detail
    if isinstance(detail, list):  # several screeners: each one's detail
        return next((d for d in detail if isinstance(d, Verdict)), None)
    return None


def findings_data(verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {
            "category": f.category.value,
            "rule": f.rule,
            "phrase": f.phrase,
            "start": f.start,
            "end": f.end,
            "weight": f.weight,
        }
        for f in verdict.findings
    ]


def flag_screened(event: Screened) -> None:
    """Write the message's flag with the scorer's evidence (one INSERT, same transaction)."""
    verdict = _verdict(event.screening.detail)
    if verdict is None:
        return
    message, conversation = event.message, event.conversation
    categories = [c for c in event.screening.warnings if c in Category._value2member_map_]
    Flag.objects.create(
        message=message,
        conversation_id=conversation.id,
        shop_id=conversation.shop_id,
        sender_side=message.sender_side,
        categories=categories,
        findings=findings_data(verdict),
        outcome=Flag.Outcome.HELD if message.held else Flag.Outcome.WARNED,
        created_at=clock.now(),
    )


class Moderation(Listener):
    """Moderation's listener on messaging (registered in ModerationConfig.ready): first in
    the order, so what it holds is never auto-replied to or counted as delivered."""

    order = 10

    def screen(self, message: OutgoingMessage) -> Screening | None:
        return screen(message)

    def screened(self, event: Screened) -> None:
        flag_screened(event)
