"""Two-factor sign-in pages (accounts/views_two_factor.py)."""

from django.urls import path

from comptoir.accounts import views_two_factor as views

urlpatterns = [
    path("account/two-factor/", views.setup, name="two_factor_setup"),
    path("account/two-factor/verify/", views.verify, name="two_factor_verify"),
    path(
        "account/two-factor/recovery-codes/",
        views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("account/two-factor/remove/", views.remove, name="two_factor_remove"),
]
