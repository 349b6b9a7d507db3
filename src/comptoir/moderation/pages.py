"""Moderation in words: the scorer's codes as sentences, and a message cut into the pieces
to highlight. Pure (no queries); the console and the API both read from here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CATEGORY_TEXTS: dict[str, Promise] = {
    "extortion": _("Review extortion"),
    "off_platform": _("Off-platform contact or payment"),
    "advertising": _("Advertising without consent"),
}

# "<category>.<rule>" → what the rule saw, said as a sentence.
RULE_TEXTS: dict[str, Promise] = {
    "extortion.review_for_reward": _("Offers something in exchange for a review"),
    "extortion.review_threat": _("Threatens a bad review, or ties a rating to a demand"),
    "extortion.review_held_over": _("Holds the buyer's review over the shop (“unless…”)"),
    "extortion.rating_near_offer": _("Mentions a top rating next to an offer"),
    "extortion.review_ultimatum": _(
        "Sets a deadline, then threatens a bad review (“until tomorrow, then…”)"
    ),
    "extortion.revision_request": _("Asks for a review to be changed and offers something with it"),
    "off_platform.western_union": _("Asks for payment by money transfer (Western Union, …)"),
    "off_platform.friends_and_family": _("Asks for a PayPal “friends and family” payment"),
    "off_platform.gift_card": _("Asks for payment in gift cards or prepaid codes"),
    "off_platform.crypto": _("Asks for payment in cryptocurrency"),
    "off_platform.blik_to_phone": _("Asks for a BLIK payment to a phone number"),
    "off_platform.qr_payment": _("Mentions paying by QR code"),
    "off_platform.bank_transfer": _("Mentions a bank transfer"),
    "off_platform.paypal": _("Mentions PayPal"),
    "off_platform.payment_app": _(
        "Mentions paying with a person-to-person app (Revolut, Lydia, Venmo…)"
    ),
    "off_platform.private_payment": _(
        "Arranges payment privately: between the two parties, to a personal account, "
        "or to avoid the marketplace's fees"
    ),
    "off_platform.fee_avoidance": _("Suggests avoiding the marketplace's fees or commission"),
    "off_platform.sms_contact": _("Moves the conversation to text messages (SMS)"),
    "off_platform.pay_word": _("Talks about paying"),
    "off_platform.iban": _("Gives a bank account number (IBAN)"),
    "off_platform.bank_account": _("Gives a bank account number (NRB, RIB or sort code)"),
    "off_platform.code_request": _(
        "Asks to be sent a code received by text message or e-mail (a one-time code)"
    ),
    "off_platform.card_details": _("Asks for card details (card number, CVV)"),
    "off_platform.messaging_app": _("Moves the conversation to a messaging app"),
    "off_platform.outside_platform": _("Suggests dealing outside the marketplace"),
    "off_platform.contact_request": _("Asks for an e-mail address or phone number"),
    "off_platform.contact_shared": _("Shares an e-mail address or phone number"),
    "off_platform.contact_for_payment": _(
        "Asks for an e-mail address or phone number to arrange a payment"
    ),
    "off_platform.credentials_wording": _("Uses account-verification wording (log in, verify…)"),
    "off_platform.lookalike_domain": _("Links to a site that imitates the marketplace"),
    "off_platform.unknown_link": _("Links to an unknown site"),
    "off_platform.carrier_lookalike": _(
        "Links to a site that uses a carrier's name but is not theirs"
    ),
    "off_platform.payment_link": _("Links to a payment service, outside the marketplace"),
    "off_platform.phishing_lure": _(
        "Links to an unknown site with a lure: a parcel fee, an account check, money to collect"
    ),
    "advertising.promotion": _("Promotional wording"),
    "advertising.requested_by_buyer": _("The buyer asked for it (clears advertising)"),
    "advertising.order_apology": _("An apology about the order (clears advertising)"),
    "advertising.answers_buyer": _(
        "Answers the buyer about their basket or a code (clears advertising)"
    ),
}

# The audit log's lines written by moderation (for the audit page's filter).
VERBS: dict[str, Promise] = {
    "moderation.dismissed": _("Moderation flag dismissed"),
    "moderation.confirmed": _("Moderation flag confirmed"),
    "moderation.released": _("Held message released"),
    "moderation.rejected": _("Held message rejected"),
    "moderation.report_closed": _("Message report closed"),
    "moderation.flag_read": _("Flagged message read"),
}


def category_text(code: str) -> str:
    return str(CATEGORY_TEXTS.get(code, code))


def rule_text(category: str, rule: str) -> str:
    return str(RULE_TEXTS.get(f"{category}.{rule}", f"{category}.{rule}"))


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool = False
    title: str = ""


def _located(text: str, finding: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the finding's phrase is in `text` (its offsets, or found again by its words)."""
    start, end, phrase = finding.get("start"), finding.get("end"), finding.get("phrase", "")
    if not phrase:
        return None
    if isinstance(start, int) and isinstance(end, int) and text[start:end] == phrase:
        return start, end
    at = text.find(phrase)
    return (at, at + len(phrase)) if at >= 0 else None


def evidence(findings: Iterable[Mapping[str, Any]], categories: Iterable[str]) -> list[Any]:
    """The findings that made the flag (positive weight in a flagged category), strongest
    first, and the rest (weaker or clearing signals), each with its sentence."""
    flagged = set(categories)
    rows = [
        {
            **f,
            "category_text": category_text(f["category"]),
            "rule_text": rule_text(f["category"], f["rule"]),
            "decisive": f["category"] in flagged and f.get("weight", 0) > 0,
        }
        for f in findings
    ]
    rows.sort(key=lambda r: (not r["decisive"], -r.get("weight", 0), r.get("start", 0)))
    return rows


def highlight(text: str, findings: Iterable[Mapping[str, Any]]) -> list[Piece]:
    """`text` in pieces, the findings' phrases marked (overlaps merged), each marked piece
    titled with the sentences of the rules that point at it."""
    spans: list[tuple[int, int, str]] = []
    for f in findings:
        where = _located(text, f)
        if where is not None and where[1] > where[0]:
            spans.append((*where, rule_text(f["category"], f["rule"])))
    spans.sort()
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, title in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            titles = last[2] if title in last[2] else [*last[2], title]
            merged[-1] = (last[0], max(last[1], end), titles)
        else:
            merged.append((start, end, [title]))
    pieces: list[Piece] = []
    at = 0
    for start, end, titles in merged:
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], marked=True, title="; ".join(titles)))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def decisive(findings: Iterable[Mapping[str, Any]], categories: Iterable[str]) -> list[Any]:
    flagged = set(categories)
    return [f for f in findings if f["category"] in flagged and f.get("weight", 0) > 0]
