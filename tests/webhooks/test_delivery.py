"""Emitting an event: written with its cause, POSTed signed to a real server, retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from comptoir.accounts.models import User
from comptoir.core import clock, periodic
from comptoir.webhooks import events
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import CreatedEndpoint, UnknownEvent, emit, endpoint_create
from comptoir.webhooks.signing import BACKOFF, MAX_ATTEMPTS, verify
from comptoir.webhooks.tasks import LEASE, attempt, claim, deliver, retry_due
from tests.webhooks.conftest import Receiver, run_first_attempts

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
EVENT = "test.parcel_sent"
OTHER = "test.parcel_lost"
PAYLOAD = {"shop_id": "shop-1", "parcel": {"tracking": "LP123", "weight_kg": 1.5}}


@pytest.fixture(autouse=True)
def _test_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(events.EVENTS, EVENT, "A parcel left the shop.")
    monkeypatch.setitem(events.EVENTS, OTHER, "A parcel was lost.")


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with clock.frozen_at(T0):
        yield


def later(delta: timedelta) -> datetime:
    return clock.now() + delta


def test_emit_writes_the_delivery_and_its_task_in_the_callers_transaction(
    hook: CreatedEndpoint,
) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert delivery.endpoint_id == hook.endpoint.id
    assert delivery.next_attempt_at == T0
    assert delivery.status == Delivery.Status.PENDING
    task = DBTaskResult.objects.get(task_path="comptoir.webhooks.tasks.deliver")
    assert task.args_kwargs["args"] == [delivery.id]


def test_the_receiver_gets_the_body_and_headers_and_verifies_the_signature(
    hook: CreatedEndpoint, receiver: Receiver
) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    before = int(time.time())
    assert run_first_attempts() == [True]

    [got] = receiver.requests
    assert got.method == "POST"
    assert got.path == "/hooks/comptoir"
    assert json.loads(got.body) == {
        "id": str(delivery.event_id),
        "event": EVENT,
        "created_at": "2026-06-15T12:00:00+00:00",
        "data": PAYLOAD,
    }
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["User-Agent"] == "Comptoir-Webhooks/1"
    assert got.headers["X-Comptoir-Event"] == EVENT
    assert got.headers["X-Comptoir-Delivery"] == str(delivery.event_id)
    timestamp = got.headers["X-Comptoir-Timestamp"]
    assert before <= int(timestamp) <= int(time.time())
    # What a receiver does, written independently of Comptoir's code:
    expected = hmac.new(
        hook.secret.encode(), timestamp.encode() + b"." + got.body, hashlib.sha256
    ).hexdigest()
    assert got.headers["X-Comptoir-Signature"] == f"sha256={expected}"
    assert verify(
        hook.secret, timestamp, got.body, got.headers["X-Comptoir-Signature"], now=time.time()
    )
    assert not verify(
        "whsec_other", timestamp, got.body, got.headers["X-Comptoir-Signature"], now=time.time()
    )

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.delivered_at == T0
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.next_attempt_at is None


def test_running_the_task_twice_sends_once(hook: CreatedEndpoint, receiver: Receiver) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert deliver.call(delivery.id) is True
    assert deliver.call(delivery.id) is False
    assert retry_due() == 0
    assert len(receiver.requests) == 1


def test_a_500_is_retried_after_the_backoff_then_delivered(
    hook: CreatedEndpoint, receiver: Receiver
) -> None:
    receiver.answer(500)
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert run_first_attempts() == [False]

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING
    assert delivery.attempts == 1
    assert delivery.last_status_code == 500
    assert delivery.last_error.startswith("HTTP 500")
    assert delivery.next_attempt_at == T0 + BACKOFF[0]

    assert retry_due() == 0  # not due yet
    with clock.frozen_at(T0 + BACKOFF[0]):
        assert retry_due() == 1

    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["X-Comptoir-Delivery"] == second.headers["X-Comptoir-Delivery"]
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.attempts == 2
    assert delivery.last_status_code == 200
    assert delivery.last_error == ""


def test_it_gives_up_after_the_last_attempt(hook: CreatedEndpoint, receiver: Receiver) -> None:
    receiver.answer(*[503] * MAX_ATTEMPTS)
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert run_first_attempts() == [False]
    now = T0
    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        delivery.refresh_from_db()
        assert delivery.next_attempt_at is not None
        waits.append(delivery.next_attempt_at - now)
        now = delivery.next_attempt_at
        with clock.frozen_at(now):
            assert retry_due() == 0

    assert waits == list(BACKOFF)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == MAX_ATTEMPTS == 6
    assert delivery.gave_up_at == now
    assert delivery.next_attempt_at is None
    assert delivery.last_status_code == 503
    with clock.frozen_at(now + timedelta(days=30)):
        assert retry_due() == 0
    assert len(receiver.requests) == MAX_ATTEMPTS


def test_a_redirect_is_not_followed(hook: CreatedEndpoint, receiver: Receiver) -> None:
    receiver.answer(302, headers={"Location": "/elsewhere"})
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert run_first_attempts() == [False]
    assert [r.path for r in receiver.requests] == ["/hooks/comptoir"]
    delivery.refresh_from_db()
    assert delivery.last_status_code == 302
    assert delivery.status == Delivery.Status.RETRYING


def test_no_answer_is_recorded_as_an_error_and_retried(
    integration_user: User, settings: Any
) -> None:
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.1"]
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint_create(user=integration_user, url=f"http://127.0.0.1:{port}/")
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    assert run_first_attempts() == [False]
    delivery.refresh_from_db()
    assert delivery.last_status_code is None
    assert "refused" in delivery.last_error.lower()
    assert delivery.next_attempt_at == T0 + BACKOFF[0]


def change_that_fails() -> None:
    with transaction.atomic():
        emit(event=EVENT, payload=PAYLOAD)
        raise RuntimeError("the cause failed")


def test_a_rollback_sends_nothing(hook: CreatedEndpoint, receiver: Receiver) -> None:
    with pytest.raises(RuntimeError, match="cause failed"):
        change_that_fails()
    assert not Delivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert retry_due() == 0
    assert receiver.requests == []


def test_only_endpoints_subscribed_to_the_event_get_it(
    integration_user: User, receiver: Receiver
) -> None:
    lost_only = endpoint_create(
        user=integration_user, url=receiver.url + "/lost", event_names=[OTHER]
    )
    everything = endpoint_create(user=integration_user, url=receiver.url + "/all")
    deliveries = emit(event=EVENT, payload=PAYLOAD)
    assert [d.endpoint_id for d in deliveries] == [everything.endpoint.id]
    run_first_attempts()
    assert [r.path for r in receiver.requests] == ["/hooks/comptoir/all"]

    lost = emit(event=OTHER, payload={})
    assert [d.endpoint_id for d in lost] == [lost_only.endpoint.id, everything.endpoint.id]


def test_both_endpoints_get_the_same_event_id(integration_user: User, receiver: Receiver) -> None:
    endpoint_create(user=integration_user, url=receiver.url)
    endpoint_create(user=integration_user, url=receiver.url)
    first, second = emit(event=EVENT, payload=PAYLOAD)
    assert first.event_id == second.event_id
    assert first.endpoint_id != second.endpoint_id


def test_an_inactive_endpoint_gets_nothing(hook: CreatedEndpoint, receiver: Receiver) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    hook.endpoint.active = False
    hook.endpoint.save()
    assert run_first_attempts() == [False]
    assert emit(event=EVENT, payload=PAYLOAD) == []
    assert retry_due() == 0
    assert receiver.requests == []
    delivery.refresh_from_db()
    assert delivery.attempts == 0  # it waits for the endpoint to be active again


def test_without_subscribers_emit_writes_nothing(db: None) -> None:
    assert emit(event=EVENT, payload=PAYLOAD) == []
    assert not DBTaskResult.objects.exists()


def test_an_unregistered_event_is_refused(hook: CreatedEndpoint) -> None:
    with pytest.raises(UnknownEvent):
        emit(event="test.never_registered", payload={})
    assert not Delivery.objects.exists()


def test_a_claimed_attempt_is_not_sent_again_until_its_lease_runs_out(
    hook: CreatedEndpoint, receiver: Receiver
) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    # A worker claimed the attempt and died before recording anything.
    Delivery.objects.filter(id=delivery.id).update(attempts=1, next_attempt_at=T0 + LEASE)
    assert attempt(delivery.id) is False
    assert retry_due() == 0
    with clock.frozen_at(T0 + LEASE):
        assert retry_due() == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert len(receiver.requests) == 1


def test_a_worker_that_read_the_row_before_another_claimed_it_does_not_claim(
    hook: CreatedEndpoint, receiver: Receiver
) -> None:
    [delivery] = emit(event=EVENT, payload=PAYLOAD)
    stale = Delivery.objects.get(id=delivery.id)
    receiver.answer(500)
    assert deliver.call(delivery.id) is False  # another worker: attempt 1, failed
    with clock.frozen_at(T0 + BACKOFF[0]):
        assert claim(stale, clock.now()) is False
        fresh = Delivery.objects.get(id=delivery.id)
        assert claim(fresh, clock.now()) is True
        assert claim(Delivery.objects.get(id=delivery.id), clock.now()) is False  # leased
    assert Delivery.objects.get(id=delivery.id).attempts == 2


def test_the_retry_sweep_runs_every_30_seconds() -> None:
    job = {j.name: j for j in periodic.jobs()}["webhooks.retry"]
    assert job.every == 30
