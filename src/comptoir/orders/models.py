"""Orders: who bought what from which shop, and where the parcel is."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Listing
from comptoir.core.models import TimeStampedModel
from comptoir.shops.models import Shop


class Missing(models.TextChoices):
    """What a shop may wait for from the buyer before it can ship (the seeds' examples)."""

    PERSONALISATION = "personalisation", _("Personalisation")
    ADDRESS = "address", _("Shipping address")
    PHONE = "phone", _("Phone number for the carrier")
    OTHER = "other", _("Something else")


class Order(TimeStampedModel):
    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    ordered_at = models.DateTimeField(_("ordered"))
    ship_by = models.DateField(_("ship by"))
    estimated_delivery_on = models.DateField(_("estimated delivery"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    tracking_carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    buyer_email = models.EmailField(
        _("buyer's e-mail"), blank=True, help_text=_("Visible to the seller; talk in Comptoir.")
    )
    shipping_address = models.JSONField(_("shipping address"), default=dict, blank=True)
    # When the buyer first wrote to the shop about this order (case eligibility starts
    # from it). Kept by messaging; the marketplace may send it for history it imports.
    buyer_first_message_at = models.DateTimeField(null=True, blank=True)
    # "Waiting on the buyer": the shop asked for something it needs to ship (empty: not
    # waiting). The buyer's next message in the order's thread clears it.
    awaiting_buyer = models.CharField(
        _("waiting on the buyer for"), max_length=16, choices=Missing.choices, blank=True
    )
    awaiting_buyer_detail = models.TextField(_("what the shop asked"), blank=True)
    awaiting_buyer_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    # When the buyer last answered while the shop waited (their message ended the wait).
    awaiting_buyer_answered_at = models.DateTimeField(_("buyer answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["shop", "-ordered_at"], name="order_shop_recent"),
            models.Index(fields=["buyer", "-ordered_at"], name="order_buyer_recent"),
            models.Index(fields=["shop", "status", "ship_by"], name="order_shop_to_ship"),
            models.Index(
                fields=["shop", "ship_by", "id"],
                name="order_shop_awaiting_buyer",
                condition=Q(awaiting_buyer_since__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["paid", "shipped", "delivered", "cancelled"]),
                name="order_status_valid",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_ge_0"),
            models.CheckConstraint(
                condition=Q(awaiting_buyer="", awaiting_buyer_since__isnull=True)
                | Q(
                    awaiting_buyer__in=["personalisation", "address", "phone", "other"],
                    awaiting_buyer_since__isnull=False,
                ),
                name="order_awaiting_buyer_whole",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.external_id}"

    @property
    def has_tracking(self) -> bool:
        return bool(self.tracking_number)

    @property
    def is_awaiting_buyer(self) -> bool:
        return self.awaiting_buyer_since is not None


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="order_items"
    )
    title = models.CharField(_("title"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    personalisation = models.TextField(_("personalisation"), blank=True)

    class Meta:
        verbose_name = _("order item")
        verbose_name_plural = _("order items")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_item_quantity_ge_1")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"


class OrderNote(models.Model):
    """A seller's note on an order: private to the shop, or to the customer (who is told)."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private (shop only)")
        CUSTOMER = "customer", _("To the customer")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("order note")
        verbose_name_plural = _("order notes")
        indexes = [models.Index(fields=["order", "created_at"], name="ordernote_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "customer"]), name="ordernote_visibility"
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]
