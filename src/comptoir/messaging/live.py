"""What the browsers hear when a thread changes: which thread, which side, new badges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from comptoir.core.live import publish
from comptoir.messaging.models import FolderCount, Party, Side


def buyer_group(user_id: int) -> str:
    return f"live.buyer.{user_id}"


def shop_group(shop_id: int) -> str:
    return f"live.shop.{shop_id}"


def announce(parties: Sequence[Party], *, event: str) -> None:
    """Tell these sides' open pages that their thread changed (after commit; 2 queries)."""
    if not parties:
        return
    owners = Q()
    for party in parties:
        if party.side == Side.SHOP:
            owners |= Q(shop_id=party.shop_id)
        else:
            owners |= Q(buyer_id=party.buyer_id)
    unread: dict[tuple[int | None, int | None], int] = {
        (shop_id, buyer_id): n
        for shop_id, buyer_id, n in FolderCount.objects.filter(owners, folder="inbox").values_list(
            "shop_id", "buyer_id", "unread_threads"
        )
    }
    events: list[tuple[str, dict[str, Any]]] = []
    for party in parties:
        shop_side = party.side == Side.SHOP
        key: tuple[int | None, int | None] = (
            (party.shop_id, None) if shop_side else (None, party.buyer_id)
        )
        payload = {
            "event": event,
            "side": party.side,
            "shop_id": party.shop_id,
            "conversation_id": party.conversation_id,
            "counts": {"unread_inbox": unread.get(key, 0)},
        }
        group = shop_group(party.shop_id) if shop_side else buyer_group(party.buyer_id)  # type: ignore[arg-type]
        events.append((group, payload))
    publish(events)
