"""The consent web pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "consent"
urlpatterns: list[URLPattern | URLResolver] = []
