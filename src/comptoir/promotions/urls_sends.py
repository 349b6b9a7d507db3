"""Promotions web pages: the overview, sends to past buyers and the check-in after delivery."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from comptoir.promotions import views_sends as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("shop/<id:shop_id>/promotions/", views.home, name="home"),
    path("shop/<id:shop_id>/promotions/sends/", views.sends_list, name="sends"),
    path("shop/<id:shop_id>/promotions/sends/new/", views.send_new, name="send_new"),
    path("shop/<id:shop_id>/promotions/sends/<id:send_id>/", views.send_detail, name="send"),
    path(
        "shop/<id:shop_id>/promotions/sends/<id:send_id>/start/",
        views.send_start,
        name="send_start",
    ),
    path(
        "shop/<id:shop_id>/promotions/sends/<id:send_id>/cancel/",
        views.send_cancel,
        name="send_cancel",
    ),
    path("shop/<id:shop_id>/promotions/follow-ups/", views.follow_ups, name="follow_ups"),
]
