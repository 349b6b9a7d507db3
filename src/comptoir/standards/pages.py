"""What the standards web pages show, as plain values: queue rows with their trend, the
dissatisfaction sparkline, the seller's reading of each measure and the audit lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.core.models import AuditEntry
from comptoir.moderation.pages import VERBS as MODERATION_VERBS
from comptoir.shops.models import Shop
from comptoir.standards import advice
from comptoir.standards.models import Action, Flag, Health
from comptoir.standards.presenters import measure_texts, percent, standing_data
from comptoir.standards.selectors import QueueRow, Standing

# What each measure means for the seller, in their words.
MEASURE_MEANINGS: dict[str, Promise] = {
    Action.Measure.SEARCH_REMOVAL: gettext_lazy(
        "Your listings are out of search: buyers do not find them."
    ),
    Action.Measure.PAUSE_SHOP: gettext_lazy("Your shop cannot receive new orders."),
    Action.Measure.PAYOUT_HOLD: gettext_lazy("Payouts are held."),
    Action.Measure.NO_PROMOTIONS: gettext_lazy("You cannot send promotions to past buyers."),
}

VERBS: dict[str, Promise] = {
    "action.taken": gettext_lazy("Step taken"),
    "action.lifted": gettext_lazy("Action lifted"),
    "action.ended": gettext_lazy("Measure ended"),
    "flag.dismissed": gettext_lazy("Flag dismissed"),
    "thread.read": gettext_lazy("Thread read"),
    "settings.changed": gettext_lazy("Settings changed"),
    "evaluation.requested": gettext_lazy("Evaluation requested"),
    "audit.exported": gettext_lazy("Audit log exported"),
    "outbox.retried": gettext_lazy("Given-up e-mail sent again"),
    "review.reply_removed": gettext_lazy("Shop's reply to a review removed"),
    **MODERATION_VERBS,
}

PROGRESS: dict[str, Promise] = {
    "queued": gettext_lazy("Waiting for a worker"),
    "figures": gettext_lazy("Gathering the figures"),
    "flags": gettext_lazy("Raising and clearing flags"),
    "automatic actions": gettext_lazy("Taking the automatic steps"),
}

EVIDENCE: dict[str, Promise] = {
    "orders": gettext_lazy("orders in the window"),
    "dissatisfied": gettext_lazy("dissatisfied orders in the window"),
    "since_first_sale": gettext_lazy("dissatisfied orders since the first sale"),
    "recent": gettext_lazy("dissatisfied orders recently"),
    "count": gettext_lazy("count"),
    "of": gettext_lazy("out of"),
    "orders_last_week": gettext_lazy("orders in the last 7 days"),
    "weekly_average": gettext_lazy("weekly average"),
    "late_rising": gettext_lazy("late shipping rising"),
    "unanswered_rising": gettext_lazy("unanswered messages rising"),
}

SORT_LABELS: dict[str, Promise] = {
    "dissatisfaction": gettext_lazy("Dissatisfaction"),
    "late_shipping": gettext_lazy("Late shipping"),
    "unanswered": gettext_lazy("Unanswered messages"),
    "orders": gettext_lazy("Orders"),
    "low_reviews": gettext_lazy("Low reviews"),
    "cases": gettext_lazy("Cases"),
}

VIEW_LABELS: dict[str, Promise] = {
    "review": gettext_lazy("Needing review"),
    "measures": gettext_lazy("Measures in force"),
    "all": gettext_lazy("All shops"),
}


def step_text(step: int | None) -> str:
    if step is None:
        return ""
    return str(dict(Action.Step.choices).get(step, step))


def progress_text(progress: str) -> str:
    return str(PROGRESS.get(progress, progress))


def verb_text(verb: str) -> str:
    return str(VERBS.get(verb, verb))


@dataclass(frozen=True)
class Figure:
    """One cell of the queue: the figure today and how it moved in 30 days."""

    text: str
    arrow: str  # "▲", "▼" or ""
    before: str  # the value 30 days before ("" when it did not move or was not measured)
    worse: bool  # rose: every figure of the queue is better lower


def _number(value: float | None, is_share: bool) -> str:
    if value is None:
        return "—"
    return percent(value) if is_share else number_format(value, use_l10n=True)


def figure(now: float | None, before: float | None, *, is_share: bool) -> Figure:
    arrow = ""
    if now is not None and before is not None and now != before:
        arrow = "▲" if now > before else "▼"
    return Figure(
        text=_number(now, is_share),
        arrow=arrow,
        before=_number(before, is_share) if arrow else "",
        worse=arrow == "▲",
    )


def _cases(h: Health | None) -> int | None:
    return None if h is None else h.non_delivery_cases + h.not_as_described_cases


def queue_rows(rows: Iterable[QueueRow]) -> list[dict[str, Any]]:
    """The queue's rows for the template (no query: everything is on the rows)."""
    found = []
    for row in rows:
        h, b = row.health, row.before

        def old(name: str, b: Health | None = b) -> Any:
            return getattr(b, name) if b is not None else None

        found.append(
            {
                "shop": h.shop,
                "figures": {
                    "dissatisfaction": figure(
                        h.dissatisfaction_rate, old("dissatisfaction_rate"), is_share=True
                    ),
                    "late_shipping": figure(h.late_rate, old("late_rate"), is_share=True),
                    "unanswered": figure(h.unanswered_rate, old("unanswered_rate"), is_share=True),
                    "orders": figure(h.orders, old("orders"), is_share=False),
                    "low_reviews": figure(h.low_reviews, old("low_reviews"), is_share=False),
                    "cases": figure(_cases(h), _cases(b), is_share=False),
                },
                "flags": [(f.kind, f.get_kind_display()) for f in row.flags],
                "flagged_since": min((f.raised_on for f in row.flags), default=None),
                "step": step_text(row.step),
            }
        )
    return found


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: str
    threshold_y: float
    last_x: float
    last_y: float
    title: str


