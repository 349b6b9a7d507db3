"""Integration API: reviews, by the marketplace's ids."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from comptoir.accounts.access import request_user
from comptoir.accounts.auth import require_integration
from comptoir.core.api import ERRORS, PageOf, Paging, answer, one_or_404, page_of
from comptoir.reviews.models import Review
from comptoir.reviews.schemas import ReviewIn, ReviewOut, ReviewReplyIn, ReviewReplyRemovalIn
from comptoir.reviews.selectors import get_review_for_staff, get_shop_review
from comptoir.reviews.services import review_reply, review_reply_remove, review_upsert
from comptoir.shops.access import member_viewer
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["reviews"])


def reviews() -> QuerySet[Review]:
    return Review.objects.select_related("shop", "order", "buyer", "listing")


@router.put(
    "/shops/{shop_id}/reviews/{review_id}",
    response={200: ReviewOut, 201: ReviewOut, **ERRORS},
    summary="Create or update a review",
)
def review_put(
    request: HttpRequest,
    response: HttpResponse,
    shop_id: str,
    review_id: str,
    payload: ReviewIn,
) -> Status[Review]:
    require_integration(request)
    review, outcome = review_upsert(
        shop=get_shop_by_external_id(shop_id),
        external_id=review_id,
        order_external_id=payload.order_id,
        stars=payload.stars,
        text=payload.text,
        reviewed_at=payload.reviewed_at,
        seller_reply=payload.seller_reply,
        seller_replied_at=payload.seller_replied_at,
    )
    return Status(answer(response, outcome), reviews().get(pk=review.pk))


@router.get(
    "/shops/{shop_id}/reviews/{review_id}",
    response={200: ReviewOut, **ERRORS},
    summary="Read a review",
)
def review_read(request: HttpRequest, shop_id: str, review_id: str) -> Review:
    require_integration(request)
    return one_or_404(
        reviews(),
        "review_not_found",
        _("No such review in this shop."),
        shop=get_shop_by_external_id(shop_id),
        external_id=review_id,
    )


@router.get(
    "/shops/{shop_id}/reviews",
    response={200: PageOf[ReviewOut], **ERRORS},
    summary="List a shop's reviews, newest first",
)
def review_list(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> dict[str, object]:
    require_integration(request)
    qs = reviews().filter(shop=get_shop_by_external_id(shop_id))
    return page_of(qs, order=("-reviewed_at", "-id"), paging=paging)


@router.put(
    "/shops/{shop_id}/reviews/{review_id}/reply",
    response={200: ReviewOut, **ERRORS},
    summary="The shop replies to a review, or edits its reply",
    description="A shop's members answer a review in public, once; the reply may be edited "
    "for 72 hours (`reply_editable_until`), then 409 `reply_locked`; 409 `reply_removed` "
    "once Trust & Safety removed it. Emits `review.reply_changed`.",
)
def review_reply_put(
    request: HttpRequest, shop_id: str, review_id: str, payload: ReviewReplyIn
) -> Review:
    viewer = member_viewer(request_user(request), external_id=shop_id)
    review = review_reply(
        viewer=viewer, review=get_shop_review(viewer, external_id=review_id), text=payload.text
    )
    return reviews().get(pk=review.pk)


@router.post(
    "/shops/{shop_id}/reviews/{review_id}/reply/removal",
    response={200: ReviewOut, **ERRORS},
    summary="Trust & Safety remove an abusive reply",
    description="The reply is shown nowhere any more and the shop may not reply again; the "
    "audit log keeps it (`review.reply_removed`). 409 `no_reply` when there is none. Emits "
    "`review.reply_changed`. Trust & Safety only (404 for anyone else).",
)
def review_reply_removal(
    request: HttpRequest, shop_id: str, review_id: str, payload: ReviewReplyRemovalIn
) -> Review:
    user = request_user(request)
    review = get_review_for_staff(
        user, shop=get_shop_by_external_id(shop_id), external_id=review_id
    )
    review_reply_remove(actor=user, review=review, reason=payload.reason)
    return reviews().get(pk=review.pk)
