"""The unsubscribe link in every marketing message: signed, no login, valid for good.

The token names the buyer and the shop (and what the message was, for the record); the
signature (SECRET_KEY) stops anyone from withdrawing someone else's consent by guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

from comptoir.core.outbox import site_link

SALT = "comptoir.consent.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    buyer_id: int
    shop_id: int
    reference: str = ""


def unsubscribe_token(*, buyer_id: int, shop_id: int, reference: str = "") -> str:
    return signing.dumps({"b": buyer_id, "s": shop_id, "r": reference}, salt=SALT, compress=True)


def unsubscribe_path(*, buyer_id: int, shop_id: int, reference: str = "") -> str:
    token = unsubscribe_token(buyer_id=buyer_id, shop_id=shop_id, reference=reference)
    return f"/unsubscribe/{token}/"


def unsubscribe_url(*, buyer_id: int, shop_id: int, reference: str = "") -> str:
    return site_link(unsubscribe_path(buyer_id=buyer_id, shop_id=shop_id, reference=reference))


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    """What a token asks, or None when it was not signed by us (or was changed)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    try:
        return Unsubscribe(
            buyer_id=int(data["b"]), shop_id=int(data["s"]), reference=str(data["r"])
        )
    except (KeyError, TypeError, ValueError):
        return None
