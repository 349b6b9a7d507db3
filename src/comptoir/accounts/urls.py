"""Sign-in pages: password, e-mail links, marketplace-signed links, OIDC, two-factor; and
the new-message e-mails' switch and one-click "stop" link."""

from comptoir.accounts import urls_notifications, urls_oidc, urls_sign_in, urls_two_factor

app_name = "accounts"

urlpatterns = [
    *urls_sign_in.urlpatterns,
    *urls_oidc.urlpatterns,
    *urls_two_factor.urlpatterns,
    *urls_notifications.urlpatterns,
]
