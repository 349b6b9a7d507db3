"""The inbox's WebSocket: a signed-in person hears about their own threads and shops."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from comptoir.accounts.two_factor import session_owes_second_factor
from comptoir.core.live import ensure_relay
from comptoir.messaging.live import buyer_group, shop_group
from comptoir.shops.access import member_shop_ids


class InboxConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        session = self.scope.get("session") or {}
        if await database_sync_to_async(session_owes_second_factor)(user, session):
            await self.close(code=4403)  # staff hear nothing before their second factor
            return
        shop_ids = await database_sync_to_async(member_shop_ids)(user)
        self.groups_joined = [buyer_group(user.id), *(shop_group(s) for s in shop_ids)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        ensure_relay()
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def live_event(self, event: dict[str, Any]) -> None:
        await self.send_json(event["payload"])
