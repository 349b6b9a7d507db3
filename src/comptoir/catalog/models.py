"""What shops sell: listings and the shipping profiles they share."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.core.models import TimeStampedModel
from comptoir.shops.models import Shop


class ShippingProfile(TimeStampedModel):
    """Processing time and carrier delivery estimate, shared by many listings."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="shipping_profiles")
    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    origin_country = models.CharField(_("ships from"), max_length=2, default="FR")
    processing_days_min = models.PositiveSmallIntegerField(_("processing time from (days)"))
    processing_days_max = models.PositiveSmallIntegerField(_("processing time to (days)"))
    delivery_days_min = models.PositiveSmallIntegerField(_("carrier delivery from (days)"))
    delivery_days_max = models.PositiveSmallIntegerField(_("carrier delivery to (days)"))
    cost = models.DecimalField(_("shipping cost"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("shipping profile")
        verbose_name_plural = _("shipping profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(processing_days_max__gte=F("processing_days_min")),
                name="shipping_processing_ordered",
            ),
            models.CheckConstraint(
                condition=Q(delivery_days_max__gte=F("delivery_days_min")),
                name="shipping_delivery_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Listing(TimeStampedModel):
    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("listing state", "Active")
        INACTIVE = "inactive", pgettext_lazy("listing state", "Inactive")
        SOLD_OUT = "sold_out", pgettext_lazy("listing state", "Sold out")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="listings")
    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    specifications = models.JSONField(
        _("specifications"), default=dict, blank=True, help_text=_("Size, colour, material…")
    )
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    shipping_profile = models.ForeignKey(
        ShippingProfile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("shipping profile"),
    )
    # Set only when the listing overrides its shipping profile's processing time.
    processing_days_min = models.PositiveSmallIntegerField(null=True, blank=True)
    processing_days_max = models.PositiveSmallIntegerField(null=True, blank=True)
    private_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="custom_listings",
        verbose_name=_("made for"),
        help_text=_("A private custom listing is seen only by the buyer it was made for."),
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [models.Index(fields=["shop", "state"], name="listing_shop_state")]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=Decimal("0")), name="listing_price_ge_0"),
            models.CheckConstraint(
                condition=Q(processing_days_min__isnull=True, processing_days_max__isnull=True)
                | Q(processing_days_max__gte=F("processing_days_min")),
                name="listing_processing_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_private(self) -> bool:
        return self.private_for_id is not None

    def processing_days(self) -> tuple[int, int] | None:
        if self.processing_days_min is not None and self.processing_days_max is not None:
            return (self.processing_days_min, self.processing_days_max)
        if self.shipping_profile is not None:
            p = self.shipping_profile
            return (p.processing_days_min, p.processing_days_max)
        return None

    def delivery_days(self) -> tuple[int, int] | None:
        if self.shipping_profile is None:
            return None
        p = self.shipping_profile
        return (p.delivery_days_min, p.delivery_days_max)
