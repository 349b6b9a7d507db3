"""The back office: endpoints (their secrets never shown) and the deliveries, read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from comptoir.core.admin import ReadOnlyAdmin
from comptoir.webhooks.models import Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    """Staff may pause an endpoint (untick active); the marketplace manages the rest."""

    list_display = ("url", "events", "active", "created_by", "created_at")
    list_filter = ("active",)
    search_fields = ("url",)
    list_select_related = ("created_by",)
    fields = ("url", "events", "active", "created_by", "created_at", "updated_at")
    readonly_fields = ("url", "events", "created_by", "created_at", "updated_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "event",
        "endpoint",
        "status_text",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    )
    list_filter = ("event",)
    list_select_related = ("endpoint",)
    search_fields = ("=event_id", "event")
    date_hierarchy = "created_at"

    @admin.display(description=_("status"))
    def status_text(self, obj: Delivery) -> str:
        return str(obj.status.label)
