"""Webhook test helpers: a real HTTP receiver on 127.0.0.1, endpoints made by the service."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import CreatedEndpoint, endpoint_create
from comptoir.webhooks.tasks import deliver
from tests.api.conftest import anonymous_api, api, integration_user  # noqa: F401 (fixtures)


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """An HTTP server in a thread that records each request and answers the next status."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.answers: deque[tuple[int, dict[str, str]]] = deque()
        self.received = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.requests.append(
                    Received("POST", self.path, dict(self.headers.items()), body)
                )
                status, headers = receiver.answers.popleft() if receiver.answers else (200, {})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                reply = b"nope" if status >= 400 else b"ok"
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)
                receiver.received.set()

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet test output

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hooks/comptoir"

    def answer(self, *statuses: int, headers: dict[str, str] | None = None) -> None:
        self.answers.extend((status, headers or {}) for status in statuses)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    # The receiver is on this machine: staff list it, as they would an internal receiver.
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.1"]
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def hook(integration_user: User, receiver: Receiver) -> CreatedEndpoint:  # noqa: F811
    """An endpoint at the receiver, subscribed to every event."""
    return endpoint_create(user=integration_user, url=receiver.url)


def run_first_attempts() -> list[bool]:
    """Run the delivery tasks that were queued, as the worker would."""
    return [deliver.call(d.id) for d in Delivery.objects.filter(attempts=0).order_by("id")]
