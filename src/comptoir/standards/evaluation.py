"""Evaluating every shop: figures, flags, the queue, and the automatic first steps.

The figures come set-based from the rollups (`figures.gather`); the writes are a handful
of bulk statements in one transaction, so a failed run leaves the previous day's queue as
it was. The `Evaluation` row is written outside that transaction and shows the progress.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import Conflict
from comptoir.responsiveness.rules import utc_day
from comptoir.standards import figures, ladder, rules
from comptoir.standards.config import current_settings
from comptoir.standards.models import (
    AUTOMATIC_REASONS,
    Action,
    Evaluation,
    Flag,
    Health,
    StandardsSettings,
)

log = logging.getLogger(__name__)


Progress = Callable[[Evaluation], None]


def _progress(
    evaluation: Evaluation, text: str, say: Progress | None = None, **counts: int
) -> None:
    evaluation.progress = text
    for name, value in counts.items():
        setattr(evaluation, name, value)
    evaluation.save(update_fields=["progress", *counts])
    if say is not None:
        say(evaluation)


def _last_reviewed(today: date, days: int) -> dict[int, dict[rules.FlagKind, date]]:
    """shop -> flag kind -> the latest day a person acted on it or dismissed it, within
    `days`. An automatic step does not count: the shop stays in the queue for staff."""
    since = today - timedelta(days=days)
    found: dict[int, dict[rules.FlagKind, date]] = defaultdict(dict)
    acted = Action.objects.filter(taken_on__gt=since, automatic=False).exclude(flag_kind="")
    dismissed = Flag.objects.filter(dismissed_at__isnull=False, cleared_on__gt=since)
    for shop_id, kind, on in [
        *acted.values_list("shop_id", "flag_kind", "taken_on"),
        *dismissed.values_list("shop_id", "kind", "cleared_on"),
    ]:
        known = found[shop_id].get(rules.FlagKind(kind))
        if on is not None and (known is None or on > known):
            found[shop_id][rules.FlagKind(kind)] = on
    return found


def _health(
    shop_id: int, day: date, f: rules.ShopFigures, found: list[rules.Flag], t: rules.Thresholds
) -> Health:
    recent = rules.recent(f.dissatisfied_on, day, t.recent_days)
    weeks = f.weekly_orders[:-1]
    return Health(
        shop_id=shop_id,
        day=day,
        orders=f.window_orders,
        dissatisfied=f.window_dissatisfied,
        dissatisfaction_rate=_float(rules.Share(f.window_dissatisfied, f.window_orders)),
        dissatisfied_since_first_sale=len(f.dissatisfied_on),
        dissatisfied_recent=recent,
        non_delivery_cases=f.non_delivery_cases,
        not_as_described_cases=f.not_as_described_cases,
        low_reviews=f.low_reviews,
        late=f.late.part,
        due=f.late.whole,
        late_rate=_float(f.late),
        unanswered=f.unanswered.part,
        first_messages=f.unanswered.whole,
        unanswered_rate=_float(f.unanswered),
        orders_last_week=f.weekly_orders[-1] if f.weekly_orders else 0,
        weekly_average=sum(weeks) / len(weeks) if weeks else 0.0,
        flags=[flag.kind.value for flag in found],
    )


def _float(share: rules.Share) -> float | None:
    value = share.value
    return float(value) if value is not None else None


def evaluate(evaluation: Evaluation, say: Progress | None = None) -> Evaluation:
    """Run one evaluation to its end (state done or failed); `say` hears each phase."""
    try:
        return _evaluate(evaluation, say)
    except Exception as error:
        log.exception("standards evaluation %s failed", evaluation.id)
        evaluation.state, evaluation.error = Evaluation.State.FAILED, repr(error)[:2000]
        evaluation.finished_at = clock.now()
        evaluation.save(update_fields=["state", "error", "finished_at"])
        raise


def _evaluate(evaluation: Evaluation, say: Progress | None) -> Evaluation:
    today = evaluation.day
    config = current_settings()
    t = config.thresholds()
    _progress(evaluation, "figures", say)
    gathered = figures.gather(today, t)
    _progress(evaluation, "flags", say, shops_evaluated=len(gathered))
    reviewed = _last_reviewed(today, t.review_after_days)
    found = {
        shop_id: rules.flags(f, today, t, last_action=reviewed.get(shop_id))
        for shop_id, f in gathered.items()
    }
    rows = [_health(shop_id, today, gathered[shop_id], found[shop_id], t) for shop_id in gathered]
    raised: list[tuple[int, rules.Flag]] = []
    with transaction.atomic():
        Health.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["shop", "day"],
            update_fields=[
                f.name for f in Health._meta.concrete_fields if f.name not in ("id", "shop", "day")
            ],
        )
        open_flags = {(f.shop_id, f.kind): f for f in Flag.objects.filter(cleared_on__isnull=True)}
        new, seen = [], []
        for shop_id, shop_flags in found.items():
            for flag in shop_flags:
                row = open_flags.pop((shop_id, flag.kind.value), None)
                values = {
                    "value": float(flag.value),
                    "threshold": float(flag.threshold),
                    "evidence": flag.evidence,
                    "seen_on": today,
                }
                if row is None:
                    new.append(Flag(shop_id=shop_id, kind=flag.kind, raised_on=today, **values))
                    raised.append((shop_id, flag))
                else:
                    for name, value in values.items():
                        setattr(row, name, value)
                    seen.append(row)
        Flag.objects.bulk_create(new, batch_size=2000)
        Flag.objects.bulk_update(seen, ["value", "threshold", "evidence", "seen_on"], 2000)
        cleared = Flag.objects.filter(id__in=[f.id for f in open_flags.values()]).update(
            cleared_on=today
        )
        evaluation.shops_flagged = sum(1 for shop_flags in found.values() if shop_flags)
        evaluation.flags_raised, evaluation.flags_cleared = len(new), cleared
        evaluation.save(update_fields=["shops_flagged", "flags_raised", "flags_cleared"])
    _progress(evaluation, "automatic actions", say)
    evaluation.automatic_actions = _automatic_steps(raised, config, today)
    evaluation.state, evaluation.progress = Evaluation.State.DONE, ""
    evaluation.finished_at = clock.now()
    evaluation.save(update_fields=["automatic_actions", "state", "progress", "finished_at"])
    return evaluation


def _automatic_steps(
    raised: list[tuple[int, rules.Flag]], config: StandardsSettings, today: date
) -> int:
    """The next step for each newly flagged shop, when staff let a rule take it."""
    allowed = {
        rules.Step.RECOMMENDATION: config.auto_recommendation,
        rules.Step.WARNING: config.auto_warning,
    }
    if not any(allowed.values()) or not raised:
        return 0
    history: dict[int, list[rules.Action]] = defaultdict(list)
    for action in Action.objects.filter(shop_id__in={shop_id for shop_id, _ in raised}):
        history[action.shop_id].append(action.as_rule())
    taken, done = 0, set()
    for shop_id, flag in raised:
        if shop_id in done:  # one step a day per shop, for its first new flag
            continue
        step = rules.next_step(history[shop_id], today)
        if not allowed.get(step):
            continue
        try:
            ladder.action_take(
                actor=None,
                shop_id=shop_id,
                step=step,
                reason=_record_wording(flag.kind),
                flag_kind=flag.kind.value,
                automatic=True,
            )
        except Conflict:
            continue
        done.add(shop_id)
        taken += 1
    return taken


def _record_wording(kind: rules.FlagKind) -> str:
    """A rule's reason as the record keeps it (the site's language); readers see it in
    theirs (`Action.shown_reason`)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(AUTOMATIC_REASONS[kind])


def evaluate_now(
    *, requested_by: User | None = None, trigger: str = "on_demand", say: Progress | None = None
) -> Evaluation:
    """Evaluate in this process (the CLI and tests)."""
    evaluation = Evaluation.objects.create(
        day=utc_day(clock.now()),
        trigger=trigger,
        requested_by=requested_by,
        started_at=clock.now(),
    )
    return evaluate(evaluation, say)


def evaluate_daily() -> Evaluation | None:
    """The periodic job: today's scheduled evaluation, once (every worker may call it)."""
    today = utc_day(clock.now())
    done = Evaluation.objects.filter(
        Q(state=Evaluation.State.DONE) | Q(state=Evaluation.State.RUNNING),
        day=today,
        trigger=Evaluation.Trigger.SCHEDULED,
    )
    if done.exists():
        return None
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                day=today, trigger=Evaluation.Trigger.SCHEDULED, started_at=clock.now()
            )
    except IntegrityError:  # another worker started it a moment ago
        return None
    return evaluate(evaluation)
