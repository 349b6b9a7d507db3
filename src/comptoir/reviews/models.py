"""Reviews: one per order, 1 to 5 stars, with an optional public reply from the shop."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Listing
from comptoir.core.models import TimeStampedModel
from comptoir.orders.models import Order
from comptoir.reviews import replies
from comptoir.shops.models import Shop


class Review(TimeStampedModel):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="review")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="reviews")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    stars = models.PositiveSmallIntegerField(_("stars"))
    text = models.TextField(_("review"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"))
    seller_reply = models.TextField(_("shop's reply"), blank=True)
    seller_replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    seller_reply_edited_at = models.DateTimeField(_("reply edited"), null=True, blank=True)
    # Trust & Safety removed an abusive reply: it is shown nowhere, and the shop may not
    # reply again (the audit log keeps its text).
    reply_removed_at = models.DateTimeField(_("reply removed"), null=True, blank=True)
    reply_removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reply removed by"),
    )
    reply_removal_reason = models.TextField(_("why the reply was removed"), blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["shop", "-reviewed_at"], name="review_shop_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="review_stars_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ {self.order}"

    @property
    def shown_reply(self) -> str:
        """The shop's reply as buyers and the shop read it: nothing once removed."""
        return "" if self.reply_removed_at else self.seller_reply

    @property
    def reply_editable_until(self) -> datetime | None:
        return replies.editable_until(self.seller_replied_at, self.reply_removed_at)

    @property
    def is_low(self) -> bool:
        """1 or 2 stars: counts towards the order dissatisfaction rate."""
        return self.stars <= 2
