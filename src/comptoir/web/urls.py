from django.contrib.auth import views as auth_views
from django.urls import path

from comptoir.accounts.views_sign_in import SignInView
from comptoir.web import views, views_orders

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/tokens/", views.token_create, name="token_create"),
    path("account/tokens/<id:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("shops/<slug:slug>/", views.shop_page, name="shop"),
    path("listings/<id:listing_id>/", views.listing_page, name="listing"),
    path("orders/<id:order_id>/", views_orders.buyer_order, name="buyer_order"),
    path(
        "orders/<id:order_id>/answer/", views_orders.buyer_order_answer, name="buyer_order_answer"
    ),
    path("shop/<id:shop_id>/orders/waiting/", views_orders.shop_waiting, name="shop_waiting"),
    path("shop/<id:shop_id>/orders/<id:order_id>/", views_orders.shop_order, name="shop_order"),
    path(
        "shop/<id:shop_id>/orders/<id:order_id>/message/",
        views_orders.shop_order_message,
        name="shop_order_message",
    ),
    path(
        "shop/<id:shop_id>/orders/<id:order_id>/notes/",
        views_orders.shop_order_note,
        name="shop_order_note",
    ),
    path(
        "shop/<id:shop_id>/orders/<id:order_id>/reviews/<id:review_id>/reply/",
        views_orders.shop_order_review_reply,
        name="shop_order_review_reply",
    ),
    path(
        "shop/<id:shop_id>/orders/<id:order_id>/waiting/",
        views_orders.shop_order_waiting,
        name="shop_order_waiting",
    ),
]
