from django.contrib import admin

from comptoir.shops.models import Shop, ShopMember, ShopPolicy


class ShopMemberInline(admin.TabularInline):
    model = ShopMember
    raw_id_fields = ("user",)
    extra = 0


class ShopPolicyInline(admin.StackedInline):
    model = ShopPolicy
    extra = 0


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ("name", "external_id", "status", "searchable", "vacation_mode", "payout_hold")
    list_filter = ("status", "searchable", "vacation_mode", "payout_hold")
    search_fields = ("name", "external_id", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ShopMemberInline, ShopPolicyInline]
    # Trust & Safety measures change only through the staff console, which audits them.
    readonly_fields = (
        "staff_search_removal",
        "staff_paused",
        "staff_payout_hold",
        "staff_no_promotions",
        "staff_revoked",
    )
