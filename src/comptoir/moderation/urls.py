"""The moderation web pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "moderation"
urlpatterns: list[URLPattern | URLResolver] = []
