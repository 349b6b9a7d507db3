"""URL patterns (filled in by the sign-in work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
