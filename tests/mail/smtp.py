"""Real SMTP servers on 127.0.0.1 for the outbox tests: a sink (aiosmtpd) and one that hangs."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    message_id: str
    to: list[str]
    subject: str
    peer: str  # the client's address and port: one per SMTP connection


@dataclass
class Sink:
    """An aiosmtpd handler that keeps what it accepted; it can hold one recipient back."""

    received: list[Received] = field(default_factory=list)
    rcpts: int = 0
    hold_at: int | None = None  # the n-th RCPT TO waits until `release` is set
    refuse: set[str] = field(default_factory=set)  # addresses answered 550
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        self.rcpts += 1
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        if self.hold_at == self.rcpts:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content)
        self.received.append(
            Received(
                str(message["Message-ID"]),
                list(envelope.rcpt_tos),
                str(message["Subject"]),
                str(session.peer),
            )
        )
        return "250 Message accepted for delivery"

    def ids(self) -> Counter[str]:
        return Counter(r.message_id for r in self.received)


@contextmanager
def smtp_sink(port: int) -> Iterator[Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink
    finally:
        sink.release.set()
        controller.stop()


@contextmanager
def hanging_smtp(port: int) -> Iterator[list[socket.socket]]:
    """Accepts connections and never says a word (not even the greeting)."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield accepted
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()
