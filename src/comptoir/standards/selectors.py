"""Reads for Trust & Safety (the queue, a shop's file, the audit log) and for the seller.

Access: staff reads take a user with the `trust_and_safety` permission
(`accounts.access.staff_only`); the seller's page goes through `shops.access.readable_shop`,
which answers 404 for a shop the user does not work in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from comptoir.cases.models import Case
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.models import AuditEntry
from comptoir.core.pagination import Page, keyset_page
from comptoir.messaging.models import Conversation
from comptoir.responsiveness.rules import utc_day
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop
from comptoir.standards import figures, rules
from comptoir.standards.config import current_settings
from comptoir.standards.models import Action, Evaluation, Flag, Health

SORTS = {
    "dissatisfaction": "dissatisfaction_rate",
    "late_shipping": "late_rate",
    "unanswered": "unanswered_rate",
    "orders": "orders",
    "low_reviews": "low_reviews",
    "cases": "cases",
}
VIEWS = ("review", "measures", "all")
TREND_DAYS = 30
BEHIND_DAYS = 90
BEHIND_ITEMS = 50


def latest_day() -> date | None:
    """The day of the last evaluation that finished."""
    return (
        Evaluation.objects.filter(state=Evaluation.State.DONE)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )


@dataclass(frozen=True)
class QueueRow:
    health: Health
    before: Health | None
    flags: list[Flag]
    step: int | None


@dataclass(frozen=True)
class Queue:
    day: date | None
    rows: list[QueueRow]
    next_cursor: str | None
    waiting: int


def queue(
    *,
    view: str = "review",
    kind: str = "",
    sort: str = "dissatisfaction",
    cursor: str | None = None,
    limit: int = 50,
) -> Queue:
    """Shops needing review (open flags), under measures, or all evaluated shops, with
    their figures on the last evaluation day and 30 days before, sorted by one figure
    (highest first), paged by keyset. Four queries whatever the page."""
    fields: dict[str, str] = {}
    if view not in VIEWS:
        fields["view"] = "invalid_choice"
    if kind and kind not in Flag.Kind.values:
        fields["kind"] = "invalid_choice"
    if sort not in SORTS:
        fields["sort"] = "invalid_choice"
    if fields:
        raise DomainError("invalid_query", _("Some filters are not valid."), fields=fields)
    day = latest_day()
    open_flags = Flag.objects.filter(cleared_on__isnull=True)
    waiting = open_flags.values("shop_id").distinct().count()
    if day is None:
        return Queue(day=None, rows=[], next_cursor=None, waiting=waiting)
    qs: QuerySet[Health] = Health.objects.select_related("shop").filter(day=day)
    if view == "review" or kind:
        flagged = open_flags.filter(kind=kind) if kind else open_flags
        qs = qs.filter(shop_id__in=flagged.values("shop_id"))
    if view == "measures":
        qs = qs.filter(
            Q(shop__staff_search_removal=True)
            | Q(shop__staff_paused=True)
            | Q(shop__staff_payout_hold=True)
            | Q(shop__staff_no_promotions=True)
            | Q(shop__staff_revoked=True)
        )
    qs = qs.annotate(
        cases=F("non_delivery_cases") + F("not_as_described_cases"),
        sort_value=Coalesce(SORTS[sort], Value(-1.0), output_field=FloatField()),
    )
    page = keyset_page(qs, order=("-sort_value", "-id"), cursor=cursor, limit=limit)
    shop_ids = [h.shop_id for h in page.items]
    before = {
        h.shop_id: h
        for h in Health.objects.filter(day=day - timedelta(days=TREND_DAYS), shop_id__in=shop_ids)
    }
    flags: dict[int, list[Flag]] = {}
    for flag in open_flags.filter(shop_id__in=shop_ids).order_by("kind"):
        flags.setdefault(flag.shop_id, []).append(flag)
    steps = _steps_in_force(shop_ids, day)
    rows = [
        QueueRow(
            health=h,
            before=before.get(h.shop_id),
            flags=flags.get(h.shop_id, []),
            step=steps.get(h.shop_id),
        )
        for h in page.items
    ]
    return Queue(day=day, rows=rows, next_cursor=page.next_cursor, waiting=waiting)


def _steps_in_force(shop_ids: Sequence[int], today: date) -> dict[int, int]:
    found: dict[int, list[rules.Action]] = {}
    recent = Action.objects.filter(shop_id__in=shop_ids).filter(
        Q(lifted_at__isnull=True) | Q(lifted_on__gt=today)
    )
    for action in recent:
        found.setdefault(action.shop_id, []).append(action.as_rule())
    steps = {shop_id: rules.current_step(actions, today) for shop_id, actions in found.items()}
    return {shop_id: int(step) for shop_id, step in steps.items() if step is not None}


@dataclass(frozen=True)
class Standing:
    """One shop against the standards: what the seller sees, and the base of staff's file."""

    shop: Shop
    today: date
    thresholds: rules.Thresholds
    figures: rules.ShopFigures
    flags: list[rules.Flag]
    open_flags: list[Flag]
    actions: list[Action]
    step: int | None
    next_step: int
    history: list[Health] = field(default_factory=list)


