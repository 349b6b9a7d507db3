"""Live updates: publish to browser groups after commit; fan out in the live process.

With Redis (`REDIS_URL`) events go straight to the Redis channel layer once the writer's
transaction commits. Without it, the in-memory channel layer cannot cross processes (web
workers serve HTTP, a separate process serves WebSockets), so events are written to the
`LiveEvent` table in the writer's transaction and the live process relays them.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.db import transaction
from django.utils import timezone

from comptoir.core.models import LiveEvent
from comptoir.core.sql import insert_many

logger = logging.getLogger("comptoir.live")
RELAY_EVERY = 0.25  # seconds
KEEP = timedelta(minutes=2)


def _through_table() -> bool:
    return isinstance(get_channel_layer(), InMemoryChannelLayer)


def publish(events: list[tuple[str, dict[str, Any]]]) -> None:
    """Tell the browsers in each group, once (and only if) the current transaction commits."""
    if not events:
        return
    if _through_table():
        insert_many(LiveEvent, [{"group": g, "payload": p} for g, p in events])
        return
    layer = get_channel_layer()

    def send() -> None:
        for group, payload in events:
            try:
                async_to_sync(layer.group_send)(group, {"type": "live.event", "payload": payload})
            except Exception:  # a live update must never break a write
                logger.warning("live update to %s failed", group, exc_info=True)

    transaction.on_commit(send)


def _fetch_after(last_id: int) -> tuple[list[tuple[int, str, Any]], int]:
    rows = list(
        LiveEvent.objects.filter(id__gt=last_id)
        .order_by("id")
        .values_list("id", "group", "payload")[:500]
    )
    if rows:
        return rows, rows[-1][0]
    return rows, last_id


def _latest_id() -> int:
    latest = LiveEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return latest or 0


def _prune() -> None:
    LiveEvent.objects.filter(created_at__lt=timezone.now() - KEEP).delete()


_relay_task: asyncio.Task[None] | None = None


async def _relay() -> None:
    layer = get_channel_layer()
    last_id = await sync_to_async(_latest_id)()
    rounds = 0
    while True:
        try:
            rows, last_id = await sync_to_async(_fetch_after)(last_id)
            for _id, group, payload in rows:
                await layer.group_send(group, {"type": "live.event", "payload": payload})
            rounds += 1
            if rounds % 240 == 0:  # about once a minute
                await sync_to_async(_prune)()
        except Exception:
            logger.warning("live relay failed; retrying", exc_info=True)
        await asyncio.sleep(RELAY_EVERY)


def ensure_relay() -> None:
    """Start the table relay in this (live) process, once, when the layer is in-memory."""
    global _relay_task
    if not _through_table():
        return
    if _relay_task is None or _relay_task.done():
        _relay_task = asyncio.get_running_loop().create_task(_relay())
