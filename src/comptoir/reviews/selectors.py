"""Reads on reviews, filtered by who is asking."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.access import staff_only
from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.reviews.models import Review
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop


def _reviews() -> QuerySet[Review]:
    return Review.objects.select_related("shop", "order", "buyer", "listing")


def _one(reviews: QuerySet[Review]) -> Review:
    review = reviews.first()
    if review is None:
        raise NotFound("review_not_found", _("No such review in this shop."))
    return review


def get_shop_review(
    viewer: Viewer, *, review_id: int | None = None, external_id: str = ""
) -> Review:
    """A review of the viewer's shop, by Comptoir's id (pages) or the marketplace's (API)."""
    if viewer.shop is None:
        raise NotFound("review_not_found", _("No such review in this shop."))
    reviews = _reviews().filter(shop_id=viewer.shop.id)
    if review_id is not None:
        return _one(reviews.filter(id=review_id))
    return _one(reviews.filter(external_id=external_id))


def get_review_for_staff(
    user: User, *, shop: Shop, review_id: int | None = None, external_id: str = ""
) -> Review:
    """Any shop's review, for Trust & Safety only (everyone else: the same 404)."""
    staff_only(user)
    reviews = _reviews().filter(shop=shop)
    if review_id is not None:
        return _one(reviews.filter(id=review_id))
    return _one(reviews.filter(external_id=external_id))
