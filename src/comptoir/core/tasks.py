"""Scheduling background work so that a crash never loses it and a rollback never sends it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


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
