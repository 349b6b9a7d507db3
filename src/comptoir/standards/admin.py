"""Read-only views for the back office: every change goes through the staff console
(or the API), which records it in the audit log; nothing here can edit or delete."""

from __future__ import annotations

from django.contrib import admin

from comptoir.core.admin import ReadOnlyAdmin
from comptoir.core.models import AuditEntry
from comptoir.standards.models import Action, Evaluation, Flag, StandardsSettings


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "verb", "shop_id", "subject_type", "subject_id")
    list_filter = ("verb",)
    search_fields = ("=shop_id", "=subject_id")
    date_hierarchy = "at"


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("shop", "step", "taken_at", "author", "automatic", "ends_on", "lifted_at")
    list_filter = ("step", "automatic")
    search_fields = ("shop__name", "shop__external_id")


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ("shop", "kind", "value", "raised_on", "seen_on", "cleared_on")
    list_filter = ("kind",)


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("day", "trigger", "state", "shops_evaluated", "shops_flagged", "started_at")


@admin.register(StandardsSettings)
class StandardsSettingsAdmin(ReadOnlyAdmin):
    pass
