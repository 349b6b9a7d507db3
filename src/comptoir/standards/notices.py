"""Telling the shop (e-mail, in each member's language) and the marketplace (webhook)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.accounts.entry import entry_link
from comptoir.accounts.models import User
from comptoir.core.outbox import queue_email
from comptoir.shops.models import Shop
from comptoir.standards import rules
from comptoir.standards.models import Action
from comptoir.webhooks.services import emit

EVENTS = {
    "shop.standards_action_taken": gettext_lazy(
        "Trust & Safety took a step of the ladder on a shop."
    ),
    "shop.standards_action_lifted": gettext_lazy("Trust & Safety lifted an action on a shop."),
    "shop.standards_action_ended": gettext_lazy(
        "A temporary measure on a shop reached its end date."
    ),
}


def standards_path(shop: Shop) -> str:
    return f"/shop/{shop.id}/standards/"


def step_code(step: int) -> str:
    return rules.Step(step).name.lower()


def _members(shop: Shop) -> list[User]:
    return list(User.objects.filter(shop_memberships__shop=shop).exclude(email=""))


def _subject(action: Action) -> str:
    if action.step == Action.Step.RECOMMENDATION:
        return _("%(shop)s: advice to improve your service") % {"shop": action.shop.name}
    if action.step == Action.Step.WARNING:
        return _("%(shop)s: warning about your service standards") % {"shop": action.shop.name}
    if action.step == Action.Step.TEMPORARY:
        return _("%(shop)s: temporary measures on your shop") % {"shop": action.shop.name}
    return _("%(shop)s: your selling and buying privileges are revoked") % {
        "shop": action.shop.name
    }


def _measures(action: Action) -> str:
    labels = dict(Action.Measure.choices)
    return ", ".join(str(labels[m]) for m in action.measures)


def _taken_body(action: Action) -> str:
    lines = [_("Trust & Safety wrote about your shop's service:"), "", action.shown_reason, ""]
    if action.measures and action.step == Action.Step.TEMPORARY:
        lines.append(_("In force: %(measures)s.") % {"measures": _measures(action)})
    if action.ends_on:
        lines.append(_("Until %(day)s.") % {"day": action.ends_on.isoformat()})
    lines.append(_("Your figures, what they are measured against and what to fix:"))
    return "\n".join(lines)


def _send(shop: Shop, action: Action, reason: str, subject: Any, body: Any) -> None:
    path = standards_path(shop)
    for member in _members(shop):
        with translation.override(member.language or None):
            queue_email(
                recipient=member.email,
                subject=subject(action),
                body=body(action),
                link=entry_link(path, recipient=member),
                reason=reason,
            )


def action_taken(shop: Shop, action: Action) -> None:
    _send(shop, action, f"standards_{step_code(action.step)}", _subject, _taken_body)


def action_lifted(shop: Shop, action: Action) -> None:
    def subject(a: Action) -> str:
        return _("%(shop)s: an action on your shop was lifted") % {"shop": a.shop.name}

    def body(a: Action) -> str:
        return _("Trust & Safety lifted the %(step)s of %(day)s:\n\n%(reason)s") % {
            "step": a.get_step_display().lower(),
            "day": a.taken_on.isoformat(),
            "reason": a.lift_reason,
        }

    _send(shop, action, "standards_lifted", subject, body)


def action_payload(shop: Shop, action: Action) -> dict[str, Any]:
    """What the marketplace reads, in the webhook and in the API."""
    return {
        "shop_id": shop.external_id,
        "action": {
            "id": action.id,
            "step": step_code(action.step),
            "measures": list(action.measures),
            "reason": action.shown_reason,
            "flag": action.flag_kind or None,
            "automatic": action.automatic,
            "taken_at": action.taken_at.isoformat(),
            "ends_on": action.ends_on.isoformat() if action.ends_on else None,
            "lifted_at": action.lifted_at.isoformat() if action.lifted_at else None,
            "lift_reason": action.lift_reason or None,
            "ended_at": action.ended_at.isoformat() if action.ended_at else None,
        },
        "shop": {
            "status": shop.standing.status,
            "status_measure": shop.standing.measure or None,
            "status_until": shop.standing.until.isoformat() if shop.standing.until else None,
            "accepts_orders": shop.accepts_orders,
            "in_search": shop.in_search,
            "payouts_held": shop.payouts_held,
            "may_send_promotions": shop.may_send_promotions,
            "staff_measures": shop.staff_measures,
        },
    }


def publish(shop: Shop, event: str, action: Action) -> None:
    emit(event=event, payload=action_payload(shop, action))
