"""An SMTP server that hangs, or is down, never blocks a write and never loses a notification.

A message is posted through the API while a worker speaks to a real SMTP server on
127.0.0.1 in another thread: one that accepts and never answers, one that refuses, then
an aiosmtpd sink that answers.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import Drained, drain, message_id
from tests.mail.smtp import hanging_smtp, smtp_sink
from tests.messaging.conftest import Client_

pytestmark = pytest.mark.django_db(transaction=True)


def post(client: Client_, conversation_id: int, body: str) -> float:
    """Post a message through the API; the seconds it took."""
    started = time.monotonic()
    response = client.post(f"/me/conversations/{conversation_id}/messages", {"body": body})
    took = time.monotonic() - started
    assert response.status_code == 201, response.content
    return took


def drain_in_thread() -> tuple[threading.Thread, list[Drained]]:
    result: list[Drained] = []

    def run() -> None:
        try:
            result.append(drain())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def wait_for(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_writes_go_on_while_smtp_hangs_and_the_mail_goes_out_once_it_answers(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any], smtp_port: int, settings: Any
) -> None:
    settings.EMAIL_TIMEOUT = 3.0
    conversation = inquiry["conversation_id"]
    with hanging_smtp(smtp_port) as accepted:
        worker, result = drain_in_thread()
        wait_for(lambda: accepted)  # the worker is connected, waiting for a greeting
        took = [post(as_buyer, conversation, f"Are you there? ({i})") for i in range(5)]
        assert worker.is_alive()  # the five writes were done while the worker hung
        worker.join()
    assert max(took) < 1.0, took  # before: 20 s and a 500 ("database is locked")
    [drained] = result
    assert (drained.sent, drained.failed) == ([], 1)
    emails = list(OutboxEmail.objects.order_by("id"))
    assert len(emails) == 6  # the question's notification and one per new message
    assert all(e.sent_at is None for e in emails)
    assert "timed out" in emails[0].last_error

    with smtp_sink(smtp_port) as sink, clock.frozen_at(clock.now() + timedelta(minutes=1)):
        assert len(drain().sent) == 6
    assert sink.ids() == {message_id(e): 1 for e in emails}
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


def test_smtp_down_then_up_delivers_the_notification_once(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any], smtp_port: int, settings: Any
) -> None:
    settings.EMAIL_RETRY_BASE = 1.0
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    time.sleep(1.1)  # the write's task is scheduled a second ahead, to batch a burst
    worker.run()  # nobody listens on the port: refused, retried in a second
    [email] = OutboxEmail.objects.all()
    assert (email.attempts, email.sent_at) == (1, None)
    assert "Connection refused" in email.last_error

    with smtp_sink(smtp_port) as sink:
        time.sleep(1.1)
        worker.run()  # the retry the first run scheduled (the task library's run_after)
        worker.run()  # nothing left
    email.refresh_from_db()
    assert email.sent_at is not None
    assert sink.ids() == {message_id(email): 1}
    assert sink.received[0].to == ["seller@example.org"]
