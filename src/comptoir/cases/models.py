"""Cases: disputes a buyer opens about an order, and how they end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.core.models import TimeStampedModel
from comptoir.orders.models import Order
from comptoir.shops.models import Shop


class Case(TimeStampedModel):
    class Type(models.TextChoices):
        NON_DELIVERY = "non_delivery", _("Not delivered")
        NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
        DAMAGED = "damaged", _("Damaged")
        LATE = "late", _("Late")

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
                condition=Q(
                    status="resolved", resolution__in=["refund", "replacement", "no_action"]
                )
                | Q(status="closed")
                | Q(status__in=["open", "escalated"], resolution=""),
                name="case_resolution_iff_resolved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} — {self.order}"
