"""WebSocket routes (Channels). Live updates of the inbox register their consumers here."""

from typing import Any

websocket_urlpatterns: list[Any] = []
