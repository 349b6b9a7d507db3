"""Sending deliveries: the first attempt as a task, retries from a periodic sweep.

Delivery is at least once: an attempt is claimed (counted, and `next_attempt_at` moved a
lease ahead) in its own short transaction before the POST, so two workers never send the
same attempt, and a worker that dies mid-send is retried when the lease runs out.
Receivers drop repeats by `X-Comptoir-Delivery`.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.db import transaction
from django_tasks import task

from comptoir.core import clock
from comptoir.webhooks import sending
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.signing import is_success, retry_delay

log = logging.getLogger(__name__)

# Longer than one POST can take (10 s timeout): a claimed attempt is not sent again before.
LEASE = timedelta(minutes=2)
SWEEP_BATCH = 100
SWEEP_BUDGET_SECONDS = 25.0  # the sweep runs every 30 s; it leaves the rest for the next


@task()
def deliver(delivery_id: int) -> bool:
    """The first attempt of a delivery (retries come from `retry_due`); True if delivered."""
    return attempt(delivery_id)


def attempt(delivery_id: int) -> bool:
    """Claim the delivery if it is due, POST it, record the answer; True if delivered."""
    delivery = Delivery.objects.select_related("endpoint").filter(id=delivery_id).first()
    if delivery is None or not delivery.endpoint.active or not claim(delivery, clock.now()):
        return False
    endpoint = delivery.endpoint
    sent = sending.post(
        url=endpoint.url,
        secret=endpoint.secret,
        event=delivery.event,
        event_id=delivery.event_id,
        body=sending.body_of(
            event_id=delivery.event_id,
            event=delivery.event,
            created_at=delivery.created_at,
            data=delivery.payload,
        ),
    )
    return _record(delivery.id, delivery.attempts, sent)


def claim(delivery: Delivery, now: datetime) -> bool:
    """Count the next attempt and move it a lease ahead, unless another worker did first.

    `delivery` is the row as read; the claim succeeds only if it is still so (same number
    of attempts, still due). The WHERE names columns of the row alone: PostgreSQL re-checks
    them after waiting on a concurrent claim, so exactly one claim succeeds.
    """
    with transaction.atomic():
        claimed = Delivery.objects.filter(
            id=delivery.id,
            attempts=delivery.attempts,
            delivered_at__isnull=True,
            gave_up_at__isnull=True,
            next_attempt_at__lte=now,
        ).update(attempts=delivery.attempts + 1, next_attempt_at=now + LEASE)
    if claimed:
        delivery.attempts += 1
        delivery.next_attempt_at = now + LEASE
    return bool(claimed)


def _record(delivery_id: int, number: int, sent: sending.Sent) -> bool:
    now = clock.now()
    changes: dict[str, object] = {"last_status_code": sent.status, "last_error": sent.error}
    delivered = is_success(sent.status)
    if delivered:
        changes.update(delivered_at=now, next_attempt_at=None)
    elif (delay := retry_delay(number)) is None:
        changes.update(gave_up_at=now, next_attempt_at=None)
        log.warning("webhook delivery %s given up after %s attempts", delivery_id, number)
    else:
        changes.update(next_attempt_at=now + delay)
    with transaction.atomic():
        # Only the attempt that was claimed writes its outcome (a later claim wins).
        Delivery.objects.filter(id=delivery_id, attempts=number).update(**changes)
    return delivered


def retry_due(*, limit: int = SWEEP_BATCH, budget: float = SWEEP_BUDGET_SECONDS) -> int:
    """Attempt the deliveries that are due, oldest due first; how many were delivered.

    The periodic job `webhooks.retry`. It also sends a first attempt whose task was lost
    (a task backend that cannot join the transaction, a worker that died).
    """
    due = list(
        Delivery.objects.filter(
            delivered_at__isnull=True,
            gave_up_at__isnull=True,
            next_attempt_at__lte=clock.now(),
            endpoint__active=True,
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    started = time.monotonic()
    delivered = 0
    for delivery_id in due:
        if time.monotonic() - started > budget:
            break
        delivered += attempt(delivery_id)
    return delivered
