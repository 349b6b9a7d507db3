"""The ASGI entry point keeps a WebSocket path for live updates; HTTP goes through WSGI."""

from comptoir.asgi import application


def test_the_asgi_app_routes_websockets_and_http() -> None:
    assert set(application.application_mapping) == {"http", "websocket"}
