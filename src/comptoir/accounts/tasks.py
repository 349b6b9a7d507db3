"""Background work for accounts: security notices by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from comptoir.accounts.models import ApiToken

ACCOUNT_PAGE = "/account/"  # where tokens are listed and revoked (web app)


@task()
def notify_token_created(token_id: int) -> bool:
    """Tell the owner that a token was created on their account (in case it wasn't them)."""
    token = ApiToken.objects.select_related("user").filter(id=token_id).first()
    if token is None or not token.user.email:
        return False
    user = token.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = _("A new API token was created on your Comptoir account")
        body = _(
            "Hello %(name)s,\n\n"
            "An API token named “%(token)s” (starting with %(prefix)s) was created on your "
            "account. If this was not you, revoke it now and change your password:\n"
            "%(link)s\n"
        ) % {
            "name": user,
            "token": token.name,
            "prefix": token.prefix,
            "link": settings.SITE_URL.rstrip("/") + ACCOUNT_PAGE,
        }
    send_mail(subject, body, None, [user.email])
    return True
