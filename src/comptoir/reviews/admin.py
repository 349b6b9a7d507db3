from django.contrib import admin

from comptoir.reviews.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("order", "shop", "stars", "reviewed_at", "seller_replied_at")
    list_filter = ("stars",)
    list_select_related = ("order", "shop")
    search_fields = ("external_id", "text", "shop__name")
    raw_id_fields = ("order", "shop", "buyer", "listing")
