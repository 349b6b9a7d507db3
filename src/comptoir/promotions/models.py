"""A shop's sales and coupon codes, its sends to past buyers, and its follow-ups.

Marketing reaches a buyer only through messaging's `marketing_message_send`, which checks
their consent at that moment; these tables say what was sent, to whom, and why
someone was left out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.catalog.models import Listing
from comptoir.core.models import TimeStampedModel
from comptoir.orders.models import Order
from comptoir.shops.models import Shop


class DiscountKind(models.TextChoices):
    PERCENT = "percent", _("Percent off")
    AMOUNT = "amount", _("Amount off")


class Sale(TimeStampedModel):
    """A price cut on chosen listings (or all of them) between two moments."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="sales")
    name = models.CharField(_("name"), max_length=100)
    discount_kind = models.CharField(_("discount"), max_length=8, choices=DiscountKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    all_listings = models.BooleanField(_("all listings"), default=True)
    listings = models.ManyToManyField(Listing, blank=True, related_name="+")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    ended_early_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        indexes = [models.Index(fields=["shop", "ends_at"], name="sale_shop_ends")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="sale_ends_after"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="sale_amount_gt_0"),
            models.CheckConstraint(
                condition=~Q(discount_kind="percent") | Q(amount__lte=100),
                name="sale_percent_le_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Coupon(TimeStampedModel):
    """A code buyers type at checkout. `uses` is counted in the redeeming transaction and
    can never pass `usage_limit` (checked by the database too)."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="coupons")
    code = models.CharField(_("code"), max_length=40)
    discount_kind = models.CharField(_("discount"), max_length=8, choices=DiscountKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    minimum_order = models.DecimalField(
        _("minimum order"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    usage_limit = models.PositiveIntegerField(_("usage limit"), null=True, blank=True)
    per_buyer_limit = models.PositiveIntegerField(_("uses per buyer"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    uses = models.PositiveIntegerField(_("uses"), default=0)
    disabled_at = models.DateTimeField(_("turned off"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("coupon code")
        verbose_name_plural = _("coupon codes")
        constraints = [
            models.UniqueConstraint("shop", Upper("code"), name="coupon_unique_code_per_shop"),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(uses__lte=F("usage_limit")),
                name="coupon_uses_within_limit",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="coupon_amount_gt_0"),
            models.CheckConstraint(
                condition=~Q(discount_kind="percent") | Q(amount__lte=100),
                name="coupon_percent_le_100",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="coupon_ends_after",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Redemption(models.Model):
    """One use of a coupon on one marketplace order (recording it twice changes nothing)."""

    coupon = models.ForeignKey(Coupon, on_delete=models.CASCADE, related_name="redemptions")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    order_external_id = models.CharField(_("marketplace order id"), max_length=64)
    order_total = models.DecimalField(_("order total"), max_digits=12, decimal_places=2)
    discount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2)
    at = models.DateTimeField(_("redeemed"))

    class Meta:
        verbose_name = _("coupon use")
        verbose_name_plural = _("coupon uses")
        constraints = [
            models.UniqueConstraint(
                fields=["coupon", "order_external_id"], name="redemption_once_per_order"
            ),
        ]
        indexes = [models.Index(fields=["coupon", "buyer"], name="redemption_coupon_buyer")]

    def __str__(self) -> str:
        return f"{self.coupon_id} on {self.order_external_id}"


class Audience(models.TextChoices):
    ALL = "all", _("All past buyers")
    LISTING = "listing", _("Bought a listing")
    DATES = "dates", _("Bought between two dates")
    LOYAL = "loyal", _("Loyal buyers")
    # One message to one buyer (the API's marketing-messages): a send of its own.
    SINGLE = "single", _("One buyer")


class Campaign(TimeStampedModel):
    """A message (maybe with a coupon) to an audience of past buyers, sent in the background."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        # The shop's daily cap was reached: the rest goes out from the next day.
        WAITING = "waiting", _("Waiting for tomorrow's allowance")
        SENT = "sent", pgettext_lazy("send status", "Sent")
        CANCELLED = "cancelled", pgettext_lazy("send status", "Cancelled")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="campaigns")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    coupon = models.ForeignKey(
        Coupon, on_delete=models.SET_NULL, null=True, blank=True, related_name="campaigns"
    )
    audience = models.CharField(_("audience"), max_length=8, choices=Audience.choices)
    audience_listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audience_from = models.DateField(_("bought from"), null=True, blank=True)
    audience_to = models.DateField(_("bought until"), null=True, blank=True)
    audience_min_orders = models.PositiveIntegerField(_("at least N orders"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Counted when sending starts, then as it goes (the progress bar reads these).
    audience_size = models.PositiveIntegerField(_("past buyers in the audience"), default=0)
    left_out = models.PositiveIntegerField(_("left out: no consent"), default=0)
    sent = models.PositiveIntegerField(pgettext_lazy("count of messages", "sent"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrew before their turn"), default=0)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("send to past buyers")
        verbose_name_plural = _("sends to past buyers")
        indexes = [models.Index(fields=["shop", "-id"], name="campaign_shop_recent")]

    def __str__(self) -> str:
        return self.subject

    @property
    def to_send(self) -> int:
        """Recipients with consent at the start, not yet reached."""
        return max(self.audience_size - self.left_out - self.sent - self.withdrawn, 0)


class Recipient(models.Model):
    """One past buyer of a campaign's audience, and what became of them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To send")
        SENT = "sent", pgettext_lazy("recipient status", "Sent")
        LEFT_OUT = "left_out", _("Left out: no consent")
        WITHDRAWN = "withdrawn", _("Withdrew consent before their turn")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    conversation_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("when"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "buyer"], name="recipient_once"),
        ]
        indexes = [
            models.Index(fields=["campaign", "status", "id"], name="recipient_campaign_status"),
            # The shop's daily cap counts today's sends.
            models.Index(
                fields=["shop", "at"], name="recipient_shop_sent", condition=Q(status="sent")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.buyer_id}: {self.status}"


class FollowUpSettings(TimeStampedModel):
    """A shop's automatic check-in after delivery (a service message: no consent needed)."""

    shop = models.OneToOneField(Shop, on_delete=models.CASCADE, related_name="follow_up_settings")
    enabled = models.BooleanField(_("send a check-in after delivery"), default=False)
    days_after_delivery = models.PositiveSmallIntegerField(_("days after delivery"), default=3)
    body = models.TextField(_("message"))

    class Meta:
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(days_after_delivery__gte=1, days_after_delivery__lte=60),
                name="followup_days_1_to_60",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.days_after_delivery} d"


class FollowUp(models.Model):
    """The check-in of one order: sent once, or skipped for good (a case was opened)."""

    class Status(models.TextChoices):
        SENT = "sent", pgettext_lazy("follow-up status", "Sent")
        SKIPPED_CASE = "skipped_case", _("Not sent: a case was opened")

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="follow_up")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    conversation_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [models.Index(fields=["shop", "-at"], name="followup_shop_recent")]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.status}"
