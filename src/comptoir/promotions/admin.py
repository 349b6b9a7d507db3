"""Read-only views of promotions for the back office: sales, coupon codes and their uses,
sends to past buyers and follow-ups are written by the app's services (the seller's pages
and the API), which check limits and consent; nothing here can change them."""

from __future__ import annotations

from django.contrib import admin

from comptoir.core.admin import ReadOnlyAdmin
from comptoir.promotions.models import (
    Campaign,
    Coupon,
    FollowUp,
    FollowUpSettings,
    Recipient,
    Redemption,
    Sale,
)


@admin.register(Sale)
class SaleAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "shop",
        "discount_kind",
        "amount",
        "starts_at",
        "ends_at",
        "ended_early_at",
    )
    list_filter = ("discount_kind",)
    search_fields = ("name", "shop__name", "shop__external_id")
    list_select_related = ("shop",)


@admin.register(Coupon)
class CouponAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "shop",
        "discount_kind",
        "amount",
        "uses",
        "usage_limit",
        "starts_at",
        "ends_at",
        "disabled_at",
    )
    list_filter = ("discount_kind",)
    search_fields = ("code", "shop__name", "shop__external_id")
    list_select_related = ("shop",)


@admin.register(Redemption)
class RedemptionAdmin(ReadOnlyAdmin):
    list_display = ("coupon", "order_external_id", "buyer", "order_total", "discount", "at")
    search_fields = ("=order_external_id", "coupon__code", "buyer__external_id")
    list_select_related = ("coupon", "buyer")
    date_hierarchy = "at"


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = (
        "subject",
        "shop",
        "status",
        "audience",
        "audience_size",
        "left_out",
        "sent",
        "started_at",
    )
    list_filter = ("status", "audience")
    search_fields = ("subject", "shop__name", "shop__external_id")
    list_select_related = ("shop",)


@admin.register(Recipient)
class RecipientAdmin(ReadOnlyAdmin):
    list_display = ("campaign", "buyer", "status", "at")
    list_filter = ("status",)
    list_select_related = ("campaign", "buyer")


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(ReadOnlyAdmin):
    list_display = ("shop", "enabled", "days_after_delivery")
    list_select_related = ("shop",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("order", "shop", "status", "at")
    list_filter = ("status",)
    list_select_related = ("order", "shop")
