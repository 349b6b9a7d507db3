"""Promotions web pages: the seller's coupon codes and sales."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from comptoir.promotions import views_offers as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("shop/<id:shop_id>/promotions/coupons/", views.coupons, name="coupons"),
    path("shop/<id:shop_id>/promotions/coupons/<id:coupon_id>/", views.coupon, name="coupon"),
    path(
        "shop/<id:shop_id>/promotions/coupons/<id:coupon_id>/turn-off/",
        views.coupon_disable,
        name="coupon_disable",
    ),
    path("shop/<id:shop_id>/promotions/sales/", views.sales, name="sales"),
    path("shop/<id:shop_id>/promotions/sales/<id:sale_id>/end/", views.sale_end, name="sale_end"),
]
