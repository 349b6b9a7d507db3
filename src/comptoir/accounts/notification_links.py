"""The "stop these e-mails" link in every new-message e-mail: signed, no login, for good.

The token names the person; the signature (SECRET_KEY) stops anyone from turning off
someone else's e-mails by guessing ids. It can only turn e-mails off: turning them back on
is the person's own act, on their account page, behind sign-in. So a forwarded e-mail or a
link scanner can do no more than what the e-mail's owner could do with one click.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.core.outbox import site_link

SALT = "comptoir.accounts.notifications_off"


def notifications_off_token(*, user_id: int) -> str:
    # The same token every time for a person (no timestamp): signed once per process.
    return _signed(user_id, settings.SECRET_KEY)


@lru_cache(maxsize=4096)
def _signed(user_id: int, _key: str) -> str:
    return signing.dumps({"u": user_id}, salt=SALT, compress=True)


def notifications_off_path(*, user_id: int) -> str:
    token = notifications_off_token(user_id=user_id)
    return reverse("accounts:notifications_off", kwargs={"token": token})


def notifications_off_url(*, user_id: int) -> str:
    """The absolute link for List-Unsubscribe and the e-mail's footer."""
    return site_link(notifications_off_path(user_id=user_id))


def read_notifications_off_token(token: str) -> int | None:
    """The person a token names, or None when we did not sign it (or it was changed)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    try:
        return int(data["u"])
    except (KeyError, TypeError, ValueError):
        return None


def notifications_off_person(token: str) -> User | None:
    """The active person a link stands for, or None (not signed by us, or no such person)."""
    user_id = read_notifications_off_token(token)
    if user_id is None:
        return None
    return User.objects.filter(id=user_id, is_active=True).first()


def email_notifications_set(*, user_id: int, on: bool) -> User | None:
    """Turn a person's new-message e-mails on or off; None when there is no such person.

    Idempotent: setting what is already set writes nothing.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(id=user_id, is_active=True).first()
        if user is None:
            return None
        if user.email_notifications != on:
            user.email_notifications = on
            user.save(update_fields=["email_notifications"])
    return user
