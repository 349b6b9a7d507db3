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
