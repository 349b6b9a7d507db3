"""Writes on cases: the marketplace's upserts, checked against the timing rule."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comptoir.cases.eligibility import Eligibility, OrderTiming, case_eligibility
from comptoir.cases.models import LEGACY_TYPES, Case
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.upsert import Outcome, upsert
from comptoir.orders.models import Order
from comptoir.shops.models import Shop

NOT_ELIGIBLE_MESSAGES = {
    "order_cancelled": gettext_lazy("The order was cancelled."),
    "case_already_open": gettext_lazy("A case is already open on this order."),
    "case_window_closed": gettext_lazy("Cases can be opened at most 100 days after the order."),
    "message_shop_first": gettext_lazy("The buyer must message the shop about the order first."),
    "wait_for_shop_reply": gettext_lazy(
        "The shop has 48 hours to answer the buyer's message first."
    ),
    "delivery_date_not_passed": gettext_lazy("The estimated delivery date has not passed yet."),
    "ship_by_date_not_passed": gettext_lazy("The order's ship-by date has not passed yet."),
    "shipped_in_time": gettext_lazy("The order was shipped within its processing time."),
}


def order_timing(order: Order, *, exclude_case: Case | None = None) -> OrderTiming:
    active = order.cases.filter(status__in=[Case.Status.OPEN, Case.Status.ESCALATED])
    if exclude_case is not None:
        active = active.exclude(pk=exclude_case.pk)
    return OrderTiming(
        ordered_at=order.ordered_at,
        ship_by=order.ship_by,
        estimated_delivery_on=order.estimated_delivery_on,
        shop_time_zone=order.shop.time_zone,
        first_buyer_message_at=order.buyer_first_message_at,
        delivered=order.status == Order.Status.DELIVERED,
        cancelled=order.status == Order.Status.CANCELLED,
        has_active_case=active.exists(),
        shipped_at=order.shipped_at,
    )


def order_case_eligibility(
    order: Order, at: datetime | None = None, *, variant: str = ""
) -> Eligibility:
    return case_eligibility(order_timing(order), at or clock.now(), variant=variant)


def case_kind(type: str, variant: str) -> tuple[str, str]:
    """The seed's kind for what the marketplace sent: the old `damaged` and `late` types
    become not-as-described variants; a not-as-described case without a variant is about
    the item differing from its listing. Raises on anything else."""
    if type in LEGACY_TYPES and not variant:
        return LEGACY_TYPES[type]
    if type == Case.Type.NON_DELIVERY and not variant:
        return type, ""
    if type == Case.Type.NOT_AS_DESCRIBED:
        if not variant:
            return type, Case.Variant.DIFFERS_FROM_LISTING
        if variant in Case.Variant.values:
            return type, variant
        raise DomainError(
            "invalid_case", _("Unknown case variant."), fields={"variant": "invalid_choice"}
        )
    if type in Case.Type.values or type in LEGACY_TYPES:
        raise DomainError(
            "invalid_case",
            _("Only a not-as-described case has a variant."),
            fields={"variant": "not_allowed"},
        )
    raise DomainError("invalid_case", _("Unknown case type."), fields={"type": "invalid_choice"})


def _check_status(status: str, resolution: str) -> None:
    errors = {}
    if status not in Case.Status.values:
        errors["status"] = "invalid_choice"
    if status == Case.Status.RESOLVED and resolution not in Case.Resolution.values:
        errors["resolution"] = "required_when_resolved"
    if status in (Case.Status.OPEN, Case.Status.ESCALATED) and resolution:
        errors["resolution"] = "only_when_resolved"
    if resolution and resolution not in Case.Resolution.values:
        errors["resolution"] = "invalid_choice"
    if errors:
        raise DomainError("invalid_case", _("The case is not valid."), fields=errors)


@transaction.atomic
def case_upsert(
    *,
    shop: Shop,
    external_id: str,
    order_external_id: str,
    type: str,
    variant: str = "",
    status: str = Case.Status.OPEN,
    resolution: str = "",
    description: str = "",
    opened_at: datetime | None = None,
) -> tuple[Case, Outcome]:
    """Open (when the rule allows it) or update a case on one of the shop's orders."""
    type, variant = case_kind(type, variant)
    _check_status(status, resolution)
    order = (
        Order.objects.select_for_update()
        .select_related("shop")
        .filter(shop=shop, external_id=order_external_id)
        .first()
    )
    if order is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    current = Case.objects.filter(external_id=external_id).first()
    if current is not None and current.order_id != order.id:
        raise DomainError(
            "invalid_case",
            _("This case belongs to another order."),
            fields={"order_id": "mismatch"},
        )
    opened = opened_at or (current.opened_at if current else clock.now())
    if current is None:
        eligibility = case_eligibility(order_timing(order), opened, variant=variant)
        if not eligibility:
            message = str(NOT_ELIGIBLE_MESSAGES[eligibility.code])
            if eligibility.opens_at is not None:
                message += " " + _("A case can be opened from %(when)s.") % {
                    "when": eligibility.opens_at.isoformat()
                }
            raise DomainError(
                "case_not_eligible",
                message,
                fields={"order_id": eligibility.code},
            )
    elif (
        status in (Case.Status.OPEN, Case.Status.ESCALATED)
        and order_timing(order, exclude_case=current).has_active_case
    ):
        raise DomainError(
            "case_not_eligible",
            str(NOT_ELIGIBLE_MESSAGES["case_already_open"]),
            fields={"order_id": "case_already_open"},
        )
    now = clock.now()
    values = {
        "order": order,
        "shop": shop,
        "buyer_id": order.buyer_id,
        "type": type,
        "variant": variant,
        "status": status,
        "resolution": resolution,
        "description": description,
        "opened_at": opened,
        "escalated_at": _stamp(current, "escalated_at", status == Case.Status.ESCALATED, now),
        "resolved_at": _stamp(current, "resolved_at", status == Case.Status.RESOLVED, now),
        "closed_at": _stamp(current, "closed_at", status == Case.Status.CLOSED, now),
    }
    return upsert(Case, key={"external_id": external_id}, values=values)


def _stamp(current: Case | None, name: str, reached: bool, now: datetime) -> datetime | None:
    """Keep the first time a status was reached; clear it when the case leaves it."""
    previous = getattr(current, name) if current is not None else None
    if not reached:
        return previous if name == "escalated_at" else None
    return previous or now
