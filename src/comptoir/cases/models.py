"""Cases: disputes a buyer opens about an order, and how they end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.core.models import TimeStampedModel
from comptoir.orders.models import Order
from comptoir.shops.models import Shop

VARIANTS = [
    "differs_from_listing",
    "partial_delivery",
    "replacement_not_delivered",
    "not_shipped_in_time",
]
# Types the marketplace sent before the seed's kinds, and what each became.
LEGACY_TYPES = {
    "damaged": ("not_as_described", "differs_from_listing"),
    "late": ("not_as_described", "not_shipped_in_time"),
}


class Case(TimeStampedModel):
    class Type(models.TextChoices):
        """The marketplace's two kinds of case (seeds: "Normes de niveau de service")."""

        NON_DELIVERY = "non_delivery", _("Not received")
        NOT_AS_DESCRIBED = "not_as_described", _("Not as described")

    class Variant(models.TextChoices):
        """What a not-as-described case is about; non-delivery cases have none."""

        DIFFERS_FROM_LISTING = (
            "differs_from_listing",
            _("Differs from the description or photos"),
        )
        PARTIAL_DELIVERY = "partial_delivery", _("Part of the order not delivered")
        REPLACEMENT_NOT_DELIVERED = "replacement_not_delivered", _("Replacement not delivered")
        NOT_SHIPPED_IN_TIME = "not_shipped_in_time", _("Not shipped within the processing time")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        ESCALATED = "escalated", _("Escalated to staff")

    class Resolution(models.TextChoices):
        REFUND = "refund", _("Refund")
        REPLACEMENT = "replacement", _("Replacement")
        NO_ACTION = "no_action", _("No action")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="cases")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="cases")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cases"
    )
    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    variant = models.CharField(_("variant"), max_length=28, choices=Variant.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    resolution = models.CharField(
        _("resolution"), max_length=12, choices=Resolution.choices, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    opened_at = models.DateTimeField(_("opened"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["shop", "-opened_at"], name="case_shop_recent")]
        constraints = [
            models.UniqueConstraint(
                fields=["order"],
                condition=Q(status__in=["open", "escalated"]),
                name="case_one_active_per_order",
            ),
            models.CheckConstraint(
                condition=Q(type="non_delivery", variant="")
                | Q(type="not_as_described", variant__in=VARIANTS),
                name="case_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status="resolved", resolution__in=["refund", "replacement", "no_action"]
                )
                | Q(status="closed")
                | Q(status__in=["open", "escalated"], resolution=""),
                name="case_resolution_iff_resolved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_display} — {self.order}"

    @property
    def kind_display(self) -> str:
        """ "Not received", or "Not as described: part of the order not delivered"."""
        if self.variant:
            return _("%(type)s: %(variant)s") % {
                "type": self.get_type_display(),
                "variant": str(self.get_variant_display()).lower(),
            }
        return str(self.get_type_display())
