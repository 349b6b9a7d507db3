"""Service-level standards through the API.

A shop's members (and the marketplace's integration) read the shop's standing; Trust &
Safety read the queue, act, lift, configure and read the audit log. Missing and forbidden
both answer 404.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from comptoir.accounts.access import request_user, staff_user
from comptoir.accounts.auth import INTEGRATION_PERMISSION
from comptoir.core.api import ERRORS
from comptoir.core.errors import NotFound
from comptoir.core.schemas import BodyIn
from comptoir.shops.access import readable_shop
from comptoir.shops.models import Shop
from comptoir.standards import config, ladder, rules, selectors
from comptoir.standards.export import audit_csv_lines
from comptoir.standards.notices import step_code
from comptoir.standards.outbox_api import router as outbox_router
from comptoir.standards.presenters import action_data, standing_data
from comptoir.standards.tasks import evaluation_start

router = Router(tags=["standards"])

STEPS = {step_code(step): int(step) for step in rules.Step}  # "recommendation" -> 1 …


class FigureOut(BaseModel):
    code: str
    label: str
    value: float | None
    text: str
    threshold: float
    threshold_text: str
    over: bool = Field(description="the figure alone crosses its threshold and flags the shop")
    detail: str
    window: str


class FlagOut(BaseModel):
    kind: str = Field(
        description="dissatisfaction, late_shipping, unanswered_messages, unmanageable_surge"
    )
    kind_text: str
    value: float
    threshold: float


class ActionOut(BaseModel):
    id: int
    step: str = Field(description="recommendation, warning, temporary, revocation")
    step_text: str
    measures: list[str] = Field(
        description="search_removal, pause_shop, payout_hold, no_promotions"
    )
    measures_text: list[str]
    reason: str
    flag: str | None
    flag_text: str
    automatic: bool
    by: str
    taken_at: datetime
    ends_on: date | None
    in_force: bool
    lifted_at: datetime | None
    lifted_by: str
    lift_reason: str
    ended_at: datetime | None


class StandingOut(Schema):
    shop_id: str
    as_of: date
    figures: list[FigureOut]
    counts: dict[str, float]
    flags: list[FlagOut] = Field(description="what the figures flag today")
    step: str | None = Field(description="the highest step in force")
    next_step: str
    measures: list[str] = Field(description="Trust & Safety measures in force")
    accepts_orders: bool
    in_search: bool
    payouts_held: bool
    actions: list[ActionOut]


class ActionIn(BodyIn):
    step: Literal["recommendation", "warning", "temporary", "revocation"]
    reason: str = Field(description="shown to the seller")
    measures: list[Literal["search_removal", "pause_shop", "payout_hold", "no_promotions"]] = Field(
        default_factory=list, description="for the temporary step (at least one)"
    )
    flag: (
        Literal["dissatisfaction", "late_shipping", "unanswered_messages", "unmanageable_surge"]
        | None
    ) = Field(None, description="the flag acted on: it leaves the queue for 90 days")
    ends_on: date | None = Field(None, description="the measure ends at the start of this day")


class LiftIn(BodyIn):
    reason: str


class QueueQuery(Schema):
    view: Literal["review", "measures", "all"] = "review"
    kind: str = ""
    sort: Literal[
        "dissatisfaction", "late_shipping", "unanswered", "orders", "low_reviews", "cases"
    ] = "dissatisfaction"
    limit: int = Field(50, ge=1, le=200)
    cursor: str | None = None


class QueueItemOut(BaseModel):
    shop_id: str
    shop_name: str
    dissatisfaction_rate: float | None
    dissatisfaction_rate_30_days_ago: float | None
    late_rate: float | None
    unanswered_rate: float | None
    orders: int
    non_delivery_cases: int
    not_as_described_cases: int
    low_reviews: int
    flags: list[str]
    flagged_since: date | None
    step: str | None


class QueueOut(Schema):
    day: date | None = Field(description="the day of the last evaluation")
    waiting: int = Field(description="shops with an open flag")
    items: list[QueueItemOut]
    next_cursor: str | None


class EvaluationOut(Schema):
    id: int
    day: date
    trigger: str
    state: str
    progress: str
    started_at: datetime
    finished_at: datetime | None
    shops_evaluated: int
    shops_flagged: int
    flags_raised: int
    flags_cleared: int
    automatic_actions: int


class SettingsOut(Schema):
    rate_window_days: int
    dissatisfaction_rate: float = Field(description="percent")
    dissatisfied_since_first_sale: int
    dissatisfied_recent: int
    recent_days: int
    late_window_days: int
    late_share: float = Field(description="percent")
    late_minimum: int
    unanswered_window_days: int
    unanswered_share: float = Field(description="percent")
    unanswered_minimum: int
    surge_factor: float
    surge_minimum_orders: int
    surge_strain_floor: float = Field(description="percent")
    review_after_days: int
    auto_recommendation: bool
    auto_warning: bool


class SettingsIn(BodyIn):
    rate_window_days: int | None = None
    dissatisfaction_rate: float | None = None
    dissatisfied_since_first_sale: int | None = None
    dissatisfied_recent: int | None = None
    recent_days: int | None = None
    late_window_days: int | None = None
    late_share: float | None = None
    late_minimum: int | None = None
    unanswered_window_days: int | None = None
    unanswered_share: float | None = None
    unanswered_minimum: int | None = None
    surge_factor: float | None = None
    surge_minimum_orders: int | None = None
    surge_strain_floor: float | None = None
    review_after_days: int | None = None
    auto_recommendation: bool | None = None
    auto_warning: bool | None = None


class AuditOut(Schema):
    id: int
    at: datetime
    by: str = Field(description="the staff member, or empty for an automatic rule")
    verb: str = Field(
        description="action.taken, action.lifted, action.ended, flag.dismissed, thread.read, "
        "settings.changed, evaluation.requested, audit.exported, review.reply_removed"
    )
    shop_id: int | None
    subject_type: str
    subject_id: int | None
    details: dict[str, Any]


class AuditPage(Schema):
    items: list[AuditOut]
    next_cursor: str | None


class AuditQuery(Schema):
    shop: str | None = Field(None, description="a marketplace shop id")
    verb: str = ""
    limit: int = Field(100, ge=1, le=500)
    cursor: str | None = None


def _any_shop(external_id: str) -> Shop:
    shop = Shop.objects.filter(external_id=external_id).first()
    if shop is None:
        raise NotFound("shop_not_found", "No such shop.")
    return shop


def _shop_for_reader(request: HttpRequest, shop_id: str) -> tuple[Shop, bool]:
    """(shop, reader is staff): members, Trust & Safety, or the marketplace integration."""
    user = request_user(request)
    if user.has_perm(INTEGRATION_PERMISSION) and not user.is_trust_and_safety:
        return _any_shop(shop_id), True
    shop, member = readable_shop(user, external_id=shop_id)
    return shop, not member


@router.get(
    "/shops/{shop_id}/standards",
    response={200: StandingOut, **ERRORS},
    summary="The shop's service-level figures against the thresholds, and its actions",
)
def shop_standing(request: HttpRequest, shop_id: str) -> dict[str, Any]:
    shop, staff = _shop_for_reader(request, shop_id)
    return standing_data(selectors.standing(shop), for_staff=staff)


@router.get(
    "/standards/queue",
    response={200: QueueOut, **ERRORS},
    summary="Trust & Safety: shops needing review, with their figures and trend",
)
def queue(request: HttpRequest, query: Query[QueueQuery]) -> dict[str, Any]:
    staff_user(request)
    found = selectors.queue(
        view=query.view, kind=query.kind, sort=query.sort, cursor=query.cursor, limit=query.limit
    )
    return {
        "day": found.day,
        "waiting": found.waiting,
        "next_cursor": found.next_cursor,
        "items": [
            {
                "shop_id": row.health.shop.external_id,
                "shop_name": row.health.shop.name,
                "dissatisfaction_rate": row.health.dissatisfaction_rate,
                "dissatisfaction_rate_30_days_ago": (
                    row.before.dissatisfaction_rate if row.before else None
                ),
                "late_rate": row.health.late_rate,
                "unanswered_rate": row.health.unanswered_rate,
                "orders": row.health.orders,
                "non_delivery_cases": row.health.non_delivery_cases,
                "not_as_described_cases": row.health.not_as_described_cases,
                "low_reviews": row.health.low_reviews,
                "flags": [f.kind for f in row.flags],
                "flagged_since": min((f.raised_on for f in row.flags), default=None),
                "step": step_code(row.step) if row.step else None,
            }
            for row in found.rows
        ],
    }


@router.post(
    "/standards/shops/{shop_id}/actions",
    response={201: ActionOut, **ERRORS},
    summary="Trust & Safety: take a step of the escalation ladder",
)
def action_take(request: HttpRequest, shop_id: str, payload: ActionIn) -> Status:
    staff = staff_user(request)
    action = ladder.action_take(
        actor=staff,
        shop_id=_any_shop(shop_id).id,
        step=STEPS[payload.step],
        reason=payload.reason,
        measures=list(payload.measures),
        flag_kind=payload.flag or "",
        ends_on=payload.ends_on,
    )
    return Status(201, action_data(action, action.taken_on))


@router.post(
    "/standards/actions/{action_id}/lift",
    response={200: ActionOut, **ERRORS},
    summary="Trust & Safety: lift an action; its measures stop at once",
)
def action_lift(request: HttpRequest, action_id: int, payload: LiftIn) -> dict[str, Any]:
    staff = staff_user(request)
    action = ladder.action_lift(actor=staff, action_id=action_id, reason=payload.reason)
    return action_data(action, action.lifted_on)


@router.post(
    "/standards/flags/{flag_id}/dismiss",
    response={204: None, **ERRORS},
    summary="Trust & Safety: no action needed; the flag leaves the queue until re-evaluation",
)
def flag_dismiss(request: HttpRequest, flag_id: int, payload: LiftIn) -> Status:
    ladder.flag_dismiss(actor=staff_user(request), flag_id=flag_id, reason=payload.reason)
    return Status(204, None)


@router.post(
    "/standards/evaluations",
    response={202: EvaluationOut, **ERRORS},
    summary="Trust & Safety: evaluate every shop now (in the background)",
)
def evaluation_request(request: HttpRequest) -> Status:
    return Status(202, evaluation_start(requested_by=staff_user(request)))


@router.get(
    "/standards/evaluations/{evaluation_id}",
    response={200: EvaluationOut, **ERRORS},
    summary="Trust & Safety: an evaluation's progress and counts",
)
def evaluation_read(request: HttpRequest, evaluation_id: int) -> Any:
    staff_user(request)
    return selectors.get_evaluation(evaluation_id)


@router.get(
    "/standards/settings",
    response={200: SettingsOut, **ERRORS},
    summary="Trust & Safety: the thresholds and automatic rules",
)
def settings_read(request: HttpRequest) -> Any:
    staff_user(request)
    return config.current_settings()


@router.patch(
    "/standards/settings",
    response={200: SettingsOut, **ERRORS},
    summary="Trust & Safety: change thresholds or automatic rules (audited)",
)
def settings_change(request: HttpRequest, payload: SettingsIn) -> Any:
    values = {k: v for k, v in payload.dict().items() if v is not None}
    return config.settings_update(actor=staff_user(request), values=values)


@router.get(
    "/standards/audit",
    response={200: AuditPage, **ERRORS},
    summary="Trust & Safety: the audit log, newest first (append-only)",
)
def audit_log(request: HttpRequest, query: Query[AuditQuery]) -> dict[str, Any]:
    staff_user(request)
    shop_id = _any_shop(query.shop).id if query.shop else None
    page = selectors.audit_log(
        shop_id=shop_id, verb=query.verb, cursor=query.cursor, limit=query.limit
    )
    return {
        "items": [
            {
                "id": e.id,
                "at": e.at,
                "by": str(e.actor) if e.actor else "",
                "verb": e.verb,
                "shop_id": e.shop_id,
                "subject_type": e.subject_type,
                "subject_id": e.subject_id,
                "details": e.details,
            }
            for e in page.items
        ],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/standards/audit.csv",
    response={200: None, **ERRORS},
    summary="Trust & Safety: the audit log as CSV, streamed (the export is itself audited)",
)
def audit_export(
    request: HttpRequest, shop: str | None = None, verb: str = ""
) -> StreamingHttpResponse:
    staff = staff_user(request)
    shop_id = _any_shop(shop).id if shop else None
    response = StreamingHttpResponse(
        audit_csv_lines(actor=staff, shop_id=shop_id, verb=verb),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="comptoir-audit-log.csv"'
    return response


# The e-mail outbox's dead letters, for the same staff (standards/outbox_api.py).
router.add_router("", outbox_router)
