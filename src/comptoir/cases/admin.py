from django.contrib import admin

from comptoir.cases.models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("external_id", "type", "status", "resolution", "shop", "opened_at")
    list_filter = ("type", "status", "resolution")
    list_select_related = ("shop",)
    search_fields = ("external_id", "shop__name", "order__external_id")
    raw_id_fields = ("order", "shop", "buyer")
    date_hierarchy = "opened_at"
