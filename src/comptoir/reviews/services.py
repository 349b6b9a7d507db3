"""Writes on reviews: the marketplace's upserts and the shop's public reply."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import audit, clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.core.upsert import Outcome, upsert
from comptoir.orders.models import Order
from comptoir.reviews import replies
from comptoir.reviews.hooks import review_saved
from comptoir.reviews.models import Review
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop
from comptoir.webhooks.services import emit

# The marketplace hears when the shop replies to a review, edits its reply, or when Trust &
# Safety removes it.
REPLY_CHANGED = "review.reply_changed"

_REFUSALS = {
    "reply_removed": lambda: _(
        "Trust & Safety removed the shop's reply to this review: it cannot be written again."
    ),
    "reply_locked": lambda: (
        _("The reply can no longer be edited: a reply may be edited for %(hours)d hours.")
        % {"hours": replies.EDIT_WINDOW // timedelta(hours=1)}
    ),
}


@transaction.atomic
def review_upsert(
    *,
    shop: Shop,
    external_id: str,
    order_external_id: str,
    stars: int,
    text: str = "",
    reviewed_at: datetime | None = None,
    seller_reply: str | None = None,
    seller_replied_at: datetime | None = None,
) -> tuple[Review, Outcome]:
    """One review per order, 1 to 5 stars, by the order's buyer. ``seller_reply`` None
    leaves the shop's reply as it is (the shop may have written it in Comptoir)."""
    if not 1 <= stars <= 5:
        raise DomainError(
            "invalid_review", _("A review has 1 to 5 stars."), fields={"stars": "out_of_range"}
        )
    order = Order.objects.filter(shop=shop, external_id=order_external_id).first()
    if order is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    if order.status == Order.Status.CANCELLED:
        raise Conflict("order_cancelled", _("A cancelled order cannot be reviewed."))
    other = Review.objects.filter(order=order).exclude(external_id=external_id).first()
    if other is not None:
        raise Conflict("review_exists", _("This order already has a review."))
    if Review.objects.filter(external_id=external_id).exclude(order=order).exists():
        raise Conflict("review_id_taken", _("This review id belongs to another order."))
    current = Review.objects.filter(external_id=external_id).first()
    if seller_reply is None:
        seller_reply = current.seller_reply if current else ""
        seller_replied_at = seller_replied_at or (current.seller_replied_at if current else None)
    first_listing = order.items.exclude(listing=None).order_by("id").first()
    review, outcome = upsert(
        Review,
        key={"external_id": external_id},
        values={
            "order": order,
            "shop": shop,
            "buyer_id": order.buyer_id,
            "listing_id": first_listing.listing_id if first_listing else None,
            "stars": stars,
            "text": text,
            "reviewed_at": reviewed_at or (current.reviewed_at if current else clock.now()),
            "seller_reply": seller_reply,
            "seller_replied_at": seller_replied_at
            or (current.seller_replied_at if current and seller_reply else None)
            or (clock.now() if seller_reply else None),
        },
    )
    if outcome is not Outcome.UNCHANGED:
        review_saved.send(sender=Review, review=review, previous=current)
    return review, outcome


def _locked(review: Review) -> Review:
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("shop", "order", "buyer")
        .get(pk=review.pk)
    )


def reply_payload(review: Review, *, change: str) -> dict[str, Any]:
    """What the marketplace reads in `review.reply_changed`."""

    def iso(at: datetime | None) -> str | None:
        return at.isoformat() if at else None

    return {
        "shop_id": review.shop.external_id,
        "review_id": review.external_id,
        "order_id": review.order.external_id,
        "change": change,
        "reply": review.shown_reply,
        "replied_at": iso(review.seller_replied_at),
        "edited_at": iso(review.seller_reply_edited_at),
        "editable_until": iso(review.reply_editable_until),
        "removed_at": iso(review.reply_removed_at),
    }


@transaction.atomic
def review_reply(*, viewer: Viewer, review: Review, text: str) -> Review:
    """The shop answers a review in public, once; it may edit the answer during
    `replies.EDIT_WINDOW`. Sent to the marketplace as `review.reply_changed`."""
    text = text.strip()
    if not text or len(text) > replies.REPLY_MAX:
        raise DomainError(
            "invalid_reply",
            _("Write a reply of at most %(max)d characters.") % {"max": replies.REPLY_MAX},
            fields={"text": "required" if not text else "too_long"},
        )
    if viewer.shop is None or review.shop_id != viewer.shop.id:
        raise NotFound("review_not_found", _("No such review in this shop."))
    review = _locked(review)
    now = clock.now()
    code = replies.refusal(
        replied_at=review.seller_replied_at, removed_at=review.reply_removed_at, now=now
    )
    if code is not None:
        raise Conflict(code, _REFUSALS[code]())
    first = review.seller_replied_at is None
    if not first and review.seller_reply == text:
        return review
    review.seller_reply = text
    if first:
        review.seller_replied_at = now
    else:
        review.seller_reply_edited_at = now
    review.save(
        update_fields=["seller_reply", "seller_replied_at", "seller_reply_edited_at", "updated_at"]
    )
    emit(
        event=REPLY_CHANGED, payload=reply_payload(review, change="replied" if first else "edited")
    )
    return review


@transaction.atomic
def review_reply_remove(*, actor: User, review: Review, reason: str) -> Review:
    """Trust & Safety remove an abusive reply (the caller checked who they are): it is
    shown nowhere any more, the shop may not reply again, and the audit log keeps it."""
    if not reason.strip():
        raise DomainError(
            "invalid_removal", _("Say why the reply is removed."), fields={"reason": "required"}
        )
    review = _locked(review)
    if not review.seller_reply or review.reply_removed_at is not None:
        raise Conflict("no_reply", _("This review has no reply to remove."))
    review.reply_removed_at, review.reply_removed_by = clock.now(), actor
    review.reply_removal_reason = reason.strip()
    review.save(
        update_fields=[
            "reply_removed_at",
            "reply_removed_by",
            "reply_removal_reason",
            "updated_at",
        ]
    )
    audit.record(
        actor=actor,
        verb="review.reply_removed",
        shop_id=review.shop_id,
        subject=("review", review.id),
        details={
            "review": review.external_id,
            "order": review.order.external_id,
            "reply": review.seller_reply,
            "reason": review.reply_removal_reason,
        },
    )
    emit(event=REPLY_CHANGED, payload=reply_payload(review, change="removed"))
    return review