def sparkline(
    history: Sequence[Health], threshold: float, width: int = 320, height: int = 64
) -> Sparkline | None:
    """The dissatisfaction rate of each evaluation day, drawn against its threshold."""
    days = [(h.day, h.dissatisfaction_rate or 0.0) for h in history]
    if len(days) < 2:
        return None
    top = max(max(rate for _day, rate in days), threshold) * 1.15 or 1.0
    pad = 4
    span = (days[-1][0] - days[0][0]).days or 1

    def x(day: Any) -> float:
        return round(pad + (width - 2 * pad) * (day - days[0][0]).days / span, 1)

    def y(rate: float) -> float:
        return round(height - pad - (height - 2 * pad) * rate / top, 1)

    points = " ".join(f"{x(day)},{y(rate)}" for day, rate in days)
    title = _(
        "Order dissatisfaction rate from %(first_day)s (%(first)s) to %(last_day)s (%(last)s); "
        "threshold %(threshold)s"
    ) % {
        "first_day": days[0][0].isoformat(),
        "first": percent(days[0][1]),
        "last_day": days[-1][0].isoformat(),
        "last": percent(days[-1][1]),
        "threshold": percent(threshold, 0),
    }
    return Sparkline(
        width=width,
        height=height,
        points=points,
        threshold_y=y(threshold),
        last_x=x(days[-1][0]),
        last_y=y(days[-1][1]),
        title=title,
    )


def flag_rows(flags: Iterable[Flag]) -> list[dict[str, Any]]:
    """Open flags: the figure that raised each, against its threshold, and its evidence."""
    found = []
    for flag in flags:
        times = flag.kind == Flag.Kind.SURGE  # orders against the weekly average

        def show(value: float, times: bool = times) -> str:
            return _("×%(n)s") % {"n": number_format(value, 1)} if times else percent(value)

        found.append(
            {
                "flag": flag,
                "value": show(flag.value),
                "threshold": show(flag.threshold),
                "evidence": [
                    (str(EVIDENCE.get(name, name)), value)
                    for name, value in _details(flag.evidence)
                ],
            }
        )
    return found