def standing(shop: Shop) -> Standing:
    """The shop's figures now (computed from the rollups, not yesterday's snapshot), the
    flags they would raise, its actions and the last 90 evaluation days."""
    today = utc_day(clock.now())
    t = current_settings().thresholds()
    found = figures.gather(today, t, [shop.id]).get(shop.id) or rules.ShopFigures(0, 0, ())
    actions = list(Action.objects.filter(shop=shop).select_related("author", "lifted_by"))
    as_rules = [a.as_rule() for a in actions]
    step = rules.current_step(as_rules, today)
    return Standing(
        shop=shop,
        today=today,
        thresholds=t,
        figures=found,
        flags=rules.flags(found, today, t),
        open_flags=list(Flag.objects.filter(shop=shop, cleared_on__isnull=True)),
        actions=actions,
        step=int(step) if step is not None else None,
        next_step=int(rules.next_step(as_rules, today)),
        history=list(
            Health.objects.filter(shop=shop, day__gt=today - timedelta(days=BEHIND_DAYS)).order_by(
                "day"
            )
        ),
    )


@dataclass(frozen=True)
class Behind:
    """What a shop's figures rest on, for staff: cases, low reviews and complaint threads."""

    cases: list[Case]
    low_reviews: list[Review]
    threads: list[Conversation]
    replies: list[Review]  # the shop's public replies to reviews, which staff may remove


COMPLAINTS = (Conversation.Kind.HELP_REQUEST, Conversation.Kind.SUPPORT_TICKET)


def behind(shop: Shop) -> Behind:
    since = clock.now() - timedelta(days=BEHIND_DAYS)
    case_orders = Case.objects.filter(shop=shop, opened_at__gte=since).values("order_id")
    return Behind(
        cases=list(
            Case.objects.select_related("order", "buyer")
            .filter(shop=shop, opened_at__gte=since)
            .order_by("-opened_at")[:BEHIND_ITEMS]
        ),
        low_reviews=list(
            Review.objects.select_related("order")
            .filter(shop=shop, stars__lte=figures.LOW_STARS, reviewed_at__gte=since)
            .order_by("-reviewed_at")[:BEHIND_ITEMS]
        ),
        threads=list(
            Conversation.objects.select_related("buyer", "order")
            .filter(shop=shop, last_message_at__gte=since)
            .filter(Q(kind__in=COMPLAINTS) | Q(order_id__in=case_orders))
            .order_by("-last_message_at")[:BEHIND_ITEMS]
        ),
        replies=list(
            Review.objects.select_related("order")
            .filter(shop=shop, seller_replied_at__gte=since, reply_removed_at__isnull=True)
            .exclude(seller_reply="")
            .order_by("-seller_replied_at")[:BEHIND_ITEMS]
        ),
    )


def evaluations(limit: int = 10) -> list[Evaluation]:
    return list(Evaluation.objects.select_related("requested_by")[:limit])


def get_evaluation(evaluation_id: int) -> Evaluation:
    found = Evaluation.objects.filter(id=evaluation_id).first()
    if found is None:
        raise NotFound("evaluation_not_found", _("No such evaluation."))
    return found


def get_action(action_id: int) -> Action:
    found = Action.objects.select_related("shop").filter(id=action_id).first()
    if found is None:
        raise NotFound("action_not_found", _("No such action."))
    return found


def get_flag(flag_id: int) -> Flag:
    found = Flag.objects.filter(id=flag_id).first()
    if found is None:
        raise NotFound("flag_not_found", _("No such flag."))
    return found


def audit_log(
    *,
    shop_id: int | None = None,
    verb: str = "",
    cursor: str | None = None,
    limit: int = 100,
) -> Page[AuditEntry]:
    """The audit log, newest first, optionally for one shop or one kind of entry."""
    qs = AuditEntry.objects.select_related("actor")
    if shop_id is not None:
        qs = qs.filter(shop_id=shop_id)
    if verb:
        qs = qs.filter(verb=verb)
    return keyset_page(qs, order=("-at", "-id"), cursor=cursor, limit=limit)


def audit_rows(*, shop_id: int | None = None, verb: str = "") -> Any:
    """Every entry, newest first, streamed (the export)."""
    qs = AuditEntry.objects.select_related("actor").order_by("-at", "-id")
    if shop_id is not None:
        qs = qs.filter(shop_id=shop_id)
    if verb:
        qs = qs.filter(verb=verb)
    return qs.iterator(chunk_size=2000)
