"""Integration API: cases, and when one may be opened."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from comptoir.accounts.access import request_user
from comptoir.accounts.auth import require_integration
from comptoir.cases.eligibility import Eligibility
from comptoir.cases.models import Case
from comptoir.cases.schemas import CaseIn, CaseOut, VariantQuery
from comptoir.cases.services import case_upsert, order_case_eligibility
from comptoir.core.api import ERRORS, PageOf, Paging, answer, one_or_404, page_of
from comptoir.orders.models import Order
from comptoir.orders.schemas import CaseEligibilityOut
from comptoir.orders.selectors import get_buyer_order_by_external_id
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["cases"])


def cases() -> QuerySet[Case]:
    return Case.objects.select_related("shop", "order", "buyer")


@router.put(
    "/shops/{shop_id}/cases/{case_id}",
    response={200: CaseOut, 201: CaseOut, **ERRORS},
    summary="Open or update a case",
    description="A new case must meet the timing rule (422 case_not_eligible, with the "
    "reason in `fields.order_id`): the buyer messaged the shop about the order, the "
    "estimated delivery (or ship-by) date has passed, 48 hours have passed since that "
    "message, and it is at most 100 days after the order.",
)
def case_put(
    request: HttpRequest, response: HttpResponse, shop_id: str, case_id: str, payload: CaseIn
) -> Status[Case]:
    require_integration(request)
    case, outcome = case_upsert(
        shop=get_shop_by_external_id(shop_id),
        external_id=case_id,
        order_external_id=payload.order_id,
        type=payload.type,
        variant=payload.variant,
        status=payload.status,
        resolution=payload.resolution,
        description=payload.description,
        opened_at=payload.opened_at,
    )
    return Status(answer(response, outcome), cases().get(pk=case.pk))


@router.get(
    "/shops/{shop_id}/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="Read a case"
)
def case_read(request: HttpRequest, shop_id: str, case_id: str) -> Case:
    require_integration(request)
    return one_or_404(
        cases(),
        "case_not_found",
        _("No such case in this shop."),
        shop=get_shop_by_external_id(shop_id),
        external_id=case_id,
    )


@router.get(
    "/shops/{shop_id}/cases",
    response={200: PageOf[CaseOut], **ERRORS},
    summary="List a shop's cases, newest first",
)
def case_list(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, object]:
    require_integration(request)
    qs = cases().filter(shop=get_shop_by_external_id(shop_id))
    return page_of(qs, order=("-opened_at", "-id"), paging=paging)


@router.get(
    "/shops/{shop_id}/orders/{order_id}/case-eligibility",
    response={200: CaseEligibilityOut, **ERRORS},
    summary="May the buyer open a case on this order now?",
)
def case_eligibility(
    request: HttpRequest, shop_id: str, order_id: str, variant: Query[VariantQuery]
) -> Eligibility:
    require_integration(request)
    order = one_or_404(
        Order.objects.select_related("shop"),
        "order_not_found",
        _("No such order in this shop."),
        shop=get_shop_by_external_id(shop_id),
        external_id=order_id,
    )
    return order_case_eligibility(order, variant=variant.variant)


@router.get(
    "/me/orders/{order_id}/case-eligibility",
    response={200: CaseEligibilityOut, **ERRORS},
    summary="May I open a case on my order now?",
    description="The buyer's own order (404 for any other): the same rule as the "
    "marketplace's endpoint, for a buyer's app to say when a case can be opened and why not.",
)
def my_case_eligibility(
    request: HttpRequest, order_id: str, variant: Query[VariantQuery]
) -> Eligibility:
    order = get_buyer_order_by_external_id(request_user(request), order_id)
    return order_case_eligibility(order, variant=variant.variant)
