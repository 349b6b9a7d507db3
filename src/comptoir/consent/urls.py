"""The consent web pages: the buyer's preferences, and the one-click unsubscribe link."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from comptoir.consent import views

app_name = "consent"
urlpatterns: list[URLPattern | URLResolver] = [
    path("account/marketing/", views.preferences, name="preferences"),
    path("account/marketing/<id:shop_id>/", views.consent_change, name="set"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
