"""The demo's e-mails go to the local mailbox, never to a mail server.

Loading the demo queues a few hundred notifications to made-up people (new messages,
news, standards notices). Sent through a real EMAIL_URL they would mail addresses nobody
owns; printed, they would push the demo's logins off the terminal. So, in the load's
transaction, each of them is written to the local mailbox (core.mailbox) and its outbox
row recorded as sent: a worker never sees a row to send, and a newcomer reads the mails
at /staff/mail/. If the transaction then fails, the files stay without their rows: the
next load writes its own.
"""

from __future__ import annotations

from django.db.models import Max

from comptoir.core import clock
from comptoir.core.mailbox import MailboxBackend
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import message_of

CHUNK = 200


def last_outbox_id() -> int:
    """The newest outbox row before the demo writes any (0: none)."""
    return int(OutboxEmail.objects.aggregate(last=Max("id"))["last"] or 0)


def keep_in_mailbox(*, after_id: int) -> int:
    """Write the unsent outbox rows newer than `after_id` to the mailbox, mark them sent.

    Call it inside the transaction that wrote them. Answers how many e-mails were kept.
    """
    backend = MailboxBackend(quiet=True)
    unsent = OutboxEmail.objects.filter(
        id__gt=after_id, sent_at__isnull=True, dead_at__isnull=True
    ).order_by("id")
    kept = 0
    while batch := list(unsent.filter(id__gt=after_id)[:CHUNK]):
        backend.send_messages([message_of(email) for email in batch])
        # One attempt, and it delivered: the row says sent, as the worker would record it.
        OutboxEmail.objects.filter(id__in=[email.id for email in batch]).update(
            sent_at=clock.now(), next_attempt_at=None, attempts=1, last_error=""
        )
        kept += len(batch)
        after_id = batch[-1].id
    return kept
