"""The evaluation asked for on demand runs in the worker; its row shows the progress."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from comptoir.accounts.models import User
from comptoir.core import audit, clock
from comptoir.core.errors import Conflict
from comptoir.core.tasks import enqueue_with_transaction
from comptoir.responsiveness.rules import utc_day
from comptoir.standards.evaluation import evaluate
from comptoir.standards.models import Evaluation

STALE_AFTER = timedelta(hours=1)


@task()
def run_evaluation(evaluation_id: int) -> str:
    evaluation = Evaluation.objects.filter(id=evaluation_id, state=Evaluation.State.RUNNING).first()
    if evaluation is None:
        return "gone"
    return evaluate(evaluation).state


def evaluation_start(*, requested_by: User) -> Evaluation:
    """Record an evaluation of today and run it in the background; one at a time."""
    with transaction.atomic():
        running = Evaluation.objects.filter(
            state=Evaluation.State.RUNNING, started_at__gte=clock.now() - STALE_AFTER
        ).first()
        if running is not None:
            raise Conflict(
                "evaluation_running",
                _("An evaluation is already running."),
                fields={"evaluation_id": str(running.id)},
            )
        evaluation = Evaluation.objects.create(
            day=utc_day(clock.now()),
            trigger=Evaluation.Trigger.ON_DEMAND,
            requested_by=requested_by,
            started_at=clock.now(),
            progress="queued",
        )
        audit.record(
            actor=requested_by,
            verb="evaluation.requested",
            subject=("standards_evaluation", evaluation.id),
        )
        enqueue_with_transaction(run_evaluation, evaluation.id)
    return evaluation