def history_rows(history: Sequence[Health]) -> list[dict[str, Any]]:
    """The evaluation days, newest first, with their figures as text."""
    return [
        {
            "day": h.day,
            "orders": h.orders,
            "dissatisfied": h.dissatisfied,
            "rate": percent(h.dissatisfaction_rate),
            "late": percent(h.late_rate),
            "unanswered": percent(h.unanswered_rate),
            "flags": [str(dict(Flag.Kind.choices).get(k, k)) for k in h.flags],
        }
        for h in reversed(history)
    ]


def _with_meanings(action: dict[str, Any]) -> dict[str, Any]:
    meanings = [str(MEASURE_MEANINGS.get(m, "")) for m in action["measures"]]
    action["measure_rows"] = list(zip(action["measures_text"], meanings, strict=True))
    action["revocation"] = action["step"] == "revocation"
    return action


def tip_kinds(s: Standing) -> list[str]:
    """What the advice is about: the figures' flags today, then the actions in force."""
    kinds = [str(flag.kind) for flag in s.flags]
    for action in s.actions:
        if action.flag_kind and action.as_rule().active(s.today):
            kinds.append(action.flag_kind)
    return list(dict.fromkeys(kinds))


def seller_standing(s: Standing) -> dict[str, Any]:
    """The seller's page: staff's names left out, actions in force first, then the past."""
    data = standing_data(s, for_staff=False)
    actions = [_with_meanings(a) for a in data["actions"]]
    data["in_force"] = [a for a in actions if a["in_force"]]
    data["past"] = [a for a in actions if not a["in_force"]]
    data["step_text"] = step_text(s.step)
    data["tips"] = advice.tips(s.shop.id, tip_kinds(s))
    return data


def audit_lines(entries: Sequence[AuditEntry]) -> list[dict[str, Any]]:
    """The audit log's lines with the shops' names (one query for the page)."""
    shop_ids = {e.shop_id for e in entries if e.shop_id is not None}
    names = dict(Shop.objects.filter(id__in=shop_ids).values_list("id", "name")) if shop_ids else {}
    return [
        {
            "entry": e,
            "verb": verb_text(e.verb),
            "shop_name": names.get(e.shop_id, "") if e.shop_id is not None else "",
            "details": audit_details(e.details),
        }
        for e in entries
    ]


DETAILS: dict[str, Promise] = {
    "step": gettext_lazy("step"),
    "measures": gettext_lazy("measures"),
    "reason": gettext_lazy("reason"),
    "ends_on": gettext_lazy("ends on"),
    "automatic": gettext_lazy("automatic rule"),
    "kind": gettext_lazy("flag"),
    "value": gettext_lazy("figure"),
    "changes": gettext_lazy("changes"),
}
HIDDEN_DETAILS = {"step_code"}  # the same as "step", for programs


def audit_details(details: dict[str, Any]) -> list[tuple[str, str]]:
    """An audit line's details, each named in the reader's language."""
    readable: dict[str, Any] = {}
    for name, value in details.items():
        if name in HIDDEN_DETAILS or value is None or value == []:
            continue
        if name == "measures" and isinstance(value, list):
            value = measure_texts([str(m) for m in value])
        elif name == "kind" and isinstance(value, str):
            value = str(dict(Flag.Kind.choices).get(value, value))
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        readable[name] = value
    return [(str(DETAILS.get(name, name)), value) for name, value in _details(readable)]


def _details(details: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for name, value in sorted(details.items()):
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = "; ".join(f"{k}: {_change(v)}" for k, v in sorted(value.items()))
        found.append((name, str(value)))
    return found


def _change(value: Any) -> str:
    """A setting's change, [before, after], as "before → after"."""
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0]} → {value[1]}"
    return str(value)
