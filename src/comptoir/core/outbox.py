"""E-mail notifications: queued in the writer's transaction, sent by a worker, never lost.

The outbox row is the truth (decision 0009). A write only adds rows (and wakes a worker);
a worker claims due rows in a short transaction, sends them over one SMTP connection
outside any transaction, and records each outcome in another short transaction: sent,
retried after a back-off, or given up (a dead letter Trust & Safety can send again).
A periodic sweep wakes a worker for rows that waited too long (a lost task, a worker
killed mid-send whose lease ran out).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from comptoir.core import audit, clock
from comptoir.core.errors import Conflict, NotFound
from comptoir.core.models import BouncedAddress, OutboxEmail
from comptoir.core.pagination import Page, keyset_page
from comptoir.core.sql import insert
from comptoir.core.tasks import enqueue_batched, fail_abandoned, is_waiting

log = logging.getLogger(__name__)

# A burst of writes shares one worker run: the first schedules it this far ahead, the
# next ones see it waiting (core.tasks.enqueue_batched).
BATCH_WAIT = timedelta(seconds=1)
BATCH_MARGIN = timedelta(seconds=0.5)

STATUSES = ("pending", "sent", "dead")

BOUNCED = "address bounced"  # last_error of an e-mail not sent to a bounced address


def site_link(path: str) -> str:
    """An absolute link into the web app (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + path


def queue_email(
    *,
    recipient: str,
    subject: str,
    body: str,
    link: str,
    reason: str,
    headers: dict[str, str] | None = None,
    html: str = "",
) -> OutboxEmail:
    """Write the e-mail in the current transaction and wake a worker for it.

    `html`: an HTML alternative of `body` (which stays the plain-text part).
    """
    email = insert(
        OutboxEmail,
        recipient=recipient,
        subject=subject,
        body=body,
        html=html,
        link=link,
        reason=reason,
        headers=headers or {},
        next_attempt_at=clock.now(),
    )
    enqueue_batched(deliver_email, email.id, wait=BATCH_WAIT, margin=BATCH_MARGIN)
    return email


# --- the rules ----------------------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after `attempts` failed attempts; None: give up (a dead letter).

    Doubling from EMAIL_RETRY_BASE, capped at EMAIL_RETRY_CAP, EMAIL_MAX_ATTEMPTS in all.
    """
    if attempts < 1:
        raise ValueError("retry_delay is asked after at least one attempt")
    if attempts >= settings.EMAIL_MAX_ATTEMPTS:
        return None
    seconds = settings.EMAIL_RETRY_BASE * 2 ** min(attempts - 1, 30)
    return timedelta(seconds=min(seconds, settings.EMAIL_RETRY_CAP))


def is_permanent(exc: BaseException) -> bool:
    """An answer that no retry can change: the server refused the address for good (5xx)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(code >= 500 for code, _ in exc.recipients.values())
    return False


def message_id(email: OutboxEmail) -> str:
    """The e-mail's Message-ID, derived from its row: every attempt sends the same one.

    So a mail sent again after a crash between the send and its record is recognisable
    (and dropped by receivers that deduplicate on it). The digest keeps ids unguessable
    and distinct across databases that reuse row ids.
    """
    key = f"comptoir.outbox:{settings.SECRET_KEY}".encode()
    seed = f"{email.id}:{email.created_at.isoformat()}".encode()
    digest = hmac.new(key, seed, hashlib.sha256).hexdigest()[:16]
    return f"<outbox-{email.id}.{digest}@{_domain()}>"


def thread_id(conversation_id: int) -> str:
    """A stable Message-ID-like name for a thread: every e-mail about the thread carries it
    in In-Reply-To and References, so a mail client shows them as one conversation.

    Signed like message_id: it tells nothing about other threads and cannot be forged.
    """
    key = f"comptoir.outbox.thread:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, str(conversation_id).encode(), hashlib.sha256).hexdigest()[:16]
    return f"<thread-{conversation_id}.{digest}@{_domain()}>"


def _domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "localhost"


def message_of(email: OutboxEmail) -> EmailMessage:
    """The e-mail to send: the plain body, and the HTML part if any.

    The link goes after the plain body, unless the body already holds it where it reads
    best (a template placed it).
    """
    body = email.body
    if email.link and email.link not in body:
        body = f"{body}\n\n{email.link}\n"
    headers = {**email.headers, "Message-ID": message_id(email)}
    message = EmailMultiAlternatives(email.subject, body, None, [email.recipient], headers=headers)
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


# --- the worker ---------------------------------------------------------------------------


@dataclass
class Drained:
    sent: list[int] = field(default_factory=list)  # ids
    failed: int = 0
    given_up: int = 0


@task()
def deliver_email(email_id: int) -> bool:
    """Send every due e-mail (the one that woke this run among them); True if it was sent.

    One run drains the outbox over one SMTP connection, batch after batch, so a burst
    goes out at the SMTP server's pace.
    """
    return email_id in drain(first=email_id).sent


def drain(*, first: int | None = None, limit: int | None = None) -> Drained:
    """Claim, send and record due e-mails until none is due or the server fails.

    No transaction is open while the SMTP server is spoken to. `first` is the row that
    woke the run: it is due even if the clock says otherwise (a row never tried).
    """
    drained = Drained()
    lease = timedelta(seconds=settings.EMAIL_LEASE)
    batch_size = max(1, settings.EMAIL_BATCH_SIZE)
    smtp: Any = None
    try:
        while limit is None or len(drained.sent) + drained.failed < limit:
            claimed = _claim(batch_size, lease=lease, first=first)
            first = None
            if not claimed:
                break
            started = time.monotonic()
            bounced = _bounced(claimed)
            for index, email in enumerate(claimed):
                if time.monotonic() - started > lease.total_seconds() / 2:
                    _release(claimed[index:], at=clock.now())  # renew: claim them again
                    break
                if email.id in bounced:  # mail servers said it cannot be delivered
                    _record_given_up(email, BOUNCED)
                    drained.given_up += 1
                    continue
                try:
                    if smtp is None:
                        smtp = get_connection(fail_silently=False)
                        smtp.open()
                    smtp.send_messages([message_of(email)])
                except Exception as exc:
                    _close(smtp)
                    smtp = None
                    retry_at = _record_failure(email, exc)
                    drained.failed += 1
                    drained.given_up += retry_at is None
                    if is_permanent(exc):
                        continue  # this address only; the server works
                    # The server or the connection fails: the rest wait with this one.
                    _release(claimed[index + 1 :], at=retry_at or clock.now())
                    _schedule_retry()
                    return drained
                _record_sent(email)
                drained.sent.append(email.id)
    finally:
        _close(smtp)
    if drained.failed:
        _schedule_retry()
    return drained


def _due(now: datetime, first: int | None) -> QuerySet[OutboxEmail]:
    due = Q(next_attempt_at__lte=now)
    if first is not None:
        due |= Q(id=first, attempts=0)
    return OutboxEmail.objects.filter(due, sent_at__isnull=True, dead_at__isnull=True)


def _claim(size: int, *, lease: timedelta, first: int | None) -> list[OutboxEmail]:
    """Take up to `size` due e-mails: count an attempt and move them a lease ahead.

    PostgreSQL: rows another worker is claiming are skipped (SKIP LOCKED); SQLite: the
    write transaction is IMMEDIATE, so claims queue one after the other.
    """
    now = clock.now()
    with transaction.atomic():
        due = _due(now, first).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        emails = list(due[:size])
        if emails:
            OutboxEmail.objects.filter(id__in=[e.id for e in emails]).update(
                attempts=F("attempts") + 1, next_attempt_at=now + lease
            )
    for email in emails:
        email.attempts += 1
        email.next_attempt_at = now + lease
    return emails


def is_bounced(address: str) -> bool:
    """Whether mail servers said they cannot deliver to `address` (core.BouncedAddress)."""
    email = address.strip().lower()
    return bool(email) and BouncedAddress.objects.filter(email=email).exists()


def _bounced(emails: list[OutboxEmail]) -> set[int]:
    """The ids of the e-mails whose address bounced (core.BouncedAddress, lower case)."""
    addresses = {e.id: parseaddr(e.recipient)[1].lower() for e in emails}
    known = set(
        BouncedAddress.objects.filter(email__in=set(addresses.values())).values_list(
            "email", flat=True
        )
    )
    return {id_ for id_, address in addresses.items() if address in known}


def _record_given_up(email: OutboxEmail, error: str) -> None:
    """A dead letter without an attempt at the server (Trust & Safety can send it again)."""
    log.info("e-mail %s not sent: %s", email.id, error)
    with transaction.atomic():
        OutboxEmail.objects.filter(id=email.id, attempts=email.attempts).update(
            dead_at=clock.now(), next_attempt_at=None, last_error=error
        )


def _record_sent(email: OutboxEmail) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Not worth a disk flush per e-mail: if the database server itself crashes in
            # the next fraction of a second, the record is lost and the e-mail is sent again
            # with the same Message-ID: the repeat decision 0009 already accepts.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # Only the claim that sent it writes (a claim after an expired lease wins).
        OutboxEmail.objects.filter(id=email.id, attempts=email.attempts).update(
            sent_at=clock.now(), next_attempt_at=None, last_error=""
        )


def _record_failure(email: OutboxEmail, exc: BaseException) -> datetime | None:
    """Schedule the next attempt, or give the e-mail up; when it is next due (None: never)."""
    now = clock.now()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    delay = None if is_permanent(exc) else retry_delay(email.attempts)
    changes: dict[str, Any] = {"last_error": error}
    if delay is None:
        changes.update(dead_at=now, next_attempt_at=None)
        log.warning("e-mail %s given up after %s attempts: %s", email.id, email.attempts, error)
    else:
        changes.update(next_attempt_at=now + delay)
        log.info("e-mail %s attempt %s failed (%s)", email.id, email.attempts, error)
    with transaction.atomic():
        OutboxEmail.objects.filter(id=email.id, attempts=email.attempts).update(**changes)
    return changes["next_attempt_at"]


def _release(emails: list[OutboxEmail], *, at: datetime) -> None:
    """Give back claimed e-mails that were not tried: their attempt does not count."""
    if not emails:
        return
    with transaction.atomic():
        for email in emails:
            OutboxEmail.objects.filter(id=email.id, attempts=email.attempts).update(
                attempts=F("attempts") - 1, next_attempt_at=at
            )


def _schedule_retry() -> None:
    """Wake a worker when the earliest retry is due (the task library's `run_after`)."""
    due = (
        OutboxEmail.objects.filter(
            sent_at__isnull=True, dead_at__isnull=True, next_attempt_at__isnull=False
        )
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", "id")
        .first()
    )
    if due is None:
        return
    at, email_id = due
    assert at is not None
    run_after = timezone.now() + max(at - clock.now(), timedelta(0))
    backend = deliver_email.get_backend()
    if backend.supports_defer:
        deliver_email.using(run_after=run_after).enqueue(email_id)


def _close(smtp: Any) -> None:
    if smtp is not None:
        try:
            smtp.close()
        except Exception:  # the connection is already broken; nothing to keep
            log.debug("closing the SMTP connection failed", exc_info=True)


# --- the sweep (core.periodic) ------------------------------------------------------------


@dataclass
class Swept:
    abandoned_runs: int
    woke: bool


def sweep() -> Swept:
    """The periodic job `core.outbox`: end stale runs, wake a worker for overdue e-mails.

    Overdue: due for longer than EMAIL_SWEEP_GRACE (its task was lost, or the worker that
    held it died and its lease ran out).
    """
    abandoned = fail_abandoned(deliver_email, lease=timedelta(seconds=settings.EMAIL_LEASE))
    grace = timedelta(seconds=settings.EMAIL_SWEEP_GRACE)
    first = (
        OutboxEmail.objects.filter(
            sent_at__isnull=True, dead_at__isnull=True, next_attempt_at__lte=clock.now() - grace
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)
        .first()
    )
    woke = first is not None and not is_waiting(deliver_email, within=grace)
    if first is not None and woke:
        deliver_email.enqueue(first)
    return Swept(abandoned_runs=abandoned, woke=woke)


# --- Trust & Safety: read and send again ---------------------------------------------------


def status_of(email: OutboxEmail) -> str:
    if email.sent_at is not None:
        return "sent"
    if email.dead_at is not None:
        return "dead"
    return "pending"


def outbox_page(*, status: str, cursor: str | None, limit: int) -> Page[OutboxEmail]:
    """E-mails of one status: given up (newest first), pending (next due first), sent."""
    emails = OutboxEmail.objects.all()
    if status == "dead":
        emails = emails.filter(dead_at__isnull=False, sent_at__isnull=True)
        order: tuple[str, ...] = ("-dead_at", "-id")
    elif status == "pending":
        emails = emails.filter(sent_at__isnull=True, dead_at__isnull=True)
        order = ("next_attempt_at", "id")
    elif status == "sent":
        emails = emails.filter(sent_at__isnull=False)
        order = ("-sent_at", "-id")
    else:
        raise ValueError(status)
    return keyset_page(emails, order=order, cursor=cursor, limit=limit)


def waiting_counts() -> dict[str, int]:
    """How many e-mails are given up, and how many wait to be sent (both indexed)."""
    unsent = OutboxEmail.objects.filter(sent_at__isnull=True)
    return {
        "dead": unsent.filter(dead_at__isnull=False).count(),
        "pending": unsent.filter(dead_at__isnull=True).count(),
    }


def email_retry(*, email_id: int, actor: Any) -> OutboxEmail:
    """Send a given-up e-mail again: its attempts start over; the audit log keeps who."""
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(id=email_id).first()
        if email is None:
            raise NotFound("outbox_email_not_found", _("No such e-mail."))
        if status_of(email) != "dead":
            raise Conflict(
                "outbox_email_not_given_up",
                _("Only an e-mail that was given up can be sent again."),
            )
        email.dead_at = None
        email.attempts = 0
        email.next_attempt_at = clock.now()
        email.save(update_fields=["dead_at", "attempts", "next_attempt_at"])
        audit.record(
            actor=actor,
            verb="outbox.retried",
            subject=("outbox_email", email.id),
            details={"recipient": email.recipient, "reason": email.reason},
        )
        enqueue_batched(deliver_email, email.id, wait=BATCH_WAIT, margin=BATCH_MARGIN)
    return email
