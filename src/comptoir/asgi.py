"""ASGI entry point, kept for WebSockets (Channels); plain HTTP goes through WSGI."""

import os

from channels.routing import ProtocolTypeRouter, URLRouter
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")

django_asgi_app = get_asgi_application()

from comptoir.routing import websocket_urlpatterns  # noqa: E402  (needs apps loaded)

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter(websocket_urlpatterns),
    }
)
