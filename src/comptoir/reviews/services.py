"""Writes on reviews: the marketplace's upserts and the shop's public reply."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.core.upsert import Outcome, upsert
from comptoir.orders.models import Order
from comptoir.reviews.hooks import review_saved
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop


@transaction.atomic
def review_upsert(
    *,
    shop: Shop,
    external_id: str,
    order_external_id: str,
    stars: int,
    text: str = "",
    reviewed_at: datetime | None = None,
    seller_reply: str = "",
    seller_replied_at: datetime | None = None,
) -> tuple[Review, Outcome]:
    """One review per order, 1 to 5 stars, by the order's buyer."""
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
