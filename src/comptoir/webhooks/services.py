"""Writes on webhooks: emitting events, and the marketplace's endpoints."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.core.prepared import Prepared
from comptoir.core.tasks import enqueue_with_transaction
from comptoir.webhooks import addresses, events
from comptoir.webhooks.models import Delivery, Endpoint
from comptoir.webhooks.signing import url_problem
from comptoir.webhooks.tasks import deliver

SECRET_PREFIX = "whsec_"  # noqa: S105 (a marker, not a secret)


class UnknownEvent(ValueError):
    """`emit` was called with a name no app registered: a programming error."""


def emit(*, event: str, payload: dict[str, Any]) -> list[Delivery]:
    """Send `event` to every active endpoint that subscribed to it.

    Call it inside the transaction that made the change: the deliveries and their tasks
    commit with it, or not at all. `payload` must be JSON (dates, decimals and UUIDs are
    written as strings). Returns the deliveries written (none without subscribers).
    """
    return emit_each(event=event, payloads=lambda: [payload])


Payloads = Callable[[], Iterable[dict[str, Any]]]


def emit_each(*, event: str, payloads: Payloads) -> list[Delivery]:
    """Send one `event` per payload (each with its own id) to every subscribed endpoint.

    One query finds the endpoints, however many payloads; `payloads` is called only when
    some endpoint subscribed, so an emitter loads nothing for nobody. Otherwise as `emit`.
    """
    return emit_all([(event, payloads)])


# Every message asks it: compiled once (core.prepared).
_SUBSCRIBED = Prepared(
    lambda: Endpoint.objects.filter(active=True).only("id", "events").order_by("id")
)


def emit_all(batches: Sequence[tuple[str, Payloads]]) -> list[Delivery]:
    """`emit_each` for several events at once, with one query for the endpoints."""
    for event, _payloads in batches:
        if not events.is_known(event):
            raise UnknownEvent(f"unknown webhook event {event!r}; register it first")
    # No savepoint: inside the caller's transaction a failure here fails the whole change.
    with transaction.atomic(savepoint=False):
        subscribed = _SUBSCRIBED.run()
        written: list[Delivery] = []
        for event, payloads in batches:
            targets = [e for e in subscribed if e.wants(event)]
            if targets:
                written += _write(event=event, payloads=list(payloads()), endpoints=targets)
        return written


def _write(
    *, event: str, payloads: Sequence[dict[str, Any]], endpoints: Sequence[Endpoint]
) -> list[Delivery]:
    now = clock.now()
    rows = []
    for payload in payloads:
        event_id = uuid.uuid4()  # one event: the same id for every endpoint that receives it
        rows += [
            Delivery(
                endpoint=endpoint,
                event=event,
                event_id=event_id,
                payload=payload,
                created_at=now,
                next_attempt_at=now,
            )
            for endpoint in endpoints
        ]
    deliveries = Delivery.objects.bulk_create(rows)
    for delivery in deliveries:
        enqueue_with_transaction(deliver, delivery.id)
    return deliveries


@dataclass(frozen=True)
class CreatedEndpoint:
    endpoint: Endpoint
    secret: str  # shown once, in the answer that created the endpoint


def check_events(names: Iterable[str]) -> list[str]:
    """The subscribed names, without repeats; DomainError naming the first unknown one."""
    chosen: list[str] = []
    for name in names:
        if not events.is_known(name):
            raise DomainError(
                "unknown_event",
                _("There is no event called “%(name)s”.") % {"name": name},
                fields={"events": name},
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def check_url(url: str) -> str:
    url = url.strip()
    if url_problem(url) is not None:
        raise DomainError(
            "invalid_url",
            _("Give a full http:// or https:// address of at most 500 characters."),
            fields={"url": _("not a valid http(s) URL")},
        )
    parts = urlsplit(url)
    host = parts.hostname or ""
    refused = addresses.literal_problem(host) is not None
    if not refused:
        try:
            addresses.resolve(host, parts.port or (443 if parts.scheme == "https" else 80))
        except addresses.Refused:
            refused = True
        except OSError:
            pass  # not resolvable yet: checked again at every connection
    if refused:
        raise DomainError(
            "url_not_allowed",
            _(
                "Webhooks go to public addresses only: this one is on a private, local or "
                "reserved network. Staff can allow an internal receiver in the settings."
            ),
            fields={"url": _("a private, local or reserved address")},
        )
    return url


@transaction.atomic
def endpoint_create(*, user: User, url: str, event_names: Iterable[str] = ()) -> CreatedEndpoint:
    """A new endpoint with a fresh secret; an empty `event_names` subscribes to every event."""
    url = check_url(url)
    chosen = check_events(event_names)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    endpoint = Endpoint.objects.create(url=url, secret=secret, events=chosen, created_by=user)
    return CreatedEndpoint(endpoint=endpoint, secret=secret)


@transaction.atomic
def endpoint_delete(*, endpoint_id: int) -> None:
    """Remove the endpoint and its deliveries: nothing more is sent to it."""
    deleted, _rows = Endpoint.objects.filter(id=endpoint_id).delete()
    if not deleted:
        raise NotFound("endpoint_not_found", _("No such webhook endpoint."))


@transaction.atomic
def endpoint_ping(*, endpoint_id: int) -> Delivery:
    """Send `webhook.ping` to this endpoint alone, whatever it subscribed to."""
    endpoint = Endpoint.objects.filter(id=endpoint_id).first()
    if endpoint is None:
        raise NotFound("endpoint_not_found", _("No such webhook endpoint."))
    if not endpoint.active:
        raise Conflict("endpoint_inactive", _("This endpoint is inactive: nothing is sent to it."))
    payload = {"endpoint_id": endpoint.id, "url": endpoint.url}
    [delivery] = _write(event=events.PING, payloads=[payload], endpoints=[endpoint])
    return delivery
