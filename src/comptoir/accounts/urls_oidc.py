"""Sign-in through the marketplace (OpenID Connect): start, callback, refusal page."""

from django.urls import URLPattern, path

from comptoir.accounts import oidc

urlpatterns: list[URLPattern] = [
    path("sign-in/oidc/", oidc.StartView.as_view(), name="oidc_start"),
    path("sign-in/oidc/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("sign-in/oidc/refused/", oidc.refused, name="oidc_refused"),
]
