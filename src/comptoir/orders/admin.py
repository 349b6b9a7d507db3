from django.contrib import admin

from comptoir.orders.models import Order, OrderItem


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    raw_id_fields = ("listing",)
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("external_id", "shop", "buyer", "status", "ordered_at", "ship_by", "total")
    list_filter = ("status",)
    list_select_related = ("shop", "buyer")
    search_fields = ("external_id", "shop__name", "buyer__username", "buyer_email")
    raw_id_fields = ("shop", "buyer")
    date_hierarchy = "ordered_at"
    inlines = [OrderItemInline]
