"""Scheduling background work so that a crash never loses it and a rollback never sends it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

log = logging.getLogger(__name__)


def enqueue_with_transaction(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue `task` as part of the current transaction.

    With the database backend the task row is written in the same transaction as its
    cause: both commit or neither does. Other backends (Redis) cannot join the
    transaction, so the task is enqueued once it commits.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


# Per process and database: the start time of a waiting batched run this process has
# seen committed, so a burst of writes looks it up once rather than once per write.
_waiting_runs: dict[tuple[str, str], datetime] = {}


def forget_waiting_runs() -> None:
    """Forget the runs this process saw waiting (a database emptied under it: tests)."""
    _waiting_runs.clear()


def enqueue_batched(task: Task[Any, Any], *args: Any, wait: timedelta, margin: timedelta) -> bool:
    """Enqueue `task` to start `wait` from now, unless one already waits to start soon.

    For a task that does all the pending work of its kind (the outbox's): a burst of
    causes shares one run instead of one task each. A waiting run counts only if it
    starts more than `margin` from now, so it cannot have looked for work before the
    caller's transaction commits (a longer transaction is caught by the caller's sweep).
    The run this process last saw is remembered: within its window, no query (one seen
    in a transaction that then rolls back leaves its e-mails to the caller's sweep).
    Other backends enqueue on commit each time. True when a task was enqueued.
    """
    if not isinstance(task.get_backend(), DatabaseBackend):
        transaction.on_commit(lambda: task.enqueue(*args))
        return True
    now = timezone.now()
    memo = (connection.settings_dict["NAME"], task.module_path)
    seen = _waiting_runs.get(memo)
    if seen is not None and now + margin < seen <= now + wait:
        return False
    waiting = (
        DBTaskResult.objects.filter(
            status=TaskResultStatus.READY,
            task_path=task.module_path,
            run_after__gt=now + margin,
            run_after__lte=now + wait,
        )
        .order_by("-run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    if waiting is not None:
        _waiting_runs[memo] = waiting
        return False
    run_after = now + wait
    task.using(run_after=run_after).enqueue(*args)
    transaction.on_commit(lambda: _waiting_runs.__setitem__(memo, run_after))
    return True


def is_waiting(task: Task[Any, Any], *, within: timedelta) -> bool:
    """Whether a run of `task` is queued to start within `within` (database backend)."""
    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        Q(run_after__lte=timezone.now() + within) | Q(run_after=get_date_max()),
        status=TaskResultStatus.READY,
        task_path=task.module_path,
    ).exists()


class LeaseExpired(Exception):
    """A task left "running" longer than its lease: its worker died (kill -9, power cut)."""


def fail_abandoned(task: Task[Any, Any], *, lease: timedelta) -> int:
    """Mark runs of `task` still "running" after `lease` as failed; how many.

    django-tasks-db leaves the run of a killed worker "running" for ever. The task's own
    records (its leases) decide what is done again; this only ends the stale status, so
    the admin and the sweep see the truth. A run that is in fact alive and finishes later
    still records its success.
    """
    if not isinstance(task.get_backend(), DatabaseBackend):
        return 0
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path=task.module_path,
        started_at__lt=timezone.now() - lease,
    )
    failed = 0
    for result in stale:
        log.warning("task %s (%s) ran past its lease: marked failed", result.id, task.name)
        result.set_failed(LeaseExpired(f"still running after {lease}; its worker is gone"))
        failed += 1
    return failed
