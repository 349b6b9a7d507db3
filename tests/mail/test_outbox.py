"""The outbox's rules: claims and leases, back-off, dead letters, the sweep, batching."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comptoir.core import clock
from comptoir.core.models import AuditEntry, OutboxEmail
from comptoir.core.outbox import (
    BATCH_MARGIN,
    deliver_email,
    drain,
    message_id,
    queue_email,
    retry_delay,
    sweep,
)
from tests.mail.smtp import smtp_sink

TASK = "comptoir.core.outbox.deliver_email"


def queue(n: int = 1, recipient: str = "ana@example.org") -> list[OutboxEmail]:
    emails = []
    for i in range(n):
        with transaction.atomic():
            emails.append(
                queue_email(
                    recipient=recipient,
                    subject=f"Hello {i}",
                    body="A new message.",
                    link="http://testserver/messages/",
                    reason="new_message",
                )
            )
    return emails


def later(seconds: float) -> Any:
    return clock.frozen_at(clock.now() + timedelta(seconds=seconds))


def test_back_off_doubles_up_to_the_cap_then_gives_up(settings: Any) -> None:
    settings.EMAIL_RETRY_BASE = 30
    settings.EMAIL_RETRY_CAP = 3600
    settings.EMAIL_MAX_ATTEMPTS = 10
    delays = [retry_delay(n) for n in range(1, 11)]
    assert [d.total_seconds() if d else None for d in delays] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
        None,
    ]
    with pytest.raises(ValueError, match="at least one"):
        retry_delay(0)


def test_the_message_id_is_derived_from_the_row(db: None, settings: Any) -> None:
    settings.DEFAULT_FROM_EMAIL = "Comptoir <notify@comptoir.example>"
    first, second = queue(2)
    assert message_id(first).startswith(f"<outbox-{first.id}.")
    assert message_id(first).endswith("@comptoir.example>")
    assert message_id(first) == message_id(OutboxEmail.objects.get(id=first.id))
    assert message_id(first) != message_id(second)
    drain()
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [
        message_id(first),
        message_id(second),
    ]


def test_a_burst_shares_one_task_and_one_smtp_connection(db: None, smtp_port: int) -> None:
    started = time.monotonic()
    emails = queue(30)
    elapsed = time.monotonic() - started
    # A run is scheduled a second ahead; the writes in the next half second see it waiting.
    tasks = list(DBTaskResult.objects.filter(task_path=TASK).order_by("run_after"))
    assert len(tasks) <= 1 + elapsed / BATCH_MARGIN.total_seconds()
    assert tasks[0].args_kwargs["args"] == [emails[0].id]
    with smtp_sink(smtp_port) as sink:
        assert deliver_email.call(emails[0].id) is True
    assert len(sink.received) == 30
    assert len({r.peer for r in sink.received}) == 1  # one connection for the whole burst
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()


def test_running_twice_sends_once(db: None) -> None:
    [email] = queue()
    assert deliver_email.call(email.id) is True
    assert deliver_email.call(email.id) is False
    assert len(mail.outbox) == 1


def test_a_claimed_e_mail_waits_for_its_lease_before_another_worker_takes_it(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.EMAIL_LEASE = 300
    [email] = queue()

    def killed(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("kill -9 in the middle of the send")

    monkeypatch.setattr("comptoir.core.outbox._record_sent", killed)
    with pytest.raises(SystemExit):
        drain()
    monkeypatch.undo()
    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (1, None)
    assert drain().sent == []  # held by the dead worker's lease
    with later(301):
        assert drain().sent == [email.id]
    # Sent twice, recognisably: the same Message-ID both times.
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message_id(email)] * 2


def test_smtp_down_is_retried_after_the_back_off(db: None, smtp_port: int, settings: Any) -> None:
    settings.EMAIL_RETRY_BASE = 30
    emails = queue(3)
    DBTaskResult.objects.all().delete()
    drained = drain()  # nobody listens on the port
    assert (drained.sent, drained.failed) == ([], 1)
    first, *rest = (OutboxEmail.objects.get(id=e.id) for e in emails)
    assert first.attempts == 1
    assert "ConnectionRefusedError" in first.last_error
    # The others were not tried: no attempt counted, they wait with the first.
    assert [e.attempts for e in rest] == [0, 0]
    assert {e.next_attempt_at for e in rest} == {first.next_attempt_at}
    # The task library wakes a worker when the retry is due.
    [retry] = DBTaskResult.objects.filter(task_path=TASK, status=TaskResultStatus.READY)
    assert timedelta(seconds=25) < retry.run_after - timezone.now() <= timedelta(seconds=30)
    assert drain().failed == 0  # not due yet: nothing tried
    with smtp_sink(smtp_port) as sink, later(31):
        assert len(drain().sent) == 3
    assert sorted(sink.ids().values()) == [1, 1, 1]


def test_a_refused_address_is_given_up_at_once_and_the_others_go(db: None, smtp_port: int) -> None:
    [bad] = queue(recipient="nobody@example.org")
    [good] = queue(recipient="ana@example.org")
    with smtp_sink(smtp_port) as sink:
        sink.refuse.add("nobody@example.org")
        drained = drain()
    assert (drained.sent, drained.given_up) == ([good.id], 1)
    bad.refresh_from_db()
    assert bad.dead_at is not None
    assert bad.next_attempt_at is None
    assert "550" in bad.last_error


def test_after_the_last_attempt_the_e_mail_is_a_dead_letter(
    db: None, smtp_port: int, settings: Any
) -> None:
    settings.EMAIL_MAX_ATTEMPTS = 3
    [email] = queue()
    for hours in (2, 4, 6):
        with later(3600 * hours):
            drain()
    email.refresh_from_db()
    assert (email.attempts, email.sent_at) == (3, None)
    assert email.dead_at is not None
    with later(10**6):
        assert drain().failed == 0  # never tried again by itself


def test_the_sweep_wakes_a_worker_for_an_e_mail_whose_task_was_lost(
    db: None, settings: Any
) -> None:
    settings.EMAIL_SWEEP_GRACE = 60
    [email] = queue()
    DBTaskResult.objects.all().delete()  # a task backend that lost it
    assert sweep().woke is False  # within the grace period
    with later(61):
        assert sweep().woke is True
        assert sweep().woke is False  # one run waiting is enough
    [task] = DBTaskResult.objects.filter(task_path=TASK)
    assert deliver_email.call(*task.args_kwargs["args"]) is True
    assert [m.to for m in mail.outbox] == [[email.recipient]]


def test_the_sweep_ends_a_run_left_running_by_a_dead_worker(db: None, settings: Any) -> None:
    settings.EMAIL_LEASE = 300
    queue()
    task = DBTaskResult.objects.get(task_path=TASK)
    task.claim("worker-killed")
    DBTaskResult.objects.filter(id=task.id).update(
        started_at=timezone.now() - timedelta(seconds=301)
    )
    assert sweep().abandoned_runs == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "LeaseExpired" in task.exception_class_path


def test_a_rollback_leaves_neither_the_e_mail_nor_its_task(db: None) -> None:
    def cause_that_fails() -> None:
        with transaction.atomic():
            queue_email(recipient="a@example.org", subject="s", body="b", link="", reason="r")
            raise RuntimeError("the cause failed")

    with pytest.raises(RuntimeError):
        cause_that_fails()
    assert not OutboxEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_audit_log_names_who_sent_a_dead_letter_again(db: None, staff: Any) -> None:
    from comptoir.core.outbox import email_retry

    [email] = queue()
    OutboxEmail.objects.filter(id=email.id).update(
        dead_at=clock.now(), next_attempt_at=None, attempts=12
    )
    email_retry(email_id=email.id, actor=staff)
    email.refresh_from_db()
    assert (email.attempts, email.dead_at) == (0, None)
    entry = AuditEntry.objects.get(verb="outbox.retried")
    assert (entry.actor, entry.subject_id) == (staff, email.id)
    assert deliver_email.call(email.id) is True
