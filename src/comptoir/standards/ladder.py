"""Taking a step of the escalation ladder, lifting it, and what each measure does.

Every step is one transaction: the action row, the shop's measures in force, the audit
line, the e-mail to the shop and the webhook delivery commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.cases.models import Case
from comptoir.core import audit, clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.responsiveness.rules import utc_day
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop, ShopMember
from comptoir.standards import notices, rules
from comptoir.standards.models import Action, Flag, Health

EVIDENCE_ITEMS = 20
REASON_MAX = 4000

_REFUSALS = {
    "revoked": lambda: _("The shop's privileges are revoked: lift the revocation first."),
    "person_only": lambda: _("Only a person may take this step."),
    "not_next_step": lambda: _("An automatic rule may only take the next step."),
    "already_in_force": lambda: _("This step is already in force: lift it or wait for its end."),
}


def _today() -> date:
    return utc_day(clock.now())


def _check(
    *, step: int, measures: Sequence[str], reason: str, flag_kind: str, ends_on: date | None
) -> list[str]:
    fields: dict[str, str] = {}
    if step not in Action.Step.values:
        fields["step"] = "invalid_choice"
    if not reason.strip():
        fields["reason"] = "required"
    elif len(reason) > REASON_MAX:
        fields["reason"] = "too_long"
    if flag_kind and flag_kind not in Flag.Kind.values:
        fields["flag_kind"] = "invalid_choice"
    unknown = [m for m in measures if m not in Action.Measure.values]
    if unknown:
        fields["measures"] = "invalid_choice"
    elif step == Action.Step.TEMPORARY and not measures:
        fields["measures"] = "required"
    elif step in (Action.Step.RECOMMENDATION, Action.Step.WARNING) and measures:
        fields["measures"] = "not_allowed"
    if ends_on is not None and ends_on <= _today():
        fields["ends_on"] = "not_in_future"
    if fields:
        raise DomainError("invalid_action", _("The action is not valid."), fields=fields)
    if step == Action.Step.REVOCATION:
        return list(Action.Measure.values)
    return sorted(set(measures))


def evidence_for(shop: Shop, today: date) -> dict[str, Any]:
    """What the decision rests on, frozen with it: the shop's latest figures, its open
    flags, and the recent cases and low reviews behind them (ids and a few words)."""
    health = Health.objects.filter(shop=shop).order_by("-day").first()
    since = clock.now() - timedelta(days=90)
    cases = Case.objects.filter(shop=shop, opened_at__gte=since).order_by("-opened_at")
    reviews = (
        Review.objects.select_related("order")
        .filter(shop=shop, stars__lte=2, reviewed_at__gte=since)
        .order_by("-reviewed_at")
    )
    return {
        "figures": _health_dict(health) if health else None,
        "flags": [
            {"kind": f.kind, "value": f.value, "threshold": f.threshold, **f.evidence}
            for f in Flag.objects.filter(shop=shop, cleared_on__isnull=True)
        ],
        "cases": [
            {
                "id": c.external_id,
                "type": c.type,
                "variant": c.variant,
                "status": c.status,
                "on": str(utc_day(c.opened_at)),
            }
            for c in cases[:EVIDENCE_ITEMS]
        ],
        "low_reviews": [
            {"order": r.order.external_id, "stars": r.stars, "on": str(utc_day(r.reviewed_at))}
            for r in reviews[:EVIDENCE_ITEMS]
        ],
        "as_of": str(today),
    }


def _health_dict(health: Health) -> dict[str, Any]:
    names = [
        *("day", "orders", "dissatisfied", "dissatisfaction_rate", "non_delivery_cases"),
        *("not_as_described_cases", "low_reviews", "late", "due", "late_rate"),
        *("unanswered", "first_messages", "unanswered_rate"),
    ]
    return {name: (str(v) if isinstance(v := getattr(health, name), date) else v) for name in names}


def _locked(shop_id: int) -> Shop:
    shop = Shop.objects.select_for_update().filter(id=shop_id).first()
    if shop is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return shop


@transaction.atomic
def action_take(
    *,
    actor: User | None,
    shop_id: int,
    step: int,
    reason: str,
    measures: Sequence[str] = (),
    flag_kind: str = "",
    ends_on: date | None = None,
    automatic: bool = False,
) -> Action:
    """Take one step for a shop. A rule (`automatic`, no actor) takes only the next of the
    first two steps; a person any step not already in force."""
    measures = _check(
        step=step, measures=measures, reason=reason, flag_kind=flag_kind, ends_on=ends_on
    )
    shop = _locked(shop_id)
    today = _today()
    history = list(Action.objects.filter(shop=shop))
    try:
        rules.check_step(
            rules.Step(step), [a.as_rule() for a in history], today, automatic=automatic
        )
    except rules.LadderRefusal as refusal:
        raise Conflict(refusal.code, _REFUSALS[refusal.code]()) from None
    action = Action.objects.create(
        shop=shop,
        step=step,
        measures=measures,
        reason=reason.strip(),
        flag_kind=flag_kind,
        evidence=evidence_for(shop, today),
        author=actor,
        automatic=automatic,
        taken_at=clock.now(),
        taken_on=today,
        ends_on=ends_on,
    )
    if flag_kind and not automatic:  # a person reviewed it: it leaves the queue
        Flag.objects.filter(shop=shop, kind=flag_kind, cleared_on__isnull=True).update(
            cleared_on=today
        )
    apply_measures(shop, [*history, action], today)
    audit.record(
        actor=actor,
        verb="action.taken",
        shop_id=shop.id,
        subject=("standards_action", action.id),
        details={
            "step": action.get_step_display(),
            "step_code": step,
            "measures": measures,
            "reason": action.reason,
            "ends_on": str(ends_on) if ends_on else None,
            "automatic": automatic,
        },
    )
    notices.action_taken(shop, action)
    notices.publish(shop, "shop.standards_action_taken", action)
    return action


@transaction.atomic
def action_lift(*, actor: User, action_id: int, reason: str) -> Action:
    """Lift an action in force: its measures stop at once, and the lifting is recorded."""
    action = Action.objects.filter(id=action_id).first()
    if action is None:
        raise NotFound("action_not_found", _("No such action."))
    if not reason.strip():
        raise DomainError(
            "invalid_lift", _("Say why the action is lifted."), fields={"reason": "required"}
        )
    shop = _locked(action.shop_id)
    action = Action.objects.get(id=action_id)
    today = _today()
    if not action.as_rule().active(today):
        raise Conflict("not_in_force", _("This action is no longer in force."))
    action.lifted_at, action.lifted_on = clock.now(), today
    action.lifted_by, action.lift_reason = actor, reason.strip()
    action.save(update_fields=["lifted_at", "lifted_on", "lifted_by", "lift_reason"])
    apply_measures(shop, list(Action.objects.filter(shop=shop)), today)
    audit.record(
        actor=actor,
        verb="action.lifted",
        shop_id=shop.id,
        subject=("standards_action", action.id),
        details={"step": action.get_step_display(), "reason": action.lift_reason},
    )
    notices.action_lifted(shop, action)
    notices.publish(shop, "shop.standards_action_lifted", action)
    return action


def end_due_actions() -> int:
    """Actions whose end date has come stop, each in its own transaction; how many."""
    today = _today()
    ended = 0
    due = Action.objects.filter(ended_at__isnull=True, lifted_at__isnull=True, ends_on__lte=today)
    for action_id, shop_id in due.values_list("id", "shop_id"):
        with transaction.atomic():
            shop = _locked(shop_id)
            claimed = Action.objects.filter(id=action_id, ended_at__isnull=True).update(
                ended_at=clock.now()
            )
            if not claimed:
                continue
            action = Action.objects.get(id=action_id)
            apply_measures(shop, list(Action.objects.filter(shop=shop)), today)
            audit.record(
                actor=None,
                verb="action.ended",
                shop_id=shop.id,
                subject=("standards_action", action.id),
                details={"step": action.get_step_display(), "ends_on": str(action.ends_on)},
            )
            if action.step >= Action.Step.TEMPORARY:
                notices.publish(shop, "shop.standards_action_ended", action)
            ended += 1
    return ended


def apply_measures(shop: Shop, actions: Sequence[Action], today: date) -> bool:
    """Set the shop's measures from the actions in force (and, with a revocation, the
    owner's buying privileges). Whether anything changed."""
    pairs = [(a.as_rule(), a.measure_set()) for a in actions]
    force = rules.measures_in_force(pairs, today)
    revoked = rules.current_step([a.as_rule() for a in actions], today) == rules.Step.REVOCATION
    paused = rules.Measure.PAUSE_SHOP in force
    wanted: dict[str, object] = {
        "staff_search_removal": rules.Measure.SEARCH_REMOVAL in force,
        "staff_paused": rules.Measure.PAUSE_SHOP in force,
        "staff_payout_hold": rules.Measure.PAYOUT_HOLD in force,
        "staff_no_promotions": rules.Measure.NO_PROMOTIONS in force,
        "staff_revoked": revoked,
        # The end dates the shop's status names ("Paused by the marketplace until …").
        "staff_pause_ends_on": (
            rules.measure_ends_on(pairs, rules.Measure.PAUSE_SHOP, today) if paused else None
        ),
        "staff_revocation_ends_on": rules.measure_ends_on(pairs, None, today) if revoked else None,
    }
    changed = [name for name, value in wanted.items() if getattr(shop, name) != value]
    for name in changed:
        setattr(shop, name, wanted[name])
    if changed:
        shop.save(update_fields=[*changed, "updated_at"])
    if "staff_revoked" in changed:
        owners = ShopMember.objects.filter(shop=shop, role=ShopMember.Role.OWNER)
        User.objects.filter(id__in=owners.values("user_id")).update(buying_revoked=revoked)
    return bool(changed)


@transaction.atomic
def flag_dismiss(*, actor: User, flag_id: int, reason: str) -> Flag:
    """Staff looked and no action is needed: the flag leaves the queue, and the shop is not
    flagged again for it until the re-evaluation delay has passed."""
    if not reason.strip():
        raise DomainError(
            "invalid_dismissal", _("Say why no action is needed."), fields={"reason": "required"}
        )
    flag = Flag.objects.select_for_update().filter(id=flag_id).first()
    if flag is None:
        raise NotFound("flag_not_found", _("No such flag."))
    if flag.cleared_on is not None:
        raise Conflict("flag_closed", _("This flag is no longer open."))
    flag.cleared_on = _today()
    flag.dismissed_at, flag.dismissed_by, flag.dismiss_reason = clock.now(), actor, reason.strip()
    flag.save(update_fields=["cleared_on", "dismissed_at", "dismissed_by", "dismiss_reason"])
    audit.record(
        actor=actor,
        verb="flag.dismissed",
        shop_id=flag.shop_id,
        subject=("standards_flag", flag.id),
        details={"kind": flag.kind, "value": flag.value, "reason": flag.dismiss_reason},
    )
    return flag
