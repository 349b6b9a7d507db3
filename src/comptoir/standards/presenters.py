"""Standards figures and actions as plain data, in the reader's language (API and pages)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comptoir.standards import rules
from comptoir.standards.models import Action, Flag
from comptoir.standards.notices import step_code
from comptoir.standards.selectors import Standing


def percent(value: float | Fraction | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    return _("%(value)s %%") % {
        "value": number_format(round(float(value) * 100, digits), digits, use_l10n=True)
    }


def _row(
    code: str,
    label: str,
    value: Fraction | None,
    threshold: Fraction,
    over: bool,
    detail: str,
    window: str,
) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "value": float(value) if value is not None else None,
        "text": percent(value),
        "threshold": float(threshold),
        "threshold_text": _("%(share)s or more") % {"share": percent(threshold, 0)},
        "over": over,
        "detail": detail,
        "window": window,
    }


def figure_rows(s: Standing) -> list[dict[str, Any]]:
    """Each standard with the shop's figure, the threshold, and whether it is flagged."""
    f, t = s.figures, s.thresholds
    flagged = {flag.kind for flag in s.flags}
    rate = rules.Share(f.window_dissatisfied, f.window_orders)
    recent = rules.recent(f.dissatisfied_on, s.today, t.recent_days)
    days = {"days": t.rate_window_days}
    return [
        _row(
            rules.FlagKind.DISSATISFACTION,
            _("Order dissatisfaction"),
            rate.value,
            t.dissatisfaction_rate,
            rules.FlagKind.DISSATISFACTION in flagged,
            _(
                "%(part)s of %(whole)s orders had a case or a 1–2 star review; "
                "%(total)s since the shop's first sale, %(recent)s in the last %(recent_days)s days"
            )
            % {
                "part": f.window_dissatisfied,
                "whole": f.window_orders,
                "total": len(f.dissatisfied_on),
                "recent": recent,
                "recent_days": t.recent_days,
            },
            _("orders of the last %(days)s days") % days,
        ),
        _row(
            rules.FlagKind.LATE_SHIPPING,
            _("Late shipping"),
            f.late.value,
            t.late_share,
            rules.FlagKind.LATE_SHIPPING in flagged,
            _("%(part)s of %(whole)s orders due were not shipped by their date")
            % {"part": f.late.part, "whole": f.late.whole},
            _("the last %(days)s days") % {"days": t.late_window_days},
        ),
        _row(
            rules.FlagKind.UNANSWERED,
            _("Unanswered messages"),
            f.unanswered.value,
            t.unanswered_share,
            rules.FlagKind.UNANSWERED in flagged,
            _("%(part)s of %(whole)s first messages were not answered within 24 hours")
            % {"part": f.unanswered.part, "whole": f.unanswered.whole},
            _("the last %(days)s days") % {"days": t.unanswered_window_days},
        ),
    ]


def counts(s: Standing) -> dict[str, float]:
    f = s.figures
    weeks = list(f.weekly_orders[:-1])
    return {
        "non_delivery_cases": f.non_delivery_cases,
        "not_as_described_cases": f.not_as_described_cases,
        "low_reviews": f.low_reviews,
        "orders_last_week": f.weekly_orders[-1] if f.weekly_orders else 0,
        "weekly_average": round(sum(weeks) / len(weeks), 1) if weeks else 0,
    }


def flag_text(kind: str) -> str:
    return str(dict(Flag.Kind.choices).get(kind, kind))


def measure_texts(measures: list[str]) -> list[str]:
    labels = dict(Action.Measure.choices)
    return [str(labels.get(m, m)) for m in measures]


def action_data(action: Action, today: Any) -> dict[str, Any]:
    return {
        "id": action.id,
        "step": step_code(action.step),
        "step_text": action.get_step_display(),
        "measures": list(action.measures),
        "measures_text": measure_texts(list(action.measures)),
        "reason": action.shown_reason,
        "flag": action.flag_kind or None,
        "flag_text": flag_text(action.flag_kind) if action.flag_kind else "",
        "automatic": action.automatic,
        "by": "" if action.author is None else str(action.author),
        "taken_at": action.taken_at,
        "ends_on": action.ends_on,
        "in_force": action.as_rule().active(today),
        "lifted_at": action.lifted_at,
        "lifted_by": "" if action.lifted_by is None else str(action.lifted_by),
        "lift_reason": action.lift_reason,
        "ended_at": action.ended_at,
    }


def standing_data(s: Standing, *, for_staff: bool) -> dict[str, Any]:
    """The shop's standing; the seller sees the same, without staff's names."""
    actions = [action_data(a, s.today) for a in s.actions]
    if not for_staff:
        for a in actions:
            a["by"] = _("Automatic rule") if a["automatic"] else _("Trust & Safety")
            a["lifted_by"] = _("Trust & Safety") if a["lifted_at"] else ""
    return {
        "shop_id": s.shop.external_id,
        "as_of": s.today,
        "figures": figure_rows(s),
        "counts": counts(s),
        "flags": [
            {
                "kind": str(flag.kind),
                "kind_text": flag_text(flag.kind),
                "value": float(flag.value),
                "threshold": float(flag.threshold),
            }
            for flag in s.flags
        ],
        "step": step_code(s.step) if s.step else None,
        "next_step": step_code(s.next_step),
        "measures": s.shop.staff_measures,
        "accepts_orders": s.shop.accepts_orders,
        "in_search": s.shop.in_search,
        "payouts_held": s.shop.payouts_held,
        "actions": actions,
    }
