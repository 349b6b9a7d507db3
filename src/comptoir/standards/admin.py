"""Read-only views for the back office: every change goes through the staff console
(or the API), which records it in the audit log; nothing here can edit or delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from comptoir.core.models import AuditEntry
from comptoir.standards.models import Action, Evaluation, Flag, StandardsSettings


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ("at", "actor", "verb", "shop_id", "subject_type", "subject_id")
    list_filter = ("verb",)
    search_fields = ("=shop_id", "=subject_id")
    date_hierarchy = "at"


@admin.register(Action)
class ActionAdmin(ReadOnly):
    list_display = ("shop", "step", "taken_at", "author", "automatic", "ends_on", "lifted_at")
    list_filter = ("step", "automatic")
    search_fields = ("shop__name", "shop__external_id")


@admin.register(Flag)
class FlagAdmin(ReadOnly):
    list_display = ("shop", "kind", "value", "raised_on", "seen_on", "cleared_on")
    list_filter = ("kind",)


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnly):
    list_display = ("day", "trigger", "state", "shops_evaluated", "shops_flagged", "started_at")


@admin.register(StandardsSettings)
class StandardsSettingsAdmin(ReadOnly):
    pass
