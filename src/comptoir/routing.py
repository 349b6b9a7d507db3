"""WebSocket routes, served by the live (ASGI) process."""

from django.urls import path

from comptoir.messaging.consumers import InboxConsumer

websocket_urlpatterns = [
    path("ws/inbox/", InboxConsumer.as_asgi()),
]
