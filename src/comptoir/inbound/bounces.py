"""Addresses our e-mails cannot reach: recorded from delivery status notifications, shown
to the seller, skipped by the outbox, and cleared when the person writes to us again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import F

from comptoir.core import clock
from comptoir.core.models import BouncedAddress, OutboxEmail
from comptoir.core.outbox import message_id
from comptoir.inbound.guards import Failure

_OUR_MESSAGE_ID = re.compile(r"<outbox-(\d{1,18})\.[0-9a-f]{16}@[^>]+>")


def ours(returned_message_id: str) -> OutboxEmail | None:
    """The outbox row a returned mail's Message-ID names, if we really sent it (the id's
    digest is checked, so a forged bounce cannot name an address we never wrote to)."""
    match = _OUR_MESSAGE_ID.search(returned_message_id or "")
    if match is None:
        return None
    row = OutboxEmail.objects.filter(id=int(match.group(1))).first()
    if row is None or message_id(row) != match.group(0):
        return None
    return row


def were_written_to(failures: Sequence[Failure], returned_message_id: str) -> list[Failure]:
    """The failures about addresses Comptoir has e-mailed: those of the returned mail if
    its Message-ID is ours, else those found among the outbox's recipients."""
    row = ours(returned_message_id)
    if row is not None:
        sent_to = row.recipient.lower()
        return [f for f in failures if f.email == sent_to] or [
            Failure(email=sent_to, reason=failures[0].reason if failures else "")
        ]
    return [f for f in failures if OutboxEmail.objects.filter(recipient__iexact=f.email).exists()]


def bounce_record(failure: Failure) -> BouncedAddress:
    """One more bounce for the address (the first one creates its row)."""
    now = clock.now()
    email = failure.email.lower()
    for _attempt in range(2):
        with transaction.atomic():
            updated = BouncedAddress.objects.filter(email=email).update(
                last_bounced_at=now, bounces=F("bounces") + 1, last_reason=failure.reason
            )
            if updated:
                return BouncedAddress.objects.get(email=email)
            try:
                with transaction.atomic():
                    return BouncedAddress.objects.create(
                        email=email,
                        first_bounced_at=now,
                        last_bounced_at=now,
                        last_reason=failure.reason,
                    )
            except IntegrityError:
                continue  # another process wrote it first: count on it
    return BouncedAddress.objects.get(email=email)


def bounce_clear(email: str) -> bool:
    """The person wrote to us from this address: it works again."""
    deleted, _ = BouncedAddress.objects.filter(email=email.strip().lower()).delete()
    return deleted > 0
