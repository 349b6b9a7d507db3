from django.contrib.auth import views as auth_views
from django.urls import path

from comptoir.accounts.views_sign_in import SignInView
from comptoir.web import views

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
]
