"""A retried request sends once: one `SendRecord` per (person, Idempotency-Key)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comptoir.core.errors import Conflict, DomainError
from comptoir.messaging.models import Message, SendRecord
from comptoir.shops.access import Viewer


def fingerprint(*parts: Any) -> str:
    """A stable digest of what a request asked for (to spot a key reused for another call)."""
    raw = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def send_once(
    *, viewer: Viewer, key: str | None, digest: str, send: Callable[[], Message]
) -> tuple[Message, bool]:
    """Run `send` once per Idempotency-Key: a retry returns the first message, replayed=True."""
    if not key:
        return send(), False
    if len(key) > 100:
        raise DomainError(
            "invalid_idempotency_key", _("An Idempotency-Key has at most 100 characters.")
        )

    def replay() -> tuple[Message, bool] | None:
        record = SendRecord.objects.filter(user=viewer.user, key=key).first()
        if record is None:
            return None
        if record.fingerprint != digest:
            raise Conflict(
                "idempotency_key_reused",
                _("This Idempotency-Key was already used for a different request."),
            )
        return Message.objects.get(pk=record.message_id), True

    done = replay()
    if done is not None:
        return done
    try:
        with transaction.atomic():
            message = send()
            SendRecord.objects.create(
                user=viewer.user, key=key, fingerprint=digest, message=message
            )
    except IntegrityError:
        done = replay()  # a concurrent retry won the race: answer with its message
        if done is None:
            raise
        return done
    return message, False
