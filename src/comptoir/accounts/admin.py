from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from comptoir.accounts.models import ApiToken, User


@admin.register(User)
class ComptoirUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "email", "external_id", "is_staff", "is_active")
    search_fields = ("username", "display_name", "email", "external_id")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Comptoir"), {"fields": ("external_id", "display_name", "language", "time_zone")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = ("prefix", "key_hash", "last_used_at", "created_at")
    raw_id_fields = ("user",)
