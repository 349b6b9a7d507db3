"""What the browsers hear when a thread changes: which thread, which side, new badges."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Q

from comptoir.core.live import publish
from comptoir.messaging.models import FolderCount, Party, Side
from comptoir.messaging.state import OwnerKey, inbox_key


def buyer_group(user_id: int) -> str:
    return f"live.buyer.{user_id}"


def shop_group(shop_id: int) -> str:
    return f"live.shop.{shop_id}"


def announce(
    parties: Sequence[Party], *, event: str, unread: Mapping[OwnerKey, int] | None = None
) -> None:
    """Tell these sides' open pages that their thread changed (after commit).

    `unread`: inbox unread counts the caller knows (what `Counters.apply` returned); the
    others are read in one query, so a reply that changed both badges reads none."""
    if not parties:
        return
    known = unread or {}
    counts: dict[OwnerKey, int] = {}
    missing = Q()
    for party in parties:
        key = inbox_key(party)
        if key in known:
            counts[key] = known[key]
        elif party.side == Side.SHOP:
            missing |= Q(shop_id=party.shop_id)
        else:
            missing |= Q(buyer_id=party.buyer_id)
    if missing:
        for shop_id, buyer_id, n in FolderCount.objects.filter(missing, folder="inbox").values_list(
            "shop_id", "buyer_id", "unread_threads"
        ):
            counts[(0, shop_id, "inbox") if shop_id is not None else (1, buyer_id, "inbox")] = n
    events: list[tuple[str, dict[str, Any]]] = []
    for party in parties:
        shop_side = party.side == Side.SHOP
        payload = {
            "event": event,
            "side": party.side,
            "shop_id": party.shop_id,
            "conversation_id": party.conversation_id,
            "counts": {"unread_inbox": counts.get(inbox_key(party), 0)},
        }
        group = shop_group(party.shop_id) if shop_side else buyer_group(party.buyer_id)  # type: ignore[arg-type]
        events.append((group, payload))
    publish(events)
