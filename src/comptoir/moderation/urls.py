"""The moderation web pages: Trust & Safety's console, and reporting a message."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from comptoir.moderation import views

app_name = "moderation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/moderation/", views.queue, name="queue"),
    path("staff/moderation/flags/<id:flag_id>/", views.flag, name="flag"),
    path(
        "staff/moderation/flags/<id:flag_id>/<slug:decision>/",
        views.flag_decide,
        name="flag_decide",
    ),
    path(
        "staff/moderation/reports/<id:report_id>/close/",
        views.report_close,
        name="report_close",
    ),
    path("messages/report/<id:message_id>/", views.buyer_report, name="buyer_report"),
    path(
        "shop/<id:shop_id>/messages/report/<id:message_id>/",
        views.shop_report,
        name="shop_report",
    ),
]
