from django.contrib import admin

from comptoir.catalog.models import Listing, ShippingProfile


@admin.register(ShippingProfile)
class ShippingProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "shop", "processing_days_min", "processing_days_max", "origin_country")
    list_select_related = ("shop",)
    search_fields = ("name", "external_id", "shop__name")
    raw_id_fields = ("shop",)


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title", "shop", "price", "currency", "state", "private_for")
    list_filter = ("state",)
    list_select_related = ("shop", "private_for")
    search_fields = ("title", "external_id", "shop__name")
    raw_id_fields = ("shop", "shipping_profile", "private_for")
