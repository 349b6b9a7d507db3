"""Several workers sweeping at once still send each delivery once (PostgreSQL)."""

from __future__ import annotations

import json
import threading
from collections import Counter

import pytest
from django.db import connection, connections

from comptoir.accounts.models import User
from comptoir.webhooks import events
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import emit, endpoint_create
from comptoir.webhooks.tasks import attempt, retry_due
from tests.webhooks.conftest import Receiver

WORKERS = 8
EVENTS_SENT = 30

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL"
    ),
]


def test_racing_workers_send_each_delivery_once(
    integration_user: User, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(events.EVENTS, "test.tick", "A tick.")
    endpoint_create(user=integration_user, url=receiver.url)
    for n in range(EVENTS_SENT):
        emit(event="test.tick", payload={"n": n})
    ids = list(Delivery.objects.values_list("id", flat=True))
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            start.wait()
            if n % 2:
                retry_due()
            else:  # the tasks of the first attempt, run by other workers
                for delivery_id in ids:
                    attempt(delivery_id)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    sent = Counter(json.loads(r.body)["data"]["n"] for r in receiver.requests)
    assert sent == Counter(range(EVENTS_SENT))
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
    assert not Delivery.objects.filter(delivered_at__isnull=True).exists()
