"""Sign-in URLs: e-mail links, marketplace-signed links, password reset and change."""

from django.urls import path

from comptoir.accounts import views_sign_in as views

_password = views.password_urls()

urlpatterns = [
    path("sign-in/email/", views.email_link_request, name="email_link_request"),
    path("sign-in/email/sent/", views.email_link_sent, name="email_link_sent"),
    path("sign-in/email/<str:secret>/", views.email_link_open, name="email_link_open"),
    path("sign-in/link/", views.signed_link, name="signed_link"),
    path("password/reset/", _password["reset"], name="password_reset"),
    path("password/reset/sent/", _password["reset_done"], name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        _password["reset_confirm"],
        name="password_reset_confirm",
    ),
    path("password/reset/done/", _password["reset_complete"], name="password_reset_complete"),
    path("account/password/", _password["change"], name="password_change"),
    path("account/password/changed/", _password["change_done"], name="password_change_done"),
]
